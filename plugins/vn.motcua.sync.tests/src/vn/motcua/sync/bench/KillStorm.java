package vn.motcua.sync.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.Role;
import vn.motcua.store.CacheException;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.LocalCache;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.SyncEngine;
import vn.motcua.sync.testing.StormWorkstation;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.training.DemoData;
import vn.motcua.training.DemoDataGenerator;

/**
 * A kill storm (issue 21): a workstation process ({@link StormWorkstation}: the product's store and sync, the
 * product's mix of receptions, list queries and a sync round every 2 s) killed with SIGKILL again and again at random
 * moments — during its work, during a first sync's pages, during the compaction of its close, during a schema
 * migration — against a real sync server, while another workstation keeps feeding that server. Every acknowledged
 * operation the victim printed is appended to the driver's own log and forced to disk before anything else happens.
 * After each kill the victim's cache is opened again and checked: it opens, nothing acknowledged is missing, no number
 * was acknowledged twice, the audit chain verifies, and a sync round brings the outbox to empty (converges). At the end
 * the server must hold every acknowledged reception once.
 *
 * <pre>releng/bench crash [--kills N] [--retention-ms MS] [--dir DIR]</pre>
 *
 * The test command runs a short form (KillStormTest: 20 kills with a 1 s retention time, so H2 frees old space within
 * seconds); the benchmark keeps the product's own settings.
 */
public final class KillStorm {
    /** What the storm found. */
    public record Result(int kills, Map<String, Integer> killedDuring, int acknowledgedReceptions, int acknowledgedRounds, int missing,
            int numbersTwice, int didNotOpen, int auditBroken, int notConverged, int restoredFromJournal, int missingOnServer, List<String> problems) {
        public boolean clean() {
            return missing + numbersTwice + didNotOpen + auditBroken + notConverged + missingOnServer == 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d kills %s; acknowledged %d receptions and %d sync rounds; missing %d, numbers issued twice %d, "
                    + "did not open %d, audit chain broken %d, not converged %d, missing on the server %d; restored from the journal %d%s", kills,
                    killedDuring, acknowledgedReceptions, acknowledgedRounds, missing, numbersTwice, didNotOpen, auditBroken, notConverged,
                    missingOnServer, restoredFromJournal, problems.isEmpty() ? "" : "\n  " + String.join("\n  ", problems));
        }
    }

    private final Path dir;
    private final String classPath;
    private final Integer retentionMillis;
    private final Duration maxWork;
    private final Random random;
    private final CacheKey keyA = CacheKey.generate();
    private final String wsA = "WS-STORM-A";
    private final Set<String> acked = new LinkedHashSet<>();
    private long ackedCursor;
    private int rounds;
    private FileChannel ackLog;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Integer> during = new TreeMap<>();
    private int kills;
    private int missing;
    private int twice;
    private int didNotOpen;
    private int auditBroken;
    private int notConverged;
    private int restored;
    /** The driver's own session as workstation A, for the sync round after each check (one login: Argon2 is slow on purpose). */
    private SyncClient checker;

    /**
     * @param classPath       the victim's class path (the store, sync and test-support jars)
     * @param retentionMillis H2's retention time for the victim, null for the product's own
     * @param maxWork         the longest the victim works before it is killed
     */
    public KillStorm(Path dir, String classPath, Integer retentionMillis, Duration maxWork, long seed) {
        this(dir, classPath, retentionMillis, false, maxWork, seed);
    }

    /** @param reuseSpace the victim with H2's space reuse, as before issue 21 (the baseline) */
    public KillStorm(Path dir, String classPath, Integer retentionMillis, boolean reuseSpace, Duration maxWork, long seed) {
        this.dir = dir;
        this.classPath = classPath;
        this.retentionMillis = retentionMillis;
        this.reuseSpace = reuseSpace;
        this.maxWork = maxWork;
        this.random = new Random(seed);
    }

    private final boolean reuseSpace;
    private boolean verbose;

    public static void main(String[] args) throws Exception {
        int kills = 200;
        Integer retention = null;
        boolean reuse = false;
        int maxWorkSeconds = 30;
        Path dir = Files.createTempDirectory("motcua-kill-storm");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
            case "--kills" -> kills = Integer.parseInt(args[++i]);
            case "--retention-ms" -> retention = Integer.valueOf(args[++i]);
            case "--dir" -> dir = Files.createDirectories(Path.of(args[++i]));
            case "--reuse-space" -> reuse = true;
            case "--max-work-seconds" -> maxWorkSeconds = Integer.parseInt(args[++i]);
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("Kill storm: %d kills of the store+sync workstation process (%s%s; work up to %d s before a kill), in %s%n", kills,
                retention == null ? "the product's H2 settings" : "H2 retention time " + retention + " ms",
                reuse ? ", WITH space reuse: the baseline before issue 21" : "", maxWorkSeconds, dir);
        long t0 = System.nanoTime();
        KillStorm storm = new KillStorm(dir, System.getProperty("java.class.path"), retention, reuse, Duration.ofSeconds(maxWorkSeconds), 21);
        storm.verbose = true;
        Result r = storm.run(kills);
        System.out.printf("%s%n  in %.1f min%n", r, (System.nanoTime() - t0) / 60e9);
        System.exit(r.clean() ? 0 : 1);
    }

    public Result run(int target) throws Exception {
        try (SyncBench.World w = SyncBench.world(dir.resolve("world"), null);
                LocalCache feeder = CacheOpener.open(dir.resolve("feeder"), CacheKey.generate())) {
            // A server with history, so a first sync takes several pages.
            SyncBench.seed(w.server().database(), new DemoDataGenerator(vn.motcua.core.calendar.WorkingTimeCalendar.defaults())
                    .dossiers(3, 2_500, w.catalogue(), DemoData.communeCode(), Instant.now()));
            SyncClient feedClient = new SyncClient(w.uri(), Locale.ENGLISH);
            feedClient.login(SyncWorld.SPECIALIST, SyncBench.PASSWORD.toCharArray(), "WS-STORM-FEEDER");
            SyncEngine feed = new SyncEngine(feeder, feedClient, "WS-STORM-FEEDER");
            feed.syncReference();
            Actor feederClerk = new Actor(DemoData.demoUsers().stream().filter(u -> u.username().equals(SyncWorld.CLERK)).findFirst().orElseThrow(),
                    Role.CLERK, "WS-STORM-FEEDER");
            ackLog = FileChannel.open(dir.resolve("acknowledged.log"), StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            int fed = 0;
            long started = System.nanoTime();
            for (int i = 0; kills < target; i++) {
                // The other workstation's work since: the victim's next rounds pull it.
                for (int k = 0; k < 3; k++) {
                    fed++;
                    Transition t = SyncWorld.reception(w.catalogue().get(fed % w.catalogue().size()), "H21.17-STORMFEED-" + fed, "Người nộp " + fed,
                            feederClerk, Instant.now());
                    feeder.dossierRepository().save(t.dossier(), t.event());
                }
                feed.syncOnce(SyncEngine.Progress.NONE);
                switch (i % 10) {
                case 3 -> firstSync(w.uri(), i);
                case 6 -> closeWithCompaction(w.uri());
                case 9 -> migration(w.uri());
                default -> work(w.uri());
                }
                if (verbose || kills % 10 == 0 && kills > 0) {
                    System.out.printf("  %d kills so far (%.0f s) %s, %d receptions acknowledged, %d problems%n", kills, (System.nanoTime() - started) / 1e9,
                            during, acked.size(), problems.size());
                }
            }
            int onServer = missingOnServer(w.uri());
            ackLog.close();
            return new Result(kills, during, acked.size(), rounds, missing, twice, didNotOpen, auditBroken, notConverged, restored, onServer,
                    problems);
        }
    }

    // ---- scenarios ----

    private void work(URI server) throws Exception {
        Victim v = start(dir.resolve("a"), keyA, server, wsA, "work");
        // From its first acknowledged operation on: the kill lands among receptions, rounds and list queries.
        v.await("ACK ", Duration.ofMinutes(3));
        killAfter(v, Duration.ofMillis(random.nextLong(maxWork.toMillis())), "work");
        checkA(server);
    }

    /** A close that rewrites the file (SHUTDOWN COMPACT), killed somewhere in it. */
    private void closeWithCompaction(URI server) throws Exception {
        Victim v = start(dir.resolve("a"), keyA, server, wsA, "close");
        v.await("CLOSING", Duration.ofMinutes(3));
        killAfter(v, Duration.ofMillis(random.nextInt(400)), "close (compaction)");
        checkA(server);
    }

    /** The cache back at schema 10; its next opening migrates it, and is killed somewhere in it. */
    private void migration(URI server) throws Exception {
        Victim d = start(dir.resolve("a"), keyA, server, wsA, "downgrade");
        d.await("DOWNGRADED", Duration.ofMinutes(3));
        d.process.waitFor(60, TimeUnit.SECONDS);
        Victim v = start(dir.resolve("a"), keyA, server, wsA, "work");
        v.await("OPENING", Duration.ofMinutes(3));
        killAfter(v, Duration.ofMillis(random.nextInt(1500)), "opening (schema migration)");
        checkA(server);
    }

    /** A new workstation's first sync, killed between its pages; the next start goes on from the last page stored. */
    private void firstSync(URI server, int n) throws Exception {
        Path b = dir.resolve("b-" + n);
        CacheKey keyB = CacheKey.generate();
        Victim v = start(b, keyB, server, "WS-STORM-B" + n, "work");
        String page = v.await("PAGE", Duration.ofMinutes(3));
        killAfter(v, Duration.ofMillis(random.nextInt(1500)), "first sync");
        long acknowledgedPage = Math.max(Long.parseLong(page.substring(5)), v.lastPage);
        try (LocalCache c = CacheOpener.open(b, keyB)) {
            if (c.sync().cursor() < acknowledgedPage) {
                missing++;
                problems.add("first sync " + n + ": page up to " + acknowledgedPage + " acknowledged, reopened at " + c.sync().cursor());
            }
            verifyAudit(c, "first sync " + n);
            SyncClient http = new SyncClient(server, Locale.ENGLISH);
            http.login(SyncWorld.CLERK, SyncBench.PASSWORD.toCharArray(), "WS-STORM-B" + n);
            new SyncEngine(c, http, "WS-STORM-B" + n).syncOnce(SyncEngine.Progress.NONE);
            long local = c.dossiers().count(DossierFilter.all());
            long distinct = countDistinctCodes(c);
            if (local != distinct) {
                twice++;
                problems.add("first sync " + n + ": " + local + " dossiers for " + distinct + " codes");
            }
        } catch (CacheException e) {
            didNotOpen++;
            problems.add("first sync " + n + ": " + e);
        }
        SyncWorld.deleteTree(b);
    }

    // ---- the victim ----

    private final class Victim {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        volatile String last = "";
        volatile long lastPage;

        Victim(Process process) {
            this.process = process;
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null;) {
                        acknowledge(line);
                        last = line;
                        if (line.startsWith("PAGE ")) {
                            lastPage = Long.parseLong(line.substring(5));
                        }
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process died: that is the point
                }
                lines.add("EOF");
            }, "storm-victim-output");
            t.setDaemon(true);
            t.start();
        }

        /** The first line starting with {@code prefix} (acknowledgements are recorded as they come, whatever is awaited). */
        String await(String prefix, Duration timeout) throws Exception {
            long end = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < end) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    continue;
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
                if (line.equals("EOF")) {
                    throw new IllegalStateException("the storm's workstation ended before " + prefix + ": see " + dir.resolve("victim.err"));
                }
            }
            throw new IllegalStateException("no " + prefix + " within " + timeout + ": see " + dir.resolve("victim.err"));
        }
    }

    private Victim start(Path data, CacheKey key, URI server, String workstation, String mode) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m"));
        if (retentionMillis != null) {
            cmd.add("-D" + CacheOpener.RETENTION_PROPERTY + "=" + retentionMillis);
        }
        if (reuseSpace) {
            cmd.add("-D" + CacheOpener.REUSE_SPACE_PROPERTY + "=true");
        }
        cmd.addAll(List.of("-cp", classPath, StormWorkstation.class.getName(), data.toString(), server.toString(), SyncWorld.CLERK,
                SyncBench.PASSWORD, workstation, mode));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("victim.err").toFile()));
        pb.environment().put("MOTCUA_TEST_CACHE_KEY", new String(key.exportHex()));
        return new Victim(pb.start());
    }

    /** Records an acknowledged operation in the driver's own log, forced to disk, before anything else happens. */
    private synchronized void acknowledge(String line) throws IOException {
        if (!line.startsWith("ACK ")) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap((Instant.now() + " " + line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            ackLog.write(b);
        }
        ackLog.force(false);
        if (line.startsWith("ACK RECEIVE ")) {
            String code = line.substring("ACK RECEIVE ".length());
            if (!acked.add(code)) {
                twice++;
                problems.add("number issued twice: " + code);
            }
        } else if (line.startsWith("ACK ROUND ")) {
            ackedCursor = Math.max(ackedCursor, Long.parseLong(line.substring("ACK ROUND ".length())));
            rounds++;
        }
    }

    private void killAfter(Victim v, Duration delay, String scenario) throws Exception {
        long end = System.nanoTime() + delay.toNanos();
        while (System.nanoTime() < end && v.process.isAlive()) {
            Thread.sleep(Math.max(1, Math.min(50, (end - System.nanoTime()) / 1_000_000)));
        }
        boolean hit = v.process.isAlive() && !v.last.equals("CLOSED");
        v.process.destroyForcibly();
        v.process.waitFor(60, TimeUnit.SECONDS);
        // Acknowledgements still in the pipe were printed before the kill: read them all.
        v.await("EOF", Duration.ofSeconds(30));
        if (hit) {
            kills++;
            during.merge(scenario + ": " + moment(v.last), 1, Integer::sum);
        }
    }

    /** Where the victim was, from the last line it printed before the kill. */
    private static String moment(String last) {
        if (last.startsWith("OPENING")) {
            return "opening (migrations, journal)";
        } else if (last.startsWith("PAGE")) {
            return "between pulled pages";
        } else if (last.startsWith("CLOSING")) {
            return "closing";
        } else if (last.startsWith("ACK RECEIVE")) {
            return "after a reception";
        } else if (last.startsWith("ACK ROUND")) {
            return "after a sync round";
        }
        return "after opening";
    }

    // ---- the checks ----

    private void checkA(URI server) throws Exception {
        LocalCache c;
        try {
            c = CacheOpener.open(dir.resolve("a"), keyA);
        } catch (CacheException e) {
            didNotOpen++;
            problems.add("the cache did not open after kill " + kills + ": " + e);
            throw e;
        }
        try (LocalCache cache = c) {
            restored += cache.recovery().restored().size();
            for (String code : acked) {
                Optional<Dossier> d = cache.dossierRepository().findByCode(code);
                if (d.isEmpty() || d.get().events().stream().noneMatch(e -> e.action() == DossierAction.RECEIVE)) {
                    missing++;
                    problems.add("after kill " + kills + ": acknowledged reception " + code + " missing");
                } else if (!issued(cache, code)) {
                    missing++;
                    problems.add("after kill " + kills + ": the number of " + code + " is free again");
                }
            }
            if (cache.sync().cursor() < ackedCursor) {
                missing++;
                problems.add("after kill " + kills + ": sync cursor " + ackedCursor + " acknowledged, reopened at " + cache.sync().cursor());
            }
            verifyAudit(cache, "after kill " + kills);
            if (checker == null) {
                checker = new SyncClient(server, Locale.ENGLISH);
                checker.login(SyncWorld.CLERK, SyncBench.PASSWORD.toCharArray(), wsA);
            }
            SyncEngine engine = new SyncEngine(cache, checker, wsA);
            for (int i = 0; i < 3 && cache.sync().pendingCount() > 0; i++) {
                engine.syncOnce(SyncEngine.Progress.NONE);
            }
            if (cache.sync().pendingCount() > 0 || !cache.sync().conflicts(true).isEmpty()) {
                notConverged++;
                problems.add("after kill " + kills + ": " + cache.sync().pendingCount() + " changes still pending, "
                        + cache.sync().conflicts(true).size() + " conflicts");
            }
            ackedCursor = Math.max(ackedCursor, cache.sync().cursor());
        }
    }

    private void verifyAudit(LocalCache cache, String when) {
        cache.auditLog().verify().ifPresent(b -> {
            auditBroken++;
            problems.add(when + ": audit chain broken at " + b);
        });
    }

    /** Every acknowledged reception on the server, once, read by a workstation of the same agency from scratch. */
    private int missingOnServer(URI server) throws Exception {
        try (LocalCache reader = CacheOpener.open(dir.resolve("reader"), CacheKey.generate())) {
            SyncClient http = new SyncClient(server, Locale.ENGLISH);
            http.login(SyncWorld.HEAD, SyncBench.PASSWORD.toCharArray(), "WS-STORM-READER");
            new SyncEngine(reader, http, "WS-STORM-READER").syncOnce(SyncEngine.Progress.NONE);
            int absent = 0;
            for (String code : acked) {
                Optional<Dossier> d = reader.dossierRepository().findByCode(code);
                if (d.isEmpty() || d.get().events().stream().filter(e -> e.action() == DossierAction.RECEIVE).count() != 1) {
                    absent++;
                    problems.add("on the server: " + code + (d.isEmpty() ? " missing" : " not received exactly once"));
                }
            }
            if (reader.dossiers().count(DossierFilter.all()) != countDistinctCodes(reader)) {
                absent++;
                problems.add("on the server: a code held twice");
            }
            return absent;
        }
    }

    private static boolean issued(LocalCache cache, String code) {
        vn.motcua.core.code.DossierCode c = vn.motcua.core.code.DossierCode.parse(code).orElseThrow();
        return cache.numberBlocks().issued("-", c.agencyCode(), c.receptionDate()).contains(c.sequence());
    }

    private static long countDistinctCodes(LocalCache cache) throws Exception {
        try (java.sql.Connection c = cache.connection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT COUNT(DISTINCT code) FROM dossier")) {
            r.next();
            return r.getLong(1);
        }
    }
}
