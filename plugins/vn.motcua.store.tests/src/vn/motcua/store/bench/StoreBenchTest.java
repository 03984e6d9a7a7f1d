package vn.motcua.store.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.DossierRow;
import vn.motcua.store.LocalCache;
import vn.motcua.store.bench.StoreBench.Case;
import vn.motcua.store.bench.StoreBench.Sample;
import vn.motcua.store.internal.search.ListSearch;
import vn.motcua.store.internal.search.SearchTokens;

/**
 * The short form of {@code releng/bench store}: 20,000 generated dossiers, and every benchmark query checked
 * for correct results against a brute-force scan in Java and against the raw-JDBC baseline. Timings are not
 * checked here (see docs/benchmarks.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreBenchTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    static final int DOSSIERS = 20_000;

    LocalCache cache;
    List<Sample> samples;
    List<Row> all;

    /** What the brute force needs of each dossier. */
    record Row(String code, Set<String> tokens, String status, Instant due, Instant received, String field) {
    }

    @BeforeAll
    void build(@TempDir Path dir) throws Exception {
        cache = CacheOpener.open(dir, KEY);
        // New snapshots of the in-memory search tokens are built while the load goes on, so the searches below run
        // on a snapshot plus the writes since (both paths of DossierListMemory), checked against the brute force.
        cache.dossierListMemory().refoldAfter(5_000);
        StoreBench.load(cache, DOSSIERS, false);
        long end = System.nanoTime() + 120_000_000_000L;
        while (cache.dossierListMemory().building() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue(cache.dossierListMemory().ready());
        assertTrue(cache.dossierListMemory().writtenSinceSnapshot() < DOSSIERS, "a snapshot took in part of the load");
        samples = StoreBench.samples(cache, 30, 7);
        all = new ArrayList<>();
        try (Connection c = cache.connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT d.code, d.applicant_name, d.applicant_id_number, d.applicant_phone, d.procedure_code, p.name, d.status, d.due_at,"
                        + " d.received_at, p.field_name FROM dossier d JOIN procedure_def p ON p.code = d.procedure_code")) {
            while (r.next()) {
                all.add(new Row(r.getString(1), SearchTokens.ofDossier(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getString(6)), r.getString(7), r.getObject(8, OffsetDateTime.class).toInstant(),
                        r.getObject(9, OffsetDateTime.class).toInstant(), r.getString(10)));
            }
        }
    }

    @AfterAll
    void close() {
        if (cache != null) {
            cache.close();
        }
    }

    @Test
    void theCacheHoldsWhatWasGenerated() {
        assertEquals(DOSSIERS, all.size());
        assertEquals(DOSSIERS, cache.dossiers().count(DossierFilter.all()));
        long nguyen = all.stream().filter(r -> r.tokens().contains("nguyen")).count();
        assertTrue(nguyen > DOSSIERS / 4 && nguyen < DOSSIERS / 2, "Nguyễn is the most common surname: " + nguyen);
        assertEquals(DOSSIERS, cache.auditLog().size());
    }

    @Test
    void textSearchesFindExactlyWhatAScanFinds() throws Exception {
        for (Case c : StoreBench.cases(1)) {
            for (Sample s : samples) {
                DossierFilter f = c.filter().apply(s);
                if (f.text().isEmpty()) {
                    continue;
                }
                List<String> words = SearchTokens.queryWords(f.text());
                Predicate<Row> matches = r -> words.stream().allMatch(w -> r.tokens().stream().anyMatch(t -> t.startsWith(w)));
                long expected = all.stream().filter(matches).count();
                assertEquals(expected, cache.dossiers().count(f), c.name() + ": " + f.text());
                List<String> page = codes(cache.dossiers().page(f, 0, StoreBench.PAGE));
                assertEquals(Math.min(expected, StoreBench.PAGE), page.size());
                if (!c.name().startsWith("broad")) {
                    assertTrue(page.contains(s.code()) || expected > StoreBench.PAGE, c.name() + " finds its sample " + s.code());
                }
                // Relevance: words typed in full first, then newest first.
                Comparator<Row> newest = Comparator.comparing(Row::received).thenComparing(Row::code).reversed();
                Comparator<Row> relevance = Comparator.<Row>comparingLong(r -> words.stream().filter(r.tokens()::contains).count())
                        .reversed().thenComparing(newest);
                assertEquals(all.stream().filter(matches).sorted(relevance).limit(StoreBench.PAGE).map(Row::code).toList(), page,
                        c.name() + ": order of " + f.text());
                vn.motcua.store.ListCount listed = cache.dossiers().listCount(f);
                assertEquals(expected, listed.value(), "a candidate search counts exactly");
                assertTrue(listed.exact());
                try (Connection jdbc = cache.connection()) {
                    assertEquals(page, StoreBench.Jdbc.page(jdbc, f, 0, StoreBench.PAGE), "raw JDBC runs the same statements");
                    assertEquals(expected, StoreBench.Jdbc.count(jdbc, f));
                    // The same search forced broad (as common words are at a million dossiers): newest first, and a
                    // count that stops at the cap.
                    ListSearch.Plan broad = ListSearch.plan(jdbc, f, 1, new ListSearch.TokenStatistics());
                    assertTrue(broad.broad());
                    assertEquals(all.stream().filter(matches).sorted(newest).limit(StoreBench.PAGE).map(Row::code).toList(),
                            ListSearch.page(jdbc, f, broad, 0, StoreBench.PAGE).stream().map(r -> (String) r[0]).toList(),
                            c.name() + ": broad order of " + f.text());
                    ListSearch.Count capped = ListSearch.count(jdbc, f, broad);
                    if (expected > ListSearch.BROAD_COUNT_CAP) {
                        assertEquals(new ListSearch.Count(ListSearch.BROAD_COUNT_CAP, false), capped);
                    } else {
                        assertEquals(new ListSearch.Count(expected, true), capped);
                    }
                }
            }
        }
        Sample s = samples.get(0);
        assertEquals(List.of(s.code()), codes(cache.dossiers().page(DossierFilter.all().withText(s.code()), 0, 10)));
    }

    @Test
    void theFilteredListAndTheFirstPageAreRight() {
        List<Case> cases = StoreBench.cases(1);
        Case filtered = cases.stream().filter(c -> c.name().startsWith("filtered")).findFirst().orElseThrow();
        Instant soon = BenchData.NOW.plusSeconds(16 * 3600);
        Set<String> open = Set.of("RECEIVED", "ASSIGNED", "IN_PROCESS", "PENDING_APPROVAL");
        for (Sample s : samples) {
            DossierFilter f = filtered.filter().apply(s);
            List<Row> expected = all.stream().filter(r -> open.contains(r.status()) && !DossierStatus.valueOf(r.status()).isPaused()
                    && r.field().equals(s.field()) && !r.due().isAfter(soon))
                    .sorted(Comparator.comparing(Row::due).thenComparing(Row::code)).toList();
            assertEquals(expected.size(), cache.dossiers().count(f), "filtered list for " + s.field());
            assertEquals(expected.stream().limit(StoreBench.PAGE).map(Row::code).toList(), codes(cache.dossiers().page(f, 0, StoreBench.PAGE)));
        }
        List<String> newest = all.stream().sorted(Comparator.comparing(Row::received).thenComparing(Row::code).reversed())
                .limit(StoreBench.PAGE).map(Row::code).toList();
        assertEquals(newest, codes(cache.dossiers().page(DossierFilter.all(), 0, StoreBench.PAGE)));
    }

    @Test
    void theMeasuringLoopRuns() throws Exception {
        for (Case c : StoreBench.cases(3)) {
            StoreBench.Timing t = StoreBench.measure(cache, c, samples);
            assertTrue(t.storeP95() >= t.storeP50() && t.jdbcP95() >= t.jdbcP50(), t.toString());
        }
    }

    private static List<String> codes(List<DossierRow> rows) {
        return rows.stream().map(DossierRow::code).toList();
    }
}
