package vn.motcua.sync;

import vn.motcua.sync.testing.ClientProcess;
import vn.motcua.sync.testing.PostgresCluster;
import vn.motcua.sync.testing.ServerProcess;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.sync.testing.SyncWorldExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.motcua.core.model.Dossier;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;

/**
 * kill -9 of the client mid-push and mid-pull, kill -9 of the server mid-push and mid-pull (the connection
 * drops mid-page): after restarting, nothing is lost and nothing is applied twice.
 */
@ExtendWith(SyncWorldExtension.class)
class CrashTest {
    static SyncWorld world;

    @BeforeAll
    static void start(SyncWorld w) {
        world = w;
    }

    /** Every code once on the server, with exactly the events the workstation recorded. */
    private static void assertServerHasExactly(List<String> codes, int eventsEach, String reader) throws Exception {
        SyncWorld.Client fresh = world.client(reader, SyncWorld.HEAD, Clock.systemUTC());
        fresh.sync();
        for (String code : codes) {
            Dossier d = fresh.dossier(code);
            assertEquals(eventsEach, d.events().size(), code + " applied exactly once");
        }
        assertTrue(fresh.cache.auditLog().verify().isEmpty(), "audit chain intact");
    }

    @Test
    void clientKilledMidPushLosesNothingAndDuplicatesNothing() throws Exception {
        Path data = world.dir.resolve("killed-pusher");
        CacheKey key = CacheKey.generate();
        List<String> codes = new ArrayList<>();
        SyncWorld.Client maker = world.new Client("kp", data, world.server.uri(), Clock.systemUTC(), key);
        for (int i = 0; i < 30; i++) {
            codes.add(maker.receive(SyncWorld.CLERK));
        }
        maker.cache.close();
        // Killed right after sending its second batch of 5.
        assertTrue(ClientProcess.runAndKill(data, new String(key.exportHex()), world, SyncWorld.CLERK, 5, 50, "PUSHING 25"));
        try (LocalCache reopened = CacheOpener.open(data, key)) {
            long left = reopened.sync().pendingCount();
            assertTrue(left > 0 && left <= 30, "some changes still wait: " + left);
            SyncClient http = new SyncClient(world.server.uri(), java.util.Locale.ENGLISH);
            http.login(SyncWorld.CLERK, SyncWorld.PASSWORD.toCharArray(), "WS-kp");
            SyncEngine.Report r = new SyncEngine(reopened, http, "WS-kp").syncOnce(SyncEngine.Progress.NONE);
            assertEquals(30, r.applied() + r.duplicates() + (30 - left), r.toString());
            assertEquals(0, reopened.sync().pendingCount());
            assertTrue(reopened.auditLog().verify().isEmpty());
        }
        assertServerHasExactly(codes, 1, "r-kp");
    }

    @Test
    void clientKilledMidPullResumesFromItsCursor() throws Exception {
        SyncWorld.Client a = world.client("kpa", SyncWorld.CLERK, Clock.systemUTC());
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            codes.add(a.receive(SyncWorld.CLERK));
        }
        a.sync();
        Path data = world.dir.resolve("killed-puller");
        CacheKey key = CacheKey.generate();
        CacheOpener.open(data, key).close();
        assertTrue(ClientProcess.runAndKill(data, new String(key.exportHex()), world, SyncWorld.HEAD, 5, 7, "PAGE"), "killed after its first page");
        try (LocalCache reopened = CacheOpener.open(data, key)) {
            long cursor = reopened.sync().cursor();
            assertTrue(cursor > 0, "the first page landed with its cursor");
            SyncClient http = new SyncClient(world.server.uri(), java.util.Locale.ENGLISH);
            http.login(SyncWorld.HEAD, SyncWorld.PASSWORD.toCharArray(), "WS-kpl");
            new SyncEngine(reopened, http, "WS-kpl", Clock.systemUTC(), 5, 7).syncOnce(SyncEngine.Progress.NONE);
            for (String code : codes) {
                assertEquals(1, reopened.dossierRepository().findByCode(code).orElseThrow().events().size(), code);
            }
            assertTrue(reopened.auditLog().verify().isEmpty());
        }
    }

    @Test
    void serverKilledMidPushAndMidPullLosesNothing() throws Exception {
        SyncWorld.Client a = world.client("ksa", SyncWorld.CLERK, Clock.systemUTC());
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            codes.add(a.receive(SyncWorld.CLERK));
        }
        SyncEngine small = new SyncEngine(a.cache, a.http, "WS-ksa", Clock.systemUTC(), 3, 50);
        CompletableFuture<SyncEngine.Report> push = CompletableFuture.supplyAsync(() -> {
            try {
                return small.syncOnce(SyncEngine.Progress.NONE);
            } catch (SyncException e) {
                throw new IllegalStateException(e);
            }
        });
        while (a.cache.sync().pendingCount() > 45) {
            Thread.sleep(5);
        }
        world.server.kill();
        Exception e = assertThrows(Exception.class, push::join);
        assertTrue(e.getCause() instanceof IllegalStateException && e.getCause().getCause() instanceof SyncException, e.toString());
        assertEquals(SyncException.Kind.UNREACHABLE, ((SyncException) e.getCause().getCause()).kind());
        world.server.start();
        a.http.login(SyncWorld.CLERK, SyncWorld.PASSWORD.toCharArray(), "WS-ksa");
        a.sync();
        assertEquals(0, a.cache.sync().pendingCount());

        // A reader pulling in pages of 4 when the server dies mid-way resumes after the restart.
        SyncWorld.Client b = world.client("ksb", SyncWorld.HEAD, Clock.systemUTC());
        SyncEngine paged = new SyncEngine(b.cache, b.http, "WS-ksb", Clock.systemUTC(), 10, 4);
        CompletableFuture<SyncEngine.Report> pull = CompletableFuture.supplyAsync(() -> {
            try {
                return paged.syncOnce(SyncEngine.Progress.NONE);
            } catch (SyncException x) {
                throw new IllegalStateException(x);
            }
        });
        while (b.cache.sync().cursor() == 0) {
            Thread.sleep(2);
        }
        world.server.kill();
        assertThrows(Exception.class, pull::join);
        world.server.start();
        b.http.login(SyncWorld.HEAD, SyncWorld.PASSWORD.toCharArray(), "WS-ksb");
        paged.syncOnce(SyncEngine.Progress.NONE);
        for (String code : codes) {
            assertEquals(1, b.dossier(code).events().size(), code);
        }
        assertServerHasExactly(codes, 1, "r-ks");
    }
}
