package vn.motcua.reports.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Locale;

import vn.motcua.reports.IndexRules;
import vn.motcua.reports.Report;
import vn.motcua.reports.ReportPeriod;
import vn.motcua.reports.Reports;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.LocalCache;
import vn.motcua.training.DemoData;

/**
 * {@code releng/bench reports [--dossiers N]}: a month's and a year's report (every table and the 766 indicators)
 * over a demo cache of N dossiers (default 100,000, built once in a set-up JVM and kept in the temporary folder),
 * against a raw JDBC baseline that reads the same dossier rows and their events once, in the same run.
 */
public final class ReportsBench {
    private ReportsBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = 100_000;
        String seed = null;
        String cacheDir = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--dossiers" -> n = Integer.parseInt(args[i + 1]);
                case "--seed-dossiers" -> seed = args[i + 1];
                case "--cache" -> cacheDir = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Path.of(seed != null ? seed : cacheDir != null ? cacheDir : System.getProperty("java.io.tmpdir") + "/motcua-reports-bench-" + n);
        if (seed != null) {
            try (LocalCache cache = CacheOpener.open(dir, key(dir))) {
                if (cache.dossiers().count(DossierFilter.all()) == 0) {
                    long t = System.nanoTime();
                    DemoData.seed(cache, DemoData.DEFAULT_SEED, n, Instant.now());
                    System.out.printf("  seeded %,d dossiers in %.0f s (set-up, not timed below)%n", n, (System.nanoTime() - t) / 1e9);
                }
            }
            return;
        }
        try (LocalCache cache = CacheOpener.open(dir, key(dir))) {
            long total = cache.dossiers().count(DossierFilter.all());
            System.out.printf("reports bench: %,d dossiers in %s, heap max %d MB%n", total, dir, Runtime.getRuntime().maxMemory() >> 20);
            Instant now = Instant.now();
            LocalDate today = LocalDate.now(ReportPeriod.VIETNAM);
            Reports reports = new Reports(new vn.motcua.store.ReportFacts(cache), IndexRules.shipped());
            for (ReportPeriod p : new ReportPeriod[] { ReportPeriod.month(YearMonth.from(today)), new ReportPeriod(today.minusYears(1).plusDays(1), today) }) {
                reports.compute(p, DemoData.communeCode(), now, Locale.ENGLISH); // warm-up
                long best = Long.MAX_VALUE;
                Report r = null;
                for (int i = 0; i < 3; i++) {
                    long t = System.nanoTime();
                    r = reports.compute(p, DemoData.communeCode(), now, Locale.ENGLISH);
                    r.tables();
                    best = Math.min(best, System.nanoTime() - t);
                }
                long raw = Long.MAX_VALUE;
                long rows = 0;
                for (int i = 0; i < 3; i++) {
                    long t = System.nanoTime();
                    rows = raw(cache, p);
                    raw = Math.min(raw, System.nanoTime() - t);
                }
                System.out.printf("  %s: %,d dossiers counted, report with every table and the 766 index %.0f ms; raw JDBC read of the same"
                        + " dossiers and events %.0f ms (%,d rows) — %.1fx; 766 points %.1f/%.0f%n", p.days(), r.facts().size(), best / 1e6, raw / 1e6,
                        rows, (double) best / raw, r.points(), r.computablePoints());
            }
            System.gc();
            System.out.printf("  heap used after: %d MB%n", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        }
    }

    /** Baseline: the period's dossiers (received in it) and all their events, read once by plain JDBC, nothing computed. */
    static long raw(LocalCache cache, ReportPeriod p) throws Exception {
        long rows = 0;
        try (Connection c = cache.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT d.id, d.code, d.status, d.received_at, d.due_at, d.finished_at, e.action, e.at, e.new_due_at FROM dossier d"
                        + " JOIN dossier_event e ON e.dossier_id = d.id WHERE d.received_at >= ? AND d.received_at < ?")) {
            s.setObject(1, OffsetDateTime.ofInstant(p.start(), ReportPeriod.VIETNAM));
            s.setObject(2, OffsetDateTime.ofInstant(p.end(), ReportPeriod.VIETNAM));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows++;
                    r.getString(2);
                    r.getObject(8);
                }
            }
        }
        return rows;
    }

    static CacheKey key(Path dir) throws java.io.IOException {
        Path f = dir.resolve("bench.key");
        if (Files.exists(f)) {
            return CacheKey.fromHex(Files.readString(f).strip());
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(dir.resolve("motcua.mv.db"));
        CacheKey k = CacheKey.generate();
        Files.writeString(f, new String(k.exportHex()));
        return k;
    }
}
