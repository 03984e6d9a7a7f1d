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
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.DeadlineClass;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.DossierFilter.Sort;
import vn.motcua.store.internal.search.ListSearch;
import vn.motcua.store.internal.search.DossierListMemory;

/**
 * The in-memory search tokens narrow a text search's candidates without changing its results: on a real H2 file,
 * for snapshot dossiers, dossiers written after the snapshot, renamed ones and after a new snapshot folds writes in.
 */
class DossierListMemoryTest {
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
        assertTrue(cache.dossierListMemory().awaitReady(60_000), "snapshot built");
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
        // Every tenth shares its reception time with the one before, every third its due time with others (ties are
        // ordered by code, as in SQL); every fourth is assigned.
        Instant received = DAY.plus(Duration.ofMinutes(k % 10 == 0 ? k - 1 : k));
        Instant due = DAY.plus(Duration.ofDays(k % 7)).plus(Duration.ofMinutes(k % 3 == 0 ? 0 : k));
        Dossier d = Fixtures.received(String.format("000.00.10.H29-261101-%04d", k), k % 3 == 0 ? "2.000908" : "1.001193", name,
                String.format("0010900%05d", k), String.format("09120%05d", k), received, due);
        return k % 4 == 0 ? Fixtures.moved(d, DossierAction.ASSIGN, DossierStatus.ASSIGNED, k % 8 == 0 ? "cv1" : "cv2") : d;
    }

    private String pick(String[] a) {
        return a[random.nextInt(a.length)];
    }

    /** The queries checked: full names, without diacritics, word prefixes, words out of order, procedure words. */
    private static final List<String> QUERIES = List.of("Nguyễn Văn Hùng", "nguyen van hung", "ngu van hu", "thi lan tran", "le minh",
            "đặng đào", "dang dao", "hoang ngoc anh", "pham duc", "chung thuc tran", "khai sinh thu", "van 000.00.10",
            "tran 0912", "nguyen xyz", "kha sin", "dang", "dang ky", "ban chinh", "sinh 0912", "ky hung", "khai chung", "chu", "lai thu");

    /**
     * Every list query answered with the memory and by the plain SQL path (no memory) gives the same dossiers in the
     * same order and the same count: text searches in every order, with and without filters, and filtered lists
     * without text (status, deadline class, field, assignee, reception dates).
     */
    private void sameAsSql() throws Exception {
        Instant now = DAY.plus(Duration.ofDays(3));
        DossierFilter.Deadline late = new DossierFilter.Deadline(Set.of(DeadlineClass.OVERDUE, DeadlineClass.DUE_SOON), now,
                now.plus(Duration.ofHours(16)));
        List<DossierFilter> filters = new ArrayList<>();
        for (String query : QUERIES) {
            for (Sort sort : Sort.values()) {
                filters.add(DossierFilter.all().withText(query).withSort(sort));
            }
            filters.add(DossierFilter.all().withText(query).withProcedureCode("1.001193").withSort(Sort.RELEVANCE));
            filters.add(DossierFilter.all().withText(query).withStatuses(Set.of("ASSIGNED")));
        }
        for (Sort sort : List.of(Sort.RECEIVED_NEWEST, Sort.DUE_SOONEST)) {
            DossierFilter all = DossierFilter.all().withSort(sort);
            filters.add(all); // the whole list: walked in the list order read when the snapshot was built
            filters.add(all.withStatuses(Set.of("ASSIGNED")));
            filters.add(all.withStatuses(Set.of("RECEIVED", "ASSIGNED")).withDeadline(late));
            filters.add(all.withDeadline(DossierFilter.Deadline.of(DeadlineClass.ON_TIME, now, now.plus(Duration.ofHours(16)))));
            filters.add(all.withField("Chứng thực").withDeadline(late));
            filters.add(all.withAssignee("cv1"));
            filters.add(all.withReceived(DAY.plus(Duration.ofHours(1)), DAY.plus(Duration.ofHours(3))).withText("nguyen"));
        }
        // Code order without text: the whole list and a filtered one.
        filters.add(DossierFilter.all().withSort(Sort.CODE));
        filters.add(DossierFilter.all().withSort(Sort.CODE).withStatuses(Set.of("ASSIGNED")));
        int answered = 0;
        try (Connection c = cache.connection()) {
            for (DossierFilter f : filters) {
                ListSearch.Plan plain = ListSearch.plan(c, f, Integer.MAX_VALUE, new ListSearch.TokenStatistics(), null);
                ListSearch.Plan withMemory = ListSearch.plan(c, f, ListSearch.CANDIDATE_LIMIT, new ListSearch.TokenStatistics(),
                        cache.dossierListMemory());
                answered += withMemory.orderedIds() != null && plain.orderedIds() == null ? 1 : 0;
                assertEquals(ListSearch.count(c, f, plain), ListSearch.count(c, f, withMemory), "count of " + f);
                assertEquals(codes(c, f, plain), codes(c, f, withMemory), "list of " + f);
            }
        }
        assertTrue(answered > 0, "lists without text were answered in memory");
    }

    private static List<String> codes(Connection c, DossierFilter f, ListSearch.Plan plan) throws java.sql.SQLException {
        return ListSearch.page(c, f, plan, 0, 100_000).stream().map(r -> (String) r[0]).toList();
    }

    @Test
    void narrowsWithoutChangingResults() throws Exception {
        sameAsSql();
        assertTrue(cache.dossiers().count(DossierFilter.all().withText("nguyen van hung")) > 0, "the data has a Nguyễn Văn Hùng");
        // It really narrows: of the dossiers having "hung…", only those with "nguyen…" and "van…" are kept.
        DossierListMemory memory = cache.dossierListMemory();
        long[] all = new long[next - 1];
        try (Connection c = cache.connection(); var r = c.createStatement().executeQuery("SELECT id FROM dossier ORDER BY id")) {
            for (int i = 0; r.next(); i++) {
                all[i] = r.getLong(1);
            }
        }
        long[] kept = memory.narrow(all, List.of("nguyen", "van", "hung"));
        assertEquals(cache.dossiers().count(DossierFilter.all().withText("nguyen van hung")), kept.length);
        // A plain search is answered in memory alone: the matches in list order, ties of time by code.
        long[] answered = memory.answer(List.of("hung", "nguyen", "van"), DossierFilter.all().withText("hung nguyen van"), null, ids -> {
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
        // Written since, with the reception and due times of dossiers in the snapshot: placed among them by code.
        Dossier five = cache.dossierRepository().findByCode("000.00.10.H29-261101-0005").orElseThrow();
        Dossier six = cache.dossierRepository().findByCode("000.00.10.H29-261101-0006").orElseThrow();
        cache.dossierRepository().insertAll(List.of(
                Fixtures.received("000.00.10.H29-261101-9005", "1.001193", "Lý Thị Trùng Giờ", "001090009005", "0912009005", five.receivedAt(), five.dueAt()),
                Fixtures.received("000.00.10.H29-261101-0000", "1.001193", "Lý Văn Trùng Hạn", "001090000000", "0912000000", six.receivedAt(), six.dueAt())));
        assertTrue(cache.dossierListMemory().writtenSinceSnapshot() >= 3);
        List<String> codes = cache.dossiers().page(DossierFilter.all().withText("quach thu lan"), 0, 10).stream().map(DossierRow::code).toList();
        assertEquals(1, codes.size());
        assertEquals(List.of("000.00.10.H29-261101-0001"),
                cache.dossiers().page(DossierFilter.all().withText("vuong dinh khai"), 0, 10).stream().map(DossierRow::code).toList());
        sameAsSql();

        // Many writes: a new snapshot takes them in and the writes it holds are let go.
        cache.dossierListMemory().refoldAfter(20);
        cache.dossierRepository().insertAll(dossiers(30));
        cache.dossierRepository().insertAll(List.of(dossier("Khổng Minh Triết")));
        long end = System.nanoTime() + 60_000_000_000L;
        while ((cache.dossierListMemory().building() || cache.dossierListMemory().writtenSinceSnapshot() > 20) && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue(cache.dossierListMemory().writtenSinceSnapshot() <= 20, "folded into a new snapshot");
        assertEquals(1, cache.dossiers().count(DossierFilter.all().withText("khong minh triet")));
        assertEquals(1, cache.dossiers().count(DossierFilter.all().withText("vuong dinh khai")));
        sameAsSql();
    }

    /**
     * Before its snapshot is built, the memory answers the whole list newest first from the order read first (what
     * the list shows at launch), with dossiers written since — new ones tied in time with older ones, a removal —
     * at their places, as SQL orders them; nothing else yet.
     */
    @Test
    void answersTheWholeListFromItsEarlyOrderBeforeTheSnapshot() throws Exception {
        DossierListMemory early = new DossierListMemory(cache::connection, new java.util.concurrent.locks.ReentrantLock());
        early.readEarlyOrder();
        assertEquals(1, early.stage());
        Dossier five = cache.dossierRepository().findByCode("000.00.10.H29-261101-0005").orElseThrow();
        String newest = String.format("000.00.10.H29-261101-%04d", next);
        cache.dossierRepository().insertAll(List.of(
                Fixtures.received("000.00.10.H29-261101-9005", "1.001193", "Lý Thị Trùng Giờ", "001090009005", "0912009005", five.receivedAt(), five.dueAt()),
                Fixtures.received("000.00.10.H29-261101-0000", "1.001193", "Lý Văn Trùng Giờ", "001090000000", "0912000000", five.receivedAt(), five.dueAt()),
                dossier("Quách Thị Mới")));
        try (Connection c = cache.connection();
                var r = c.createStatement().executeQuery("SELECT id, search_text, received_at, status, due_at, procedure_code, assignee FROM dossier"
                        + " WHERE code IN ('000.00.10.H29-261101-9005', '000.00.10.H29-261101-0000', '" + newest + "')")) {
            // As the repository tells the cache's own memory, inside the write.
            while (r.next()) {
                early.written(r.getLong(1), new DossierListMemory.Columns(r.getString(2), ListSearch.instant(r.getObject(3)), r.getString(4),
                        ListSearch.instant(r.getObject(5)), r.getString(6), r.getString(7)));
            }
        }
        long removed;
        try (Connection c = cache.connection(); var r = c.createStatement().executeQuery("SELECT id FROM dossier WHERE code = '000.00.10.H29-261101-0007'")) {
            r.next();
            removed = r.getLong(1);
        }
        cache.inTransaction(em -> em.createNativeQuery("DELETE FROM dossier WHERE id = ?").setParameter(1, removed).executeUpdate());
        early.removed(removed);
        early.committed();
        DossierListMemory.Codes codes = ids -> {
            java.util.Map<Long, String> out = new java.util.HashMap<>();
            try (Connection c = cache.connection(); var r = c.createStatement().executeQuery("SELECT id, code FROM dossier")) {
                while (r.next()) {
                    out.put(r.getLong(1), r.getString(2));
                }
            }
            return out;
        };
        try (Connection c = cache.connection()) {
            for (Sort sort : List.of(Sort.RECEIVED_NEWEST, Sort.RELEVANCE)) {
                DossierFilter whole = DossierFilter.all().withSort(sort);
                long[] answered = early.answer(List.of(), whole, null, codes);
                assertTrue(answered != null, "answered early");
                ListSearch.Plan plain = ListSearch.plan(c, whole, Integer.MAX_VALUE, new ListSearch.TokenStatistics(), null);
                assertEquals(codes(c, whole, plain), codes(c, whole, new ListSearch.Plan(List.of(), answered)), "the whole list, " + sort);
            }
            assertEquals(null, early.answer(List.of(), DossierFilter.all().withSort(Sort.DUE_SOONEST), null, codes), "other orders wait");
            assertEquals(null, early.answer(List.of(), DossierFilter.all().withStatuses(Set.of("ASSIGNED")), null, codes), "filters wait");
            assertEquals(null, early.answer(List.of("nguyen"), DossierFilter.all().withText("nguyen"), null, codes), "searches wait");
        }
    }

    /**
     * A procedure renamed in place: its dossiers keep their search_text (the old name's words) until written again; the
     * SQL path, which reaches procedure-name words through the procedures, finds them as the memory does.
     */
    @Test
    void aRenamedProcedureGivesTheSameResultsBothWays() throws Exception {
        cache.procedures().save(Fixtures.procedure("2.000908", "Chứng thực chữ ký lại", "Chứng thực"));
        sameAsSql();
        // Some of its dossiers written again, with the new name.
        cache.dossierRepository().insertAll(List.of(dossier("Lại Thu Hà"), dossier("Lại Văn Hùng"), dossier("Trần Thu Lan")));
        sameAsSql();
        assertTrue(cache.dossiers().count(DossierFilter.all().withText("chu ky lai")) > 0);
        assertTrue(cache.dossiers().count(DossierFilter.all().withText("ban chinh")) > 0);
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
            cache.dossierListMemory().removed(id);
            em.createNativeQuery("DELETE FROM dossier WHERE id = ?").setParameter(1, id).executeUpdate();
            return null;
        });
        assertEquals(before - 1, cache.dossiers().count(hung));
        sameAsSql();
        // A write rolled back leaves nothing behind.
        try {
            cache.inTransaction(em -> {
                cache.dossierListMemory().written(1L, new vn.motcua.store.internal.search.DossierListMemory.Columns(" zzzz ", DAY, "RECEIVED", null, "1.001193", null));
                throw new IllegalStateException("rolled back");
            });
        } catch (IllegalStateException expected) {
            // the transaction is gone
        }
        assertEquals(0, cache.dossierListMemory().narrow(new long[] { 1L }, List.of("zzzz")).length);
    }
}
