package vn.motcua.sync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.Role;
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
 * {@code releng/bench day [--dossiers N] [--hours H] [--receptions R]}: what a working day costs the cache file now that
 * H2 does not reuse space (issue 21). A workstation with a cache of N dossiers (first sync, closed, opened again as in
 * the morning) works a simulated day against a real server: a sync round every 2 s (8 h = 14,400 rounds, run back to
 * back), R receptions at its counter (journaled, each forced to disk), another workstation's 3 × R receptions pulled in
 * between, a list query every minute. Printed: the file's size every hour, the journal's, the forced writes, and the
 * close (with the compaction the policy decides) — once with space reuse (H2's default, the baseline) and once without
 * (the product), each in its own JVM.
 */
public final class DayBench {
    public static void main(String[] args) throws Exception {
        int dossiers = 5_000;
        int hours = 8;
        int receptions = 500;
        boolean one = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
            case "--dossiers" -> dossiers = Integer.parseInt(args[++i]);
            case "--hours" -> hours = Integer.parseInt(args[++i]);
            case "--receptions" -> receptions = Integer.parseInt(args[++i]);
            case "--one" -> one = true;
            default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (one) {
            day(dossiers, hours, receptions);
            return;
        }
        System.out.printf("day bench: a cache of %,d dossiers, %d h of sync rounds every 2 s, %d receptions; JDK %s, %d CPUs%n", dossiers, hours,
                receptions, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        for (boolean reuse : new boolean[] { true, false }) {
            System.out.println(reuse ? "-- baseline: H2 reuses freed space (REUSE_SPACE=TRUE, the setting before issue 21)"
                    : "-- the product: no space reuse (REUSE_SPACE=FALSE), compaction on close when old versions outweigh the data");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
                    "-D" + CacheOpener.REUSE_SPACE_PROPERTY + "=" + reuse, "-cp", System.getProperty("java.class.path"), DayBench.class.getName(),
                    "--one", "--dossiers", Integer.toString(dossiers), "--hours", Integer.toString(hours), "--receptions", Integer.toString(receptions))
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                System.exit(1);
            }
        }
    }

    static void day(int dossiers, int hours, int receptions) throws Exception {
        Path dir = Files.createTempDirectory("motcua-day-bench");
        try (SyncBench.World w = SyncBench.world(dir.resolve("world"), null);
                LocalCache other = CacheOpener.open(dir.resolve("other"), CacheKey.generate())) {
            SyncBench.seed(w.server().database(), new DemoDataGenerator(vn.motcua.core.calendar.WorkingTimeCalendar.defaults())
                    .dossiers(5, dossiers, w.catalogue(), DemoData.communeCode(), Instant.now()));
            SyncClient otherClient = new SyncClient(w.uri(), Locale.ENGLISH);
            otherClient.login(SyncWorld.SPECIALIST, SyncBench.PASSWORD.toCharArray(), "WS-DAY-OTHER");
            SyncEngine otherEngine = new SyncEngine(other, otherClient, "WS-DAY-OTHER");
            otherEngine.syncReference();
            Actor otherClerk = new Actor(DemoData.demoUsers().stream().filter(u -> u.username().equals(SyncWorld.CLERK)).findFirst().orElseThrow(),
                    Role.CLERK, "WS-DAY-OTHER");

            Path data = dir.resolve("ws");
            CacheKey key = CacheKey.generate();
            SyncClient http = new SyncClient(w.uri(), Locale.ENGLISH);
            http.login(SyncWorld.CLERK, SyncBench.PASSWORD.toCharArray(), "WS-DAY");
            try (LocalCache cache = CacheOpener.open(data, key)) {
                SyncEngine e = new SyncEngine(cache, http, "WS-DAY");
                e.syncReference();
                e.syncOnce(SyncEngine.Progress.NONE);
            }
            long morning = Files.size(CacheOpener.databaseFile(data));
            System.out.printf("  morning: %,d dossiers, file %.1f MB%n", dossiers, morning / 1e6);

            int rounds = hours * 1800;
            int every = Math.max(1, rounds / receptions);
            Random random = new Random(1);
            long t0 = System.nanoTime();
            long journalSyncs;
            long journalBytes;
            LocalCache cache = CacheOpener.open(data, key);
            SyncEngine e = new SyncEngine(cache, http, "WS-DAY");
            e.syncReference();
            Actor clerk = new Actor(http.user(), Role.CLERK, "WS-DAY");
            List<Procedure> catalogue = cache.procedures().activeCatalogue();
            long syncsBefore = cache.journal().syncs();
            int received = 0;
            int fed = 0;
            List<String> hourly = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                if (r % every == 0 && received < receptions) {
                    e.topUpNumbers(clerk.user().agencyCode(), 20, 50);
                    StormWorkstation.receive(cache, catalogue.get(random.nextInt(catalogue.size())), clerk, received++);
                    for (int k = 0; k < 3; k++) {
                        fed++;
                        Transition t = SyncWorld.reception(catalogue.get(fed % catalogue.size()), "H21.17-DAY-" + fed, "Người nộp " + fed, otherClerk,
                                Instant.now());
                        other.dossierRepository().save(t.dossier(), t.event());
                    }
                    otherEngine.syncOnce(SyncEngine.Progress.NONE);
                }
                e.syncOnce(SyncEngine.Progress.NONE);
                if (r % 30 == 0) {
                    cache.dossiers().page(DossierFilter.all().withText("nguoi nop " + random.nextInt(100)), 0, 50);
                }
                if (r % 1800 == 0) {
                    hourly.add(String.format(Locale.ROOT, "%.1f", Files.size(CacheOpener.databaseFile(data)) / 1e6));
                }
            }
            journalSyncs = cache.journal().syncs() - syncsBefore;
            journalBytes = cache.journal().size();
            LocalCache.CacheSpace space = cache.space();
            long evening = Files.size(CacheOpener.databaseFile(data));
            double dayMinutes = (System.nanoTime() - t0) / 60e9;
            long c0 = System.nanoTime();
            cache.close();
            double closeSeconds = (System.nanoTime() - c0) / 1e9;
            long closed = Files.size(CacheOpener.databaseFile(data));
            System.out.printf("  the day (%d rounds, %d receptions, %d pulled from another workstation) ran in %.1f min%n", rounds, received, fed,
                    dayMinutes);
            System.out.printf("  file by the hour (MB): %s%n", String.join(", ", hourly));
            System.out.printf("  evening: file %.1f MB (%+.1f MB in the day; H2: %d%% of the file in chunks, %d%% of the chunks live)%n", evening / 1e6,
                    (evening - morning) / 1e6, space.fillRate(), space.chunksFillRate());
            System.out.printf("  journal: %d forced writes for %d receptions, %.1f MB%n", journalSyncs, received, journalBytes / 1e6);
            System.out.printf("  close: %.2f s%s, file %.1f MB after%n", closeSeconds, space.compactionDue() ? " (compacted)" : " (no compaction due)",
                    closed / 1e6);
            long r0 = System.nanoTime();
            try (LocalCache reopened = CacheOpener.open(data, key)) {
                reopened.compactOnClose();
                reopened.dossiers().count(DossierFilter.all());
            }
            System.out.printf("  a compaction forced at the next close: %.2f s (open included), file %.1f MB after%n", (System.nanoTime() - r0) / 1e9,
                    Files.size(CacheOpener.databaseFile(data)) / 1e6);
        }
        SyncWorld.deleteTree(dir);
    }

    private DayBench() {
    }
}
