package vn.motcua.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.sync.testing.SyncWorld.CLERK;
import static vn.motcua.sync.testing.SyncWorld.SPECIALIST;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.sync.testing.SyncWorld;

/**
 * A workstation left running past its session's end (issue 20: "with the default 12 h, a PC logged in at 07:00 stops
 * syncing at 19:00"): with sessions of 3 seconds on a real server, the sync job drops the password after its first
 * login and renews each expired session with the user's signing key; a change made after the renewals reaches the
 * server. Ordered by the job's own status events, not by sleeps.
 */
class SessionRenewalTest {
    @TempDir
    Path dir;

    @Test
    void syncGoesOnPastTheSessionsEndWithoutThePassword() throws Exception {
        try (SyncWorld world = new SyncWorld(dir.resolve("world"), Map.of("token.seconds", "3"))) {
            Path data = dir.resolve("ws");
            WorkstationEnrolment.Enrolled e = new WorkstationEnrolment(data, new SyncClient(world.server.uri(), Locale.ENGLISH), "WS-R",
                    Locale.ENGLISH).enrol(CLERK, SyncWorld.PASSWORD.toCharArray());
            try (LocalCache cache = CacheOpener.open(data, e.key())) {
                cache.users().save(e.user());
                cache.signCommandsWith(e.userKey());
                SyncClient client = new SyncClient(world.server.uri(), Locale.ENGLISH);
                SyncJob job = new SyncJob(new SyncEngine(cache, client, "WS-R"), cache, Locale.ENGLISH, Duration.ofMillis(300), Duration.ofSeconds(2));
                BlockingQueue<SyncStatus> events = new LinkedBlockingQueue<>();
                job.addListener(events::add);
                job.loginWith(client, CLERK, SyncWorld.PASSWORD.toCharArray(), "WS-R", e.userKey(), data);
                job.start();
                try {
                    awaitEvent(events, "a first round", () -> cache.sync().state(vn.motcua.store.SyncLedger.LAST_SUCCESS).isPresent());
                    assertFalse(job.holdsPassword(), "the password is wiped after the first online login");

                    awaitEvent(events, "the session renewed with the key", () -> job.status().sessionRenewedAt() != null);
                    Instant first = job.status().sessionRenewedAt();
                    String code = world.receiveInto(cache, "H21.17-RENEW-00001", CLERK, "WS-R");
                    job.syncNow();
                    awaitEvent(events, "the change sent", () -> cache.sync().pendingCount() == 0 && job.status().lastError() == null);
                    awaitEvent(events, "a second renewal", () -> job.status().sessionRenewedAt().isAfter(first));
                    assertFalse(job.holdsPassword());
                    assertEquals(null, job.status().lastError(), "no 'session expired' for the user");

                    SyncWorld.Client reader = world.client("reader", SPECIALIST, Clock.systemUTC());
                    reader.sync();
                    assertEquals(CLERK, reader.dossier(code).events().get(0).actorUsername());
                } finally {
                    job.stop(Duration.ofSeconds(10));
                }
            }
        }
    }

    /** Waits for status events of the job until {@code done} holds (it is asked after each event). */
    private static void awaitEvent(BlockingQueue<SyncStatus> events, String what, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!done.getAsBoolean()) {
            long left = end - System.nanoTime();
            SyncStatus s = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
            assertTrue(s != null || done.getAsBoolean(), "no event brought " + what);
        }
        events.clear();
    }
}
