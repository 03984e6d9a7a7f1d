package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.DeadlineClass;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Procedure;
import vn.motcua.store.DossierFilter.Deadline;
import vn.motcua.store.DossierFilter.Sort;

/** The indexed dossier search and list filters on a real H2 file. */
class SearchTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final Instant SOON = NOW.plus(Duration.ofHours(8));

    @TempDir
    Path dir;
    LocalCache cache;
    DossierQueries q;

    @BeforeEach
    void seed() throws Exception {
        cache = CacheOpener.open(dir, KEY);
        q = cache.dossiers();
        cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
        cache.procedures().save(Fixtures.procedure("2.000908", "Chứng thực bản sao từ bản chính", "Chứng thực"));
        Instant day = Instant.parse("2026-11-01T02:00:00Z");
        // A: overdue, received; B: due soon, assigned to cv1; C: on time; D: delivered (no deadline class).
        Dossier a = Fixtures.received("000.00.10.H29-261101-0001", "1.001193", "Nguyễn Văn Ánh", "001090012345", "0912 345 678",
                day, NOW.minus(Duration.ofHours(1)));
        Dossier b = Fixtures.received("000.00.10.H29-261102-0002", "1.001193", "Đặng Thị Đào", "001190054321", "0987654321",
                day.plus(Duration.ofDays(1)), NOW.plus(Duration.ofHours(2)));
        b = Fixtures.moved(b, DossierAction.ASSIGN, DossierStatus.ASSIGNED, "cv1");
        Dossier c = Fixtures.received("000.00.10.H29-261103-0003", "2.000908", "Trần Văn Nguyên", "034085011111", "0901111222",
                day.plus(Duration.ofDays(2)), NOW.plus(Duration.ofDays(5)));
        Dossier d = Fixtures.received("000.00.10.H29-261104-0004", "2.000908", "Nguyễn Thị Ngọc Ánh", "001095099999", "0977000111",
                day.plus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1)));
        d = Fixtures.moved(d, DossierAction.DELIVER_RESULT, DossierStatus.DELIVERED, null);
        cache.dossierRepository().insertAll(List.of(a, c));
        cache.dossierRepository().saveWithoutEvent(b);
        cache.dossierRepository().saveWithoutEvent(d);
    }

    @AfterEach
    void close() {
        cache.close();
    }

    private List<String> codes(DossierFilter f) {
        List<String> codes = q.page(f, 0, 50).stream().map(DossierRow::code).map(s -> s.substring(s.length() - 4)).toList();
        assertEquals(codes.size(), q.count(f), "count agrees with the rows for " + f);
        // The export's forward read gives the same rows in the same order, and stops when asked.
        List<String> streamed = new java.util.ArrayList<>();
        q.forEach(f, r -> streamed.add(r.code().substring(r.code().length() - 4)));
        assertEquals(codes, streamed, "forEach agrees with the pages for " + f);
        if (!codes.isEmpty()) {
            assertEquals(1, q.forEach(f, r -> false));
        }
        // Pages of two (ids first, then their rows) join up to the same list: no row lost or repeated at the seams.
        List<String> paged = new java.util.ArrayList<>();
        for (int offset = 0; offset < codes.size() + 2; offset += 2) {
            q.page(f, offset, 2).forEach(r -> paged.add(r.code().substring(r.code().length() - 4)));
        }
        assertEquals(codes, paged, "pages of two agree with one page for " + f);
        return codes;
    }

    private List<String> text(String t) {
        return codes(DossierFilter.all().withText(t).withSort(Sort.CODE));
    }

    @Test
    void ignoresCaseAndDiacriticsAndMatchesWordPrefixes() {
        assertEquals(List.of("0001"), text("nguyen van a"));
        assertEquals(List.of("0001"), text("NGUYỄN VĂN ÁNH"));
        assertEquals(List.of("0001", "0004"), text("ngu an"));
        assertEquals(List.of("0002"), text("dang dao"), "d matches đ");
        assertEquals(List.of("0001", "0002"), text("Đặng"), "the applicant Đặng and the procedure Đăng ký");
        assertEquals(List.of("0002"), text("Đặng thị"));
        assertEquals(List.of("0003"), text("tran nguyen"), "nguyen is also a prefix of Nguyên");
        assertEquals(List.of(), text("nguyen tran van x"));
        assertEquals(List.of(), text("van anh tran"));
    }

    @Test
    void findsByCodesIdsPhonesAndProcedure() {
        assertEquals(List.of("0002"), text("000.00.10.H29-261102-0002"));
        assertEquals(List.of("0002"), text("261102-0002"), "the tail of a receipt code");
        assertEquals(List.of("0001", "0002", "0003", "0004"), text("000.00.10.h29"), "code prefix");
        assertEquals(List.of("0003"), text("034085011111"));
        assertEquals(List.of("0001"), text("0912345678"), "phone stored with spaces, typed without");
        assertEquals(List.of("0001"), text("0912"), "phone prefix");
        assertEquals(List.of("0001", "0002"), text("khai sinh"));
        assertEquals(List.of("0003", "0004"), text("chung thuc ban sao"));
        assertEquals(List.of("0003", "0004"), text("2.000908"));
        assertEquals(List.of("0004"), text("ngoc chung thuc"), "name and procedure words together");
    }

    @Test
    void filtersCombine() {
        DossierFilter all = DossierFilter.all().withSort(Sort.CODE);
        assertEquals(List.of("0004", "0003", "0002", "0001"), codes(DossierFilter.all()), "newest first by default");
        assertEquals(List.of("0001", "0003"), codes(all.withStatuses(Set.of("RECEIVED"))));
        assertEquals(List.of("0002"), codes(all.withAssignee("cv1")));
        assertEquals(List.of("0003", "0004"), codes(all.withProcedureCode("2.000908")));
        assertEquals(List.of("0001", "0002"), codes(all.withField("Hộ tịch")));
        assertEquals(List.of("0002", "0003"), codes(all.withReceived(Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-04T00:00:00Z"))));
        assertEquals(List.of("0001"), codes(all.withDeadline(Deadline.of(DeadlineClass.OVERDUE, NOW, SOON))));
        assertEquals(List.of("0002"), codes(all.withDeadline(Deadline.of(DeadlineClass.DUE_SOON, NOW, SOON))));
        assertEquals(List.of("0003"), codes(all.withDeadline(Deadline.of(DeadlineClass.ON_TIME, NOW, SOON))));
        assertEquals(List.of("0001", "0002"), codes(all.withDeadline(new Deadline(Set.of(DeadlineClass.OVERDUE, DeadlineClass.DUE_SOON), NOW, SOON))));
        assertEquals(List.of("0001"), codes(all.withText("nguyen").withField("Hộ tịch")));
        assertEquals(List.of(), codes(all.withText("nguyen").withAssignee("cv1")));
        assertEquals(List.of("0001", "0002"), codes(DossierFilter.all().withSort(Sort.DUE_SOONEST)
                .withDeadline(new Deadline(Set.of(DeadlineClass.OVERDUE, DeadlineClass.DUE_SOON), NOW, SOON))));
    }

    @Test
    void pagesAndSortsByRelevance() {
        List<String> relevance = codes(DossierFilter.all().withText("nguyen").withSort(Sort.RELEVANCE));
        assertEquals(List.of("0004", "0003", "0001"), relevance, "all hold the word 'nguyen' in full: newest first");
        // An older dossier whose word is typed in full ranks above newer ones the word is only a prefix of.
        cache.dossierRepository().saveWithoutEvent(Fixtures.received("000.00.10.H29-261031-0005", "1.001193", "Lê Văn An",
                "001080077777", "0911000999", Instant.parse("2026-10-31T02:00:00Z"), NOW.plus(Duration.ofDays(3))));
        assertEquals(List.of("0005", "0004", "0001"), codes(DossierFilter.all().withText("an").withSort(Sort.RELEVANCE)));
        assertEquals(List.of("0004", "0001", "0005"), codes(DossierFilter.all().withText("an")));
        DossierFilter f = DossierFilter.all().withSort(Sort.CODE);
        assertEquals(5, q.count(f));
        assertEquals(List.of("000.00.10.H29-261031-0005", "000.00.10.H29-261101-0001", "000.00.10.H29-261102-0002"), q.page(f, 0, 3)
                .stream().map(DossierRow::code).toList());
        assertEquals(List.of("000.00.10.H29-261102-0002", "000.00.10.H29-261103-0003"),
                q.page(f, 2, 2).stream().map(DossierRow::code).toList());
        DossierRow row = q.page(f.withText("dao"), 0, 1).get(0);
        assertEquals("Đặng Thị Đào", row.applicantName());
        assertEquals("Đăng ký khai sinh", row.procedureName());
        assertEquals("Hộ tịch", row.fieldName());
        assertEquals("ASSIGNED", row.status());
        assertEquals("cv1", row.assignee());
        assertTrue(row.dueAt().isAfter(NOW));
    }

    /**
     * Since schema 11 the words of procedure names are not rows of the dossiers' token table: the SQL path (the list
     * memory declines code order, and is not asked here) reaches them through the procedures, and finds what it found
     * before — word prefixes, a word the applicant's name shares, digit words of a name, with other words.
     */
    @Test
    void findsByProcedureNameWordsThroughTheProcedures() throws Exception {
        cache.procedures().save(Fixtures.procedure("3.000111", "Cấp giấy phép theo Nghị định 61/2018/NĐ-CP", "Công thương"));
        cache.dossierRepository().saveWithoutEvent(Fixtures.received("000.00.10.H29-261105-0005", "3.000111", "Lê Văn Khải",
                "001080077777", "0911000999", Instant.parse("2026-11-05T02:00:00Z"), NOW.plus(Duration.ofDays(3))));
        try (java.sql.Connection c = cache.connection(); java.sql.Statement s = c.createStatement()) {
            java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM dossier_search_token WHERE token IN ('ky', 'sinh', 'chung',"
                    + " 'thuc', 'ban', 'sao', 'tu', 'chinh', 'giay', 'phep', '61/2018/nd-cp', '1.001193', '2.000908', '3.000111')");
            r.next();
            assertEquals(0, r.getInt(1), "no dossier row for a word of a procedure name only");
            r = s.executeQuery("SELECT COUNT(*) FROM dossier_search_token WHERE token = 'khai'");
            r.next();
            assertEquals(1, r.getInt(1), "'khai' is a row of the applicant Khải only, not of the dossiers of Đăng ký khai sinh");
            r = s.executeQuery("SELECT d.code FROM dossier_search_token t JOIN dossier d ON d.id = t.dossier_id WHERE t.token = 'dang'");
            assertTrue(r.next());
            assertEquals("000.00.10.H29-261102-0002", r.getString(1), "the applicant Đặng's word stays a row");
            assertTrue(!r.next(), "the procedure Đăng ký's word is no row of its other dossier");
            r = s.executeQuery("SELECT COUNT(*) FROM procedure_search_token WHERE token IN ('1.001193', 'dang', 'ky', 'khai', 'sinh')");
            r.next();
            assertEquals(5, r.getInt(1), "the procedure's own rows: its code and name");
        }
        assertEquals(List.of("0001", "0002"), text("kha sin"), "prefixes of procedure words");
        assertEquals(List.of("0001", "0002"), text("dang k"), "Đặng, Đăng ký");
        assertEquals(List.of("0002"), text("dang th"), "the applicant's Đặng Thị");
        assertEquals(List.of("0001"), text("ky ngu an"), "a procedure word with the applicant's words");
        assertEquals(List.of("0001", "0002"), text("d k s"), "one letter of each");
        assertEquals(List.of("0003", "0004"), text("ban chinh"));
        assertEquals(List.of("0003"), text("tu tran"));
        assertEquals(List.of(), text("khai chung"), "words of two procedures");
        assertEquals(List.of("0005"), text("61/2018"), "a word with digits in a procedure name, as typed");
        assertEquals(List.of("0003", "0004"), text("2.0009"), "a procedure code's prefix");
        assertEquals(List.of("0001"), text("1.001193 anh"));
        assertEquals(List.of("0005"), text("nghi dinh 61/2018/nđ-cp le"));
        assertEquals(List.of("0001", "0002", "0005"), text("khai"), "the procedure's khai sinh and the applicant Khải");
        assertEquals(List.of("0005"), text("khai le"));
        assertEquals(List.of("0001", "0002", "0005"), text("kha"));
        // Relevance on the SQL path: words typed in full first, then newest first.
        try (java.sql.Connection c = cache.connection()) {
            DossierFilter f = DossierFilter.all().withText("khai").withSort(Sort.RELEVANCE);
            vn.motcua.store.internal.search.ListSearch.Plan plan = vn.motcua.store.internal.search.ListSearch.plan(c, f, Integer.MAX_VALUE,
                    new vn.motcua.store.internal.search.ListSearch.TokenStatistics(), null);
            assertEquals(List.of("000.00.10.H29-261105-0005", "000.00.10.H29-261102-0002", "000.00.10.H29-261101-0001"),
                    vn.motcua.store.internal.search.ListSearch.page(c, f, plan, 0, 10).stream().map(r -> (String) r[0]).toList());
        }
    }

    /**
     * A procedure renamed in place (the server corrected its name, same code and version): its dossiers keep the
     * words of the name they were written with until they are written again — the SQL path as the list memory, which
     * reads search_text — and a dossier written again is found by the new name.
     */
    @Test
    void aRenamedProcedureStillLeadsToItsDossiersByTheirName() {
        cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký lại việc sinh", "Hộ tịch"));
        assertEquals(List.of("0001", "0002"), text("khai sinh"), "the words of the name they were written with");
        assertEquals(List.of("0001", "0002"), text("khai"));
        assertEquals(List.of(), text("lai viec"), "not yet the new name's words");
        Dossier a = cache.dossierRepository().findByCode("000.00.10.H29-261101-0001").orElseThrow();
        var assign = Fixtures.next(a, DossierAction.ASSIGN, DossierStatus.ASSIGNED, "cv2");
        cache.dossierRepository().save(a.record(assign, Dossier.Changes.NONE.withAssignee("cv2")), assign);
        assertEquals(List.of("0001"), text("lai viec"), "written again: the new name");
        assertEquals(List.of("0002"), text("khai sinh"));
        assertEquals(List.of("0001", "0002"), text("dang ky sinh"));
        // A later version of the procedure with another name: the dossiers of version 1 are not found by its words.
        Procedure v2 = Fixtures.procedure("1.001193", "Đăng ký khai sinh trực tuyến", "Hộ tịch");
        cache.procedures().save(new Procedure(v2.code(), v2.name(), v2.fieldName(), v2.level(), v2.processingTimes(), v2.cutOffTime(),
                v2.fees(), v2.requiredDocuments(), v2.legalBasis(), v2.implementingAgency(), v2.onlineLevel(), v2.active(), 2,
                v2.effectiveDate()));
        assertEquals(List.of(), text("truc tuyen"));
    }

    @Test
    void tokensFollowTheDossierWhenItChanges() {
        Dossier a = cache.dossierRepository().findByCode("000.00.10.H29-261101-0001").orElseThrow();
        var assign = Fixtures.next(a, DossierAction.ASSIGN, DossierStatus.ASSIGNED, "cv2");
        cache.dossierRepository().save(a.record(assign, Dossier.Changes.NONE.withAssignee("cv2")), assign);
        assertEquals(List.of("0001"), codes(DossierFilter.all().withText("nguyen van anh").withAssignee("cv2")));
    }
}
