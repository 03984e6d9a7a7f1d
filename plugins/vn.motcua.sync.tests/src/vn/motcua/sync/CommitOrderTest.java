package vn.motcua.sync;

import vn.motcua.sync.testing.ClientProcess;
import vn.motcua.sync.testing.PostgresCluster;
import vn.motcua.sync.testing.ServerProcess;
import vn.motcua.sync.testing.SyncWorld;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sync.api.Messages.Change;
import vn.motcua.sync.api.Messages.PullResponse;

/**
 * The change log follows commit order: a change that takes its position first but commits late is never
 * skipped by a reader that meanwhile saw later work. The server holds the transaction of dossiers whose code
 * contains "slow" open for 2 s after taking the position (a test setting); another workstation pushes in
 * that window while a third polls. With a plain sequence, the second change would commit first with a higher
 * number, the poller would move its cursor past the slow one and never see it.
 */
class CommitOrderTest {
    @TempDir
    Path dir;

    @Test
    void aDelayedCommitIsNeverSkipped() throws Exception {
        try (SyncWorld world = new SyncWorld(dir, Map.of("test.commit.delay.ms", "2000", "test.commit.delay.match", "slow"))) {
            assertNoSkip(world);
        }
    }

    /** Also used against PostgreSQL. */
    static void assertNoSkip(SyncWorld world) throws Exception {
        SyncWorld.Client slow = world.client("slow", SyncWorld.CLERK, Clock.systemUTC());
        SyncWorld.Client quick = world.client("quick", SyncWorld.CLERK, Clock.systemUTC());
        SyncWorld.Client reader = world.client("reader", SyncWorld.HEAD, Clock.systemUTC());
        long start = reader.http.pull(0, 1000).cursor();
        String slowCode = slow.receive(SyncWorld.CLERK);
        String quickCode = quick.receive(SyncWorld.CLERK);

        CompletableFuture<SyncEngine.Report> slowPush = CompletableFuture.supplyAsync(() -> sync(slow));
        // Wait until the slow transaction holds its position (the server says so), however loaded the machine.
        world.server.awaitOutput("holding the commit of " + slowCode, java.time.Duration.ofSeconds(60));
        long quickStarted = System.nanoTime();
        CompletableFuture<SyncEngine.Report> quickPush = CompletableFuture.supplyAsync(() -> sync(quick));
        // Poll like a workstation does while both are in flight.
        List<Change> seen = new ArrayList<>();
        long cursor = start;
        while (!(slowPush.isDone() && quickPush.isDone())) {
            PullResponse p = reader.http.pull(cursor, 1000);
            seen.addAll(p.changes());
            cursor = p.cursor();
            Thread.sleep(50);
        }
        PullResponse last = reader.http.pull(cursor, 1000);
        seen.addAll(last.changes());
        long quickTook = (System.nanoTime() - quickStarted) / 1_000_000;

        List<String> codes = seen.stream().map(c -> c.dossier().code()).toList();
        assertTrue(codes.contains(slowCode), "the slow change was skipped: " + codes);
        assertTrue(codes.contains(quickCode), codes.toString());
        long slowPos = seen.stream().filter(c -> c.dossier().code().equals(slowCode)).findFirst().orElseThrow().position();
        long quickPos = seen.stream().filter(c -> c.dossier().code().equals(quickCode)).findFirst().orElseThrow().position();
        assertTrue(slowPos < quickPos, "positions follow commit order: " + slowPos + " < " + quickPos);
        // A figure, not an assertion: the order above is what matters, and a loaded machine decides the wait.
        System.out.println("[commit-order] the second writer's push took " + quickTook + " ms while the first held its commit");
        assertEquals(1, slowPush.get().applied());
        assertEquals(1, quickPush.get().applied());
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i).position() > seen.get(i - 1).position(), "a reader sees positions only rising");
        }
    }

    private static SyncEngine.Report sync(SyncWorld.Client c) {
        try {
            return c.sync();
        } catch (SyncException e) {
            throw new IllegalStateException(e);
        }
    }
}
