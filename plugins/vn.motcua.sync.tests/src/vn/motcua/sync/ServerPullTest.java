package vn.motcua.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.server.ServerConfig;
import vn.motcua.server.ServerDatabase;
import vn.motcua.server.ServerMain;
import vn.motcua.server.SyncService;

/**
 * The server's pull on its own (H2, in this JVM): an agency's dossiers and those transferred to it, merged in position
 * order page by page — the two are read by separate index scans that stop at the page's end — up to the head, nothing
 * of another agency, nothing skipped or given twice across page boundaries.
 */
class ServerPullTest {
    @TempDir
    Path dir;

    @Test
    void pagesMergeOwnAndTransferredDossiersInPositionOrder() throws Exception {
        Path config = vn.motcua.sync.testing.ServerProcess.writeConfig(dir.resolve("server.properties"), dir.resolve("server"), 0, Map.of());
        try (ServerMain server = new ServerMain(ServerConfig.load(config, Map.of()))) {
            // Positions 1..40: mostly A's own, every third another agency's (every sixth of those transferred to A).
            List<Long> visible = new ArrayList<>();
            try (ServerDatabase.Pooled pooled = server.database().borrow()) {
                Connection c = pooled.connection();
                c.setAutoCommit(false);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO dossier (code, agency_code, transferred_to, event_count, status,"
                        + " log_position, body) VALUES (?, ?, ?, 1, 'RECEIVED', ?, ?)")) {
                    for (long pos = 1; pos <= 40; pos++) {
                        boolean other = pos % 3 == 0;
                        boolean transferredHere = other && pos % 6 == 0;
                        s.setString(1, "D-" + pos);
                        s.setString(2, other ? "B" : "A");
                        s.setString(3, transferredHere ? "A" : pos % 5 == 0 ? "B" : null);
                        s.setLong(4, pos);
                        s.setString(5, "{\"p\":" + pos + "}");
                        s.executeUpdate();
                        if (!other || transferredHere) {
                            visible.add(pos);
                        }
                    }
                }
                // Position 41 is written but not yet counted: above the head, so not given (everything up to the head
                // has committed; past it a pull may not look).
                try (PreparedStatement s = c.prepareStatement("INSERT INTO dossier (code, agency_code, transferred_to, event_count, status,"
                        + " log_position, body) VALUES ('D-41', 'A', NULL, 1, 'RECEIVED', 41, '{}')")) {
                    s.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("UPDATE change_counter SET log_position = 40 WHERE id = 1")) {
                    s.executeUpdate();
                }
                c.commit();
                c.setAutoCommit(true);
            }
            SyncService.Caller caller = new SyncService.Caller(new User("a1", "A", "A", Set.of(Role.CLERK)), "WS-A");
            List<Long> got = new ArrayList<>();
            long cursor = 0;
            int pages = 0;
            while (true) {
                SyncService.RawPullResponse page = server.service().pull(caller, cursor, 4);
                pages++;
                assertEquals(40, page.head());
                assertTrue(page.changes().size() <= 4);
                page.changes().forEach(ch -> got.add(ch.position()));
                assertTrue(page.cursor() > cursor || page.changes().isEmpty(), "the cursor moves on");
                cursor = page.cursor();
                if (!page.more()) {
                    break;
                }
                assertEquals(4, page.changes().size(), "a page with more after it is full");
                assertEquals(page.changes().get(3).position(), page.cursor());
            }
            assertEquals(visible, got, "own and transferred-here dossiers, in position order, each once");
            assertEquals(40, cursor, "the last page jumps to the head");
            assertEquals((visible.size() + 3) / 4, pages);
            assertFalse(got.contains(41L));
            // Asked again from the end: nothing new below the head.
            assertTrue(server.service().pull(caller, cursor, 4).changes().isEmpty());
        }
    }
}
