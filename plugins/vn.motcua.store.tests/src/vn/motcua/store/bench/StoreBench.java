package vn.motcua.store.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import vn.motcua.core.model.DeadlineClass;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.text.VietnameseText;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.DossierFilter.Deadline;
import vn.motcua.store.DossierFilter.Sort;
import vn.motcua.store.DossierRow;
import vn.motcua.store.LocalCache;
import vn.motcua.store.internal.search.DossierSearchSql;
import vn.motcua.store.internal.search.DossierSearchSql.Sql;
import vn.motcua.store.internal.search.ListSearch;
import vn.motcua.store.internal.search.SearchTokens;

/**
 * {@code releng/bench store}: builds a cache of N realistic dossiers through the store's own bulk insert, then
 * times what the dossier list does (count + first page of 50) for each kind of search, through the store and,
 * on the same file in the same run, as raw JDBC running the same SQL. Options: {@code --dossiers N} (default
 * 1,000,000), {@code --dir DIR} (default: a new temporary folder), {@code --reuse} (query an existing cache in
 * DIR instead of building one), {@code --iterations K} (default 200 per case), {@code --cases REGEX} (only the
 * query kinds whose name matches).
 */
public final class StoreBench {
    static final int PAGE = 50;
    static final int BATCH = 1000;
    static final int PROCEDURES = 2000;
    static final long SEED = 20261120L;

    /** One sampled dossier the searches look for. */
    public record Sample(String code, String name, String citizenId, String phone, String field, String procedure) {
    }

    /** One kind of search. */
    public record Case(String name, Function<Sample, DossierFilter> filter, int iterations) {
    }

    /** Timings of one case in milliseconds. */
    public record Timing(String name, double storeP50, double storeP95, double jdbcP50, double jdbcP95, double meanHits) {
    }

    private StoreBench() {
    }

    public static void main(String[] args) throws Exception {
        int dossiers = 1_000_000;
        int iterations = 200;
        Path dir = null;
        boolean reuse = false;
        String only = ".*";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dossiers" -> dossiers = Integer.parseInt(args[++i].replace("_", ""));
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--reuse" -> reuse = true;
                case "--cases" -> only = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--dossiers N, --iterations K, --dir DIR, --reuse, --cases REGEX)");
            }
        }
        if (dir == null) {
            dir = Files.createTempDirectory("motcua-bench-");
        }
        System.out.printf("releng/bench store: %,d dossiers in %s, max heap %d MB, Java %s, %d CPUs%n", dossiers, dir,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.version(), Runtime.getRuntime().availableProcessors());
        // The benchmark's cache is encrypted like a real one; its key is kept beside it so --reuse can reopen it
        // (benchmark data only: a real cache's key is only ever wrapped in the key ring).
        Files.createDirectories(dir);
        Path keyFile = dir.resolve("bench.key");
        CacheKey key;
        if (reuse) {
            key = CacheKey.fromHex(Files.readString(keyFile).strip());
        } else {
            key = CacheKey.generate();
            Files.writeString(keyFile, new String(key.exportHex()));
        }
        if (!reuse) {
            Instant t0 = Instant.now();
            Instant loaded;
            try (LocalCache cache = CacheOpener.open(dir, key)) {
                load(cache, dossiers, true);
                loaded = Instant.now();
            }
            double s = Duration.between(t0, loaded).toMillis() / 1000.0;
            System.out.printf("close after the bulk load (compacts the file): %.1f s%n", Duration.between(loaded, Instant.now()).toMillis() / 1000.0);
            System.out.printf("bulk load: %,d dossiers in %.1f s = %,.0f dossiers/s (through JpaDossierRepository.insertAll, %d per transaction)%n",
                    dossiers, s, dossiers / s, BATCH);
        }
        System.out.printf("cache file: %,.1f MB (%s)%n", Files.size(CacheOpener.databaseFile(dir)) / 1e6, CacheOpener.databaseFile(dir));
        long o0 = System.nanoTime();
        try (LocalCache cache = CacheOpener.open(dir, key)) {
            // With --reuse on a cache of an older schema, this is its upgrade's time.
            System.out.printf("cache opened (schema migrations included) in %.1f s%n", (System.nanoTime() - o0) / 1e9);
            // The product builds the in-memory search tokens in the background after opening; until then searches
            // take the SQL-only path. Measured here once they are in place, with what building them cost.
            long m0 = System.nanoTime();
            try {
                cache.awaitListMemory(30 * 60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            System.gc();
            System.out.printf("dossier list memory built in %.1f s; heap used after GC %d MB%n", (System.nanoTime() - m0) / 1e9,
                    (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            try (Connection c = cache.connection()) {
                // H2 hands back the previous result when the same statement runs again on an unchanged database;
                // every iteration must really run its query, on both paths.
                c.createStatement().execute("SET OPTIMIZE_REUSE_RESULTS FALSE");
            }
            List<Sample> samples = samples(cache, 200, SEED);
            List<Timing> timings = new ArrayList<>();
            for (Case c : cases(iterations)) {
                if (!c.name().matches(only)) {
                    continue;
                }
                timings.add(measure(cache, c, samples));
                System.out.println(format(timings.get(timings.size() - 1)));
            }
            System.gc();
            long usedAfterGc = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            System.out.printf("heap: peak %d MB (sum of heap pools' peaks), %d MB used after GC, max %d MB%n", peakHeap() >> 20,
                    usedAfterGc >> 20, Runtime.getRuntime().maxMemory() >> 20);
            System.out.println();
            System.out.println("| query (count + first page of " + PAGE + ") | store p50 | store p95 | raw JDBC p50 | raw JDBC p95 | mean hits |");
            System.out.println("|---|---:|---:|---:|---:|---:|");
            for (Timing t : timings) {
                System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %,.0f |%n", t.name(), t.storeP50(), t.storeP95(),
                        t.jdbcP50(), t.jdbcP95(), t.meanHits());
            }
        }
    }

    /** Writes the catalogue and {@code dossiers} dossiers through the store, {@value #BATCH} per transaction. */
    public static void load(LocalCache cache, int dossiers, boolean progress) {
        List<Procedure> procedures = BenchData.procedures(SEED, PROCEDURES);
        procedures.forEach(cache.procedures()::save);
        BenchData.Dossiers gen = new BenchData.Dossiers(SEED, procedures, dossiers);
        List<Dossier> batch = new ArrayList<>(BATCH);
        long t0 = System.nanoTime();
        int written = 0;
        while (gen.hasNext()) {
            batch.add(gen.next());
            if (batch.size() == BATCH || !gen.hasNext()) {
                cache.dossierRepository().insertAll(batch);
                written += batch.size();
                batch.clear();
                if (progress && written % 100_000 == 0) {
                    double s = (System.nanoTime() - t0) / 1e9;
                    System.out.printf("  %,d dossiers, %.0f s, %,.0f/s%n", written, s, written / s);
                }
            }
        }
    }

    /** Dossiers picked at random from the cache (by id), with their procedure's field. */
    public static List<Sample> samples(LocalCache cache, int n, long seed) throws SQLException {
        List<Sample> out = new ArrayList<>();
        Random r = new Random(seed);
        try (Connection c = cache.connection()) {
            long max;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT MAX(id) FROM dossier")) {
                rs.next();
                max = rs.getLong(1);
            }
            try (PreparedStatement p = c.prepareStatement("SELECT d.code, d.applicant_name, d.applicant_id_number, d.applicant_phone,"
                    + " q.field_name, q.name FROM dossier d JOIN procedure_def q ON q.code = d.procedure_code AND q.version = d.procedure_version"
                    + " WHERE d.id = ?")) {
                while (out.size() < n) {
                    p.setLong(1, 1 + (long) (r.nextDouble() * max));
                    try (ResultSet rs = p.executeQuery()) {
                        if (rs.next()) {
                            out.add(new Sample(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                    rs.getString(6)));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The searches clerks make, each built from a sampled dossier. */
    public static List<Case> cases(int iterations) {
        Set<String> open = Set.of("RECEIVED", "ASSIGNED", "IN_PROCESS", "PENDING_APPROVAL");
        Deadline late = new Deadline(Set.of(DeadlineClass.OVERDUE, DeadlineClass.DUE_SOON), BenchData.NOW,
                BenchData.NOW.plus(Duration.ofHours(16)));
        DossierFilter byRelevance = DossierFilter.all().withSort(Sort.RELEVANCE);
        return List.of(
                new Case("dossier code", s -> byRelevance.withText(s.code()), iterations),
                new Case("name with diacritics", s -> byRelevance.withText(s.name()), iterations),
                new Case("name without diacritics", s -> byRelevance.withText(VietnameseText.fold(s.name())), iterations),
                new Case("name, first 3 letters of each word", s -> byRelevance.withText(prefixes(s.name(), 3)), iterations),
                new Case("citizen ID", s -> byRelevance.withText(s.citizenId()), iterations),
                new Case("phone", s -> byRelevance.withText(s.phone()), iterations),
                // Clerks also look a dossier up by what was asked for, alone or with the applicant's given name.
                new Case("procedure name, its last two words", s -> byRelevance.withText(lastWords(s.procedure(), 2)), iterations),
                new Case("given name + longest word of the procedure name", s -> byRelevance.withText(lastWords(s.name(), 1) + " "
                        + longestWord(s.procedure())), iterations),
                new Case("filtered list: open statuses + overdue/due soon + field, by due time", s -> DossierFilter.all()
                        .withStatuses(open).withDeadline(late).withField(s.field()).withSort(Sort.DUE_SOONEST), iterations),
                new Case("first page of the list (no filter, newest first)", s -> DossierFilter.all(), iterations),
                new Case("broad: surname + middle name (\"nguyen van\")", s -> byRelevance.withText("nguyen van"), Math.max(3, iterations / 20)));
    }

    static String lastWords(String text, int n) {
        String[] w = text.strip().split("\\s+");
        return String.join(" ", Arrays.copyOfRange(w, Math.max(0, w.length - n), w.length));
    }

    static String longestWord(String text) {
        return Arrays.stream(text.split("[\\s,]+")).max(java.util.Comparator.comparingInt(String::length)).orElse("");
    }

    static String prefixes(String name, int n) {
        return Arrays.stream(VietnameseText.fold(name).split(" ")).map(w -> w.length() > n ? w.substring(0, n) : w)
                .reduce((a, b) -> a + " " + b).orElse("");
    }

    static Timing measure(LocalCache cache, Case c, List<Sample> samples) throws SQLException {
        // Warm up both paths (JIT, EclipseLink's and H2's statement caches, the file's pages).
        try (Connection jdbc = cache.connection()) {
            for (int i = 0; i < Math.min(20, c.iterations()); i++) {
                DossierFilter f = c.filter().apply(samples.get(i % samples.size()));
                cache.dossiers().listCount(f);
                cache.dossiers().page(f, 0, PAGE);
                Jdbc.list(jdbc, f, 0, PAGE);
            }
            double[] store = new double[c.iterations()];
            double[] raw = new double[c.iterations()];
            long hits = 0;
            for (int i = 0; i < c.iterations(); i++) {
                DossierFilter f = c.filter().apply(samples.get(i % samples.size()));
                // The cache version moves so the store cannot answer from the plan it remembered last iteration.
                cache.changed();
                long t0 = System.nanoTime();
                hits += cache.dossiers().listCount(f).value();
                cache.dossiers().page(f, 0, PAGE);
                long t1 = System.nanoTime();
                Jdbc.list(jdbc, f, 0, PAGE);
                long t2 = System.nanoTime();
                store[i] = (t1 - t0) / 1e6;
                raw[i] = (t2 - t1) / 1e6;
            }
            return new Timing(c.name(), percentile(store, 50), percentile(store, 95), percentile(raw, 50), percentile(raw, 95),
                    hits / (double) c.iterations());
        }
    }

    static double percentile(double[] v, int p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(p / 100.0 * s.length) - 1)];
    }

    static String format(Timing t) {
        return String.format(Locale.ROOT, "  %-70s store p50 %6.1f ms p95 %6.1f ms | raw JDBC p50 %6.1f ms p95 %6.1f ms | %,.0f hits", t.name(),
                t.storeP50(), t.storeP95(), t.jdbcP50(), t.jdbcP95(), t.meanHits());
    }

    static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    /** The baseline: the store's own SQL, run with plain JDBC on the same connection pool, without the in-memory search tokens. */
    public static final class Jdbc {
        private Jdbc() {
        }

        /** Exact count, as {@code DossierQueries.count}. */
        public static long count(Connection c, DossierFilter f) throws SQLException {
            ListSearch.Plan plan = ListSearch.plan(c, f);
            if (plan.broad()) {
                return single(c, DossierSearchSql.countUpTo(f, plan.words(), Integer.MAX_VALUE - 1));
            }
            return ListSearch.count(c, f, plan).value();
        }

        /** The baseline's own planner statistics, as the store keeps its own. */
        private static final ListSearch.TokenStatistics STATS = new ListSearch.TokenStatistics();

        /** What the list does on raw JDBC: plan once, its count, its first page; returns the page's codes. */
        public static List<String> list(Connection c, DossierFilter f, int offset, int limit) throws SQLException {
            ListSearch.Plan plan = ListSearch.plan(c, f, ListSearch.CANDIDATE_LIMIT, STATS);
            ListSearch.count(c, f, plan);
            return ListSearch.page(c, f, plan, offset, limit).stream().map(r -> (String) r[0]).toList();
        }

        /** Codes of one page, in order. */
        public static List<String> page(Connection c, DossierFilter f, int offset, int limit) throws SQLException {
            return ListSearch.page(c, f, ListSearch.plan(c, f), offset, limit).stream().map(r -> (String) r[0]).toList();
        }

        private static long single(Connection c, Sql sql) throws SQLException {
            try (PreparedStatement p = prepare(c, sql); ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }

        private static PreparedStatement prepare(Connection c, Sql sql) throws SQLException {
            PreparedStatement p = c.prepareStatement(sql.sql());
            for (int i = 0; i < sql.params().size(); i++) {
                p.setObject(i + 1, sql.params().get(i));
            }
            return p;
        }
    }

    /** Rows of a page through the store, for tests. */
    static List<String> codes(List<DossierRow> rows) {
        return rows.stream().map(DossierRow::code).toList();
    }
}
