package vn.motcua.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.Role;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.ChangeJournal;
import vn.motcua.sync.testing.StormWorkstation;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.sync.testing.SyncWorldExtension;

/**
 * A cache that came back older than the server's knowledge of it (issue 21): outbox rows the server already applied,
 * a cursor behind, numbers printed on receipts it no longer knows. Put back as an older copy of its file (the journal
 * beside it kept), or with the whole data folder put back: it converges with no dossier twice on the server, no local
 * work lost that the journal or the server knew, and no number that reached a receipt given again.
 */
@ExtendWith(SyncWorldExtension.class)
class RollbackSyncTest {
    static SyncWorld world;

    @BeforeAll
    static void start(SyncWorld w) {
        world = w;
    }

    /** Receptions with numbers from the workstation's server blocks, as the counter makes them. */
    private static List<String> receive(SyncWorld.Client ws, int n) throws Exception {
        ws.engine.topUpNumbers(ws.http.user().agencyCode(), 20, 50);
        Actor clerk = ws.actor(SyncWorld.CLERK, Role.CLERK);
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            codes.add(StormWorkstation.receive(ws.cache, world.catalogue.get(i % world.catalogue.size()), clerk, i));
        }
        return codes;
    }

    @Test
    void anOlderCopyOfTheCacheFileConvergesWithoutDuplicatesAndLosesNothing() throws Exception {
        SyncWorld.Client a = world.client("rb1", SyncWorld.CLERK, Clock.systemUTC());
        List<String> first = receive(a, 3);
        a.sync();
        a.cache.close();
        Path backup = world.dir.resolve("rb1-backup.mv.db");
        Files.copy(CacheOpener.databaseFile(a.data), backup);
        a.reopen();
        List<String> synced = receive(a, 2);
        a.sync(); // on the server now: the copy will have them in its outbox again
        List<String> pending = receive(a, 2);
        a.cache.close();

        Files.copy(backup, CacheOpener.databaseFile(a.data), StandardCopyOption.REPLACE_EXISTING);
        a.reopen();
        assertEquals(4, a.cache.recovery().restored().size(), a.cache.recovery().toString());
        SyncEngine.Report r = a.sync();
        assertEquals(4, r.applied() + r.duplicates(), r.toString());
        assertEquals(2, r.duplicates(), "the server answers what it already had from its stored answers: " + r);
        assertEquals(0, a.cache.sync().pendingCount());
        assertTrue(a.cache.sync().conflicts(true).isEmpty());
        List<String> all = concat(first, synced, pending);
        assertOnServerOnce(all, "rb1-reader");
        String next = receive(a, 1).get(0);
        assertFalse(all.contains(next), "a number already on a receipt: " + next);
        assertTrue(a.cache.auditLog().verify().isEmpty());
    }

    @Test
    void anOlderCopyOfTheWholeDataFolderIsBroughtBackByTheServerAndItsNumbersAreNotGivenAgain() throws Exception {
        SyncWorld.Client a = world.client("rb2", SyncWorld.CLERK, Clock.systemUTC());
        List<String> first = receive(a, 3);
        a.sync();
        a.cache.close();
        Path backup = world.dir.resolve("rb2-backup");
        copyFolder(a.data, backup);
        a.reopen();
        List<String> synced = receive(a, 2);
        a.sync();
        // Received after the last sync and lost with the folder: no copy of them is left anywhere.
        List<String> lost = receive(a, 2);
        a.cache.close();

        SyncWorld.deleteTree(a.data);
        copyFolder(backup, a.data);
        a.reopen();
        assertTrue(a.cache.recovery().clean(), "the journal came back as old as the cache: " + a.cache.recovery());
        SyncEngine.Report r = a.sync();
        assertEquals(2, r.restoredFromServer(), "the cache says it came back older than the server's knowledge: " + r);
        for (String code : concat(first, synced)) {
            assertEquals(1, a.dossier(code).events().size(), code + " back from the server");
        }
        assertEquals(0, a.cache.sync().pendingCount());
        // The numbers of the lost receptions were on receipts: today's blocks and slice are set aside, none is given again.
        Set<String> printed = new HashSet<>(concat(first, synced, lost));
        for (String code : receive(a, 5)) {
            assertFalse(printed.contains(code), "a number already on a receipt given again: " + code);
        }
        SyncStatus status = new SyncJob(a.engine, a.cache, java.util.Locale.ENGLISH, java.time.Duration.ofSeconds(2),
                java.time.Duration.ofMinutes(1)).status();
        assertTrue(status.notice() != null && status.notice().contains("2 changes"), String.valueOf(status.notice()));
        assertOnServerOnce(concat(first, synced), "rb2-reader");
    }

    private static void assertOnServerOnce(List<String> codes, String reader) throws Exception {
        SyncWorld.Client fresh = world.client(reader, SyncWorld.HEAD, Clock.systemUTC());
        fresh.sync();
        for (String code : codes) {
            Optional<Dossier> d = fresh.cache.dossierRepository().findByCode(code);
            assertTrue(d.isPresent(), code + " missing on the server");
            assertEquals(1, d.get().events().size(), code + " applied exactly once");
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().endsWith(".lock")) {
                    Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        assertTrue(Files.exists(to.resolve(ChangeJournal.FILE)));
    }
}
