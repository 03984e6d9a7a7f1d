package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Crash safety with real process kills: a separate JVM ({@link CrashWriter}) writes dossiers to an H2 file
 * and reports each commit; it is killed with SIGKILL ({@link Process#destroyForcibly()}) mid-write, several
 * times. Every time the cache must open, hold every dossier reported committed with all its events, hold no
 * half-written dossier, and its audit log must still verify.
 */
class CrashSafetyTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    static final int ROUNDS = 4;

    @TempDir
    Path dir;

    @Test
    void killedWritersLoseNothingCommittedAndLeaveNothingHalfWritten() throws Exception {
        Map<String, Integer> committed = new ConcurrentHashMap<>();
        Random random = new Random(42);
        for (int round = 1; round <= ROUNDS; round++) {
            Path log = dir.resolve("writer-" + round + ".err");
            ProcessBuilder pb = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-cp", classPath(), CrashWriter.class.getName(),
                    dir.resolve("cache").toString(), Integer.toString(round)).redirectError(log.toFile());
            pb.environment().put("MOTCUA_TEST_CACHE_KEY", new String(KEY.exportHex()));
            Process p = pb.start();
            AtomicInteger seen = new AtomicInteger();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        if (line.startsWith("COMMITTED ")) {
                            String[] f = line.split(" ");
                            committed.merge(f[1], Integer.parseInt(f[2]), Math::max);
                            seen.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    // the pipe breaks when the process dies: that is the point
                }
            }, "crash-writer-output");
            reader.start();
            // Kill after a random number of reported commits — an event, not a time: a loaded machine only makes the
            // run longer. The guard ends a writer that hangs; by then any number of commits (at least one) will do.
            long hangGuard = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            int target = 20 + random.nextInt(40);
            while (seen.get() < target && p.isAlive() && System.nanoTime() < hangGuard) {
                Thread.sleep(5);
            }
            assertTrue(p.isAlive(), "writer died by itself: " + Files.readString(log) + " class path: " + classPath());
            assertTrue(seen.get() >= 1, "the writer committed nothing in five minutes: " + Files.readString(log));
            System.out.println("[crash-safety] killing the writer after " + seen.get() + " reported commits (target " + target + ")");
            Thread.sleep(random.nextInt(50)); // land anywhere in the next write
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue(), "killed by SIGKILL");
            reader.join(5000);
            checkAfterCrash(committed);
        }
    }

    private void checkAfterCrash(Map<String, Integer> committed) throws Exception {
        try (LocalCache cache = CacheOpener.open(dir.resolve("cache"), KEY)) {
            for (Map.Entry<String, Integer> c : committed.entrySet()) {
                Optional<DossierDetails> d = cache.dossiers().find(c.getKey());
                assertTrue(d.isPresent(), "committed dossier lost: " + c.getKey());
                assertTrue(d.get().events().size() >= c.getValue(), c.getKey() + " lost events: " + d.get().events().size());
            }
            try (Connection con = cache.connection(); Statement s = con.createStatement()) {
                // Nothing half-written: every dossier has its history 1..n (n >= 3) matching its status, its paper and its tokens.
                try (ResultSet r = s.executeQuery("SELECT d.code, d.status, COUNT(e.id), MIN(e.seq), MAX(e.seq), MAX(e.to_status)"
                        + " FROM dossier d LEFT JOIN dossier_event e ON e.dossier_id = d.id GROUP BY d.id, d.code, d.status")) {
                    while (r.next()) {
                        String code = r.getString(1);
                        int n = r.getInt(3);
                        assertTrue(n >= 3 && r.getInt(4) == 1 && r.getInt(5) == n, code + " has a broken history of " + n + " events");
                        assertEquals(n == 3 ? "IN_PROCESS" : "PENDING_APPROVAL", r.getString(2), code + " status vs. history");
                    }
                }
                assertEquals(0, single(s, "SELECT COUNT(*) FROM dossier d WHERE NOT EXISTS (SELECT 1 FROM received_paper p WHERE p.dossier_id = d.id)"));
                assertEquals(0, single(s, "SELECT COUNT(*) FROM dossier d WHERE NOT EXISTS (SELECT 1 FROM dossier_search_token t WHERE t.dossier_id = d.id)"));
                assertTrue(single(s, "SELECT COUNT(*) FROM dossier") >= committed.size());
            }
            assertEquals(Optional.empty(), cache.auditLog().verify(), "audit chain intact after the crash");
            assertEquals(cache.dossiers().count(DossierFilter.all()), cache.dossiers().count(DossierFilter.all().withText("nhung")));
        }
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * A flat class path for the writer, from the locations of the bundles this test runs with: ours, EclipseLink,
     * Jakarta Persistence, ASM and H2. Plain JPA over H2 needs no OSGi.
     */
    static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        // The store writes its sync outbox as protocol JSON: vn.motcua.sync.api and Jackson too.
        List<String> wanted = List.of("vn.motcua.core", "vn.motcua.store", "vn.motcua.sync.api", "org.eclipse.persistence.", "jakarta.persistence",
                "com.h2database", "org.h2", "org.objectweb.asm", "com.fasterxml.jackson.");
        for (Bundle b : FrameworkUtil.getBundle(CacheOpener.class).getBundleContext().getBundles()) {
            String name = b.getSymbolicName();
            if (name != null && wanted.stream().anyMatch(name::startsWith)) {
                entries.addAll(locations(b));
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * A bundle's files: its jar, or for a folder bundle (Tycho runs the bundle under test from the reactor)
     * its compiled classes. Locations read like {@code reference:file:/path} or {@code reference:file:../../x.jar}.
     */
    private static List<String> locations(Bundle b) {
        String loc = b.getLocation();
        int file = loc.indexOf("file:");
        List<String> out = new ArrayList<>();
        if (file < 0) {
            return out;
        }
        // Equinox resolves relative locations against its install area.
        String area = System.getProperty("osgi.install.area", "file:.");
        Path base = Path.of(area.substring(area.indexOf("file:") + "file:".length()));
        Path path = base.resolve(loc.substring(file + "file:".length())).normalize().toAbsolutePath();
        if (Files.isDirectory(path)) {
            for (String classes : List.of("target/classes", "target/test-classes")) {
                if (Files.isDirectory(path.resolve(classes))) {
                    out.add(path.resolve(classes).toString());
                }
            }
        }
        out.add(path.toString());
        return out;
    }
}
