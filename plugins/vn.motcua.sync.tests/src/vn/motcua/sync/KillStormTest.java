package vn.motcua.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sync.bench.KillStorm;
import vn.motcua.sync.testing.ClientProcess;

/**
 * The kill storm's short form (issue 21; the benchmark `releng/bench crash` runs 200 kills with the product's settings):
 * 20 SIGKILLs of a workstation process doing the product's mix against a real server — during its work, a first sync's
 * pages, the compaction of its close, a schema migration — with H2's retention time cut to 1 s so that freed space is
 * reused within seconds (the lost-commits failure needed 45 s of work). After every kill: the cache opens, nothing
 * acknowledged is missing, no number was given twice, the audit chain verifies, sync converges.
 */
class KillStormTest {
    @TempDir
    Path dir;

    @Test
    void twentyKillsLoseNothingAcknowledged() throws Exception {
        KillStorm.Result r = new KillStorm(dir, ClientProcess.classPath(), 1000, Duration.ofSeconds(5), 20).run(20);
        System.out.println("Kill storm (short form): " + r);
        assertTrue(r.clean(), r.toString());
        assertEquals(20, r.kills());
        assertTrue(r.acknowledgedReceptions() > 0 && r.acknowledgedRounds() > 0, "the victim worked between the kills: " + r);
    }
}
