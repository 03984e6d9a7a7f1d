package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Dossier;
import vn.motcua.store.DossierFilter.Sort;
import vn.motcua.store.internal.search.ListSearch;
import vn.motcua.store.internal.search.SearchTokenMemory;

/**
 * The in-memory search tokens narrow a text search's candidates without changing its results: on a real H2 file,
 * for snapshot dossiers, dossiers written after the snapshot, renamed ones and after a new snapshot folds writes in.
 */
class SearchTokenMemoryTest {
    private static final CacheKey KEY = CacheKey.generate();
    private static final String[] SURNAMES = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng" };
    private static final String[] MIDDLE = { "Văn", "Thị", "Đức", "Ngọc", "Minh" };
    private static final String[] GIVEN = { "Anh", "Ánh", "Hùng", "Hưng", "Lan", "Long", "Đào", "Dũng", "Nguyên", "Thu" };
    private static final Instant DAY = Instant.parse("2026-11-01T02:00:00Z");

    @TempDir
    Path dir;
    LocalCache cache;
    int next = 1;
    final Random random = new Random(7);

    @BeforeEach
    void seed() throws Exception {
        cache = CacheOpener.open(dir, KEY);
        cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
        cache.procedures().save(Fixtures.procedure("2.000908", "Chứng thực bản sao từ bản chính", "Chứng thực"));
        cache.dossierRepository().insertAll(dossiers(400));
        cache.close();
        cache = CacheOpener.open(dir, KEY); // the snapshot is built from the file
        assertTrue(cache.searchTokenMemory().awaitReady(60_000), "snapshot built");
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private List<Dossier> dossiers(int n) {
        List<Dossier> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(dossier(pick(SURNAMES) + " " + pick(MIDDLE) + " " + pick(GIVEN)));
        }
        return out;
    }

    private Dossier dossier(String name) {
        int k = next++;
        // Every tenth shares its reception time with the one before (ties are ordered by code, as in SQL).
        Instant received = DAY.plus(Duration.ofMinutes(k % 10 == 0 ? k - 1 : k));
        return Fixtures.received(String.format("000.00.10.H29-261101-%04d", k), k % 3 == 0 ? "2.000908" : "1.001193", name,
                String.format("0010900%05d", k), String.format("09120%05d", k), received, DAY.plus(Duration.ofDays(5)));
    }

    private String pick(String[] a) {
        return a[random.nextInt(a.length)];
    }

    /** The queries checked: full names, without diacritics, word prefixes, words out of order, procedure words. */
    private static final List<String> QUERIES = List.of("Nguyễn Văn Hùng", "nguyen van hung", "ngu van hu", "thi lan tran", "le minh",
            "đặng đào", "dang dao", "hoang ngoc anh", "pham duc", "chung thuc tran", "khai sinh thu", "van 000.00.10",
            "tran 0912", "nguyen xyz");

    /**
     * Dossiers found with the memory and by the plain SQL path (no memory): always the same, in the same order — for
     * plain searches (answered in memory, also when every word is taken as common) and filtered ones (narrowed).
     */
    private void sameAsSql() throws Exception {
        List<DossierFilter> filters = new ArrayList<>();
        for (String query : QUERIES) {
            filters.add(DossierFilter.all().withText(query).withSort(Sort.RELEVANCE));
            filters.add(DossierFilter.all().withText(query).withSort(Sort.RECEIVED_NEWEST));
            filters.add(DossierFilter.all().withText(query).withSort(Sort.CODE));
            filters.add(DossierFilter.all().withText(query).withProcedureCode("1.001193").withSort(Sort.RELEVANCE));
        }
        try (Connection c = cache.connection()) {
            for (DossierFilter f : filters) {
                ListSearch.Plan plain = ListSearch.plan(c, f, Integer.MAX_VALUE, new ListSearch.TokenStatistics(), null);
                assertTrue(plain.orderedIds() != null, "a candidate search: " + f);
                for (int limit : new int[] { ListSearch.CANDIDATE_LIMIT, 1 }) {
                    ListSearch.Plan withMemory = ListSearch.plan(c, f, limit, new ListSearch.TokenStatistics(), cache.searchTokenMemory());
                    if (withMemory.orderedIds() != null) {
                        assertEquals(Arrays.toString(plain.orderedIds()), Arrays.toString(withMemory.orderedIds()), limit + " " + f);
                    } else {
                        assertEquals(1, limit, "only a broad search the memory cannot answer goes to SQL: " + f);
                    }
                }
            }
        }
    }

    @Test
    void narrowsWithoutChangingResults() throws Exception {
        sameAsSql();
        assertTrue(cache.dossiers().count(DossierFilter.all().withText("nguyen van hung")) > 0, "the data has a Nguyễn Văn Hùng");
        // It really narrows: of the dossiers having "hung…", only those with "nguyen…" and "van…" are kept.
        SearchTokenMemory memory = cache.searchTokenMemory();
        long[] all = new long[next - 1];
        try (Connection c = cache.connection(); var r = c.createStatement().executeQuery("SELECT id FROM dossier ORDER BY id")) {
            for (int i = 0; r.next(); i++) {
                all[i] = r.getLong(1);
            }
        }
        long[] kept = memory.narrow(all, List.of("nguyen", "van", "hung"));
        assertEquals(cache.dossiers().count(DossierFilter.all().withText("nguyen van hung")), kept.length);
        // A plain search is answered in memory alone: the matches in list order, ties of time by code.
        long[] hungs;
        try (Connection c = cache.connection(); var r = c.createStatement().executeQuery(
                "SELECT DISTINCT dossier_id FROM dossier_search_token WHERE token >= 'hung' AND token < 'hung\uffff'")) {
            java.util.stream.LongStream.Builder b = java.util.stream.LongStream.builder();
            while (r.next()) {
                b.add(r.getLong(1));
            }
            hungs = b.build().toArray();
        }
        long[] answered = memory.answer(hungs, List.of("hung", "nguyen", "van"), true, ids -> {
            java.util.Map<Long, String> codes = new java.util.HashMap<>();
            try (Connection c = cache.connection(); var r = c.createStatement().executeQuery("SELECT id, code FROM dossier")) {
                while (r.next()) {
                    codes.put(r.getLong(1), r.getString(2));
                }
            }
            return codes;
        });
        assertEquals(kept.length, answered == null ? -1 : answered.length);
        // Words with a digit are left to SQL; a dossier the memory does not know is kept.
        assertEquals(all.length, memory.narrow(all, List.of("0912")).length);
        assertEquals(1, memory.narrow(new long[] { 1_000_000L }, List.of("nguyen")).length);
    }

    @Test
    void followsWritesAndFoldsThemIntoANewSnapshot() throws Exception {
        // New dossiers after the snapshot, one renamed in place, then searched by several words.
        cache.dossierRepository().insertAll(List.of(dossier("Quách Thị Thu Lan"), dossier("Nguyễn Văn Hùng")));
        Dossier renamed = Fixtures.received("000.00.10.H29-261101-0001", "1.001193", "Vương Đình Khải", "001090000001", "0912000001",
                DAY.plus(Duration.ofMinutes(1)), DAY.plus(Duration.ofDays(5)));
        cache.dossierRepository().saveWithoutEvent(renamed);
        assertTrue(cache.searchTokenMemory().writtenSinceSnapshot() >= 3);
        List<String> codes = cache.dossiers().page(DossierFilter.all().withText("quach thu lan"), 0, 10).stream().map(DossierRow::code).toList();
        assertEquals(1, codes.size());
        assertEquals(List.of("000.00.10.H29-261101-0001"),
                cache.dossiers().page(DossierFilter.all().withText("vuong dinh khai"), 0, 10).stream().map(DossierRow::code).toList());
        sameAsSql();

        // Many writes: a new snapshot takes them in and the writes it holds are let go.
        cache.searchTokenMemory().refoldAfter(20);
        cache.dossierRepository().insertAll(dossiers(30));
        cache.dossierRepository().insertAll(List.of(dossier("Khổng Minh Triết")));
        long end = System.nanoTime() + 60_000_000_000L;
        while ((cache.searchTokenMemory().building() || cache.searchTokenMemory().writtenSinceSnapshot() > 20) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue(cache.searchTokenMemory().writtenSinceSnapshot() <= 20, "folded into a new snapshot");
        assertEquals(1, cache.dossiers().count(DossierFilter.all().withText("khong minh triet")));
        assertEquals(1, cache.dossiers().count(DossierFilter.all().withText("vuong dinh khai")));
        sameAsSql();
    }

    @Test
    void forgetsRemovedDossiersAndRolledBackWrites() throws Exception {
        DossierFilter hung = DossierFilter.all().withText("nguyen van hung");
        long before = cache.dossiers().count(hung);
        String code = cache.dossiers().page(hung, 0, 1).get(0).code();
        long id;
        try (Connection c = cache.connection(); var r = c.createStatement().executeQuery("SELECT id FROM dossier WHERE code = '" + code + "'")) {
            r.next();
            id = r.getLong(1);
        }
        // As a sync conflict removes a dossier (JpaDossierRepository.replaceFromServer).
        cache.inTransaction(em -> {
            cache.searchTokenMemory().removed(id);
            em.createNativeQuery("DELETE FROM dossier WHERE id = ?").setParameter(1, id).executeUpdate();
            return null;
        });
        assertEquals(before - 1, cache.dossiers().count(hung));
        sameAsSql();
        // A write rolled back leaves nothing behind.
        try {
            cache.inTransaction(em -> {
                cache.searchTokenMemory().written(1L, List.of("zzzz"), DAY);
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the transaction is gone
        }
        assertEquals(0, cache.searchTokenMemory().narrow(new long[] { 1L }, List.of("zzzz")).length);
    }
}
