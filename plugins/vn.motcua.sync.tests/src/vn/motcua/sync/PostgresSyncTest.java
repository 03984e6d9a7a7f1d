package vn.motcua.sync;

import vn.motcua.sync.testing.ClientProcess;
import vn.motcua.sync.testing.PostgresCluster;
import vn.motcua.sync.testing.ServerProcess;
import vn.motcua.sync.testing.SyncWorld;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Role;

/** The server in production mode: a private PostgreSQL cluster on loopback behind the real server process. */
class PostgresSyncTest {
    @TempDir
    Path dir;

    @Test
    void workstationsSyncThroughPostgresAndPositionsFollowCommitOrder() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start();
                SyncWorld world = new SyncWorld(dir, Map.of("db.url", pg.url(), "db.user", "motcua", "db.password", "",
                        "test.commit.delay.ms", "2000", "test.commit.delay.match", "slow"))) {
            SyncWorld.Client a = world.client("pa", SyncWorld.CLERK, Clock.systemUTC());
            SyncWorld.Client b = world.client("pb", SyncWorld.HEAD, Clock.systemUTC());
            String code = a.receive(SyncWorld.CLERK);
            a.sync();
            b.sync();
            b.act(code, new Command.Assign(SyncWorld.SPECIALIST), SyncWorld.HEAD, Role.HEAD);
            b.sync();
            a.sync();
            assertEquals(DossierStatus.ASSIGNED, a.dossier(code).status());
            SyncTest.assertSameHistory(a.dossier(code), b.dossier(code));

            CommitOrderTest.assertNoSkip(world);

            // The rows really are in PostgreSQL.
            try (Connection c = pg.connect("motcua"); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT event_count, status FROM dossier WHERE code = '" + code + "'")) {
                assertTrue(r.next());
                assertEquals(2, r.getInt(1));
                assertEquals("ASSIGNED", r.getString(2));
            }
        }
    }
}
