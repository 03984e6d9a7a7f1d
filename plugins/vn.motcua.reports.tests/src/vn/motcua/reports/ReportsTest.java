package vn.motcua.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.reports.Scenario.at;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.i18n.Localizer;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.OnlineLevel;
import vn.motcua.forms.FormRenderer;
import vn.motcua.reports.DossierFacts.Outcome;
import vn.motcua.reports.Scenario.Builder;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierDocuments.Kind;
import vn.motcua.store.DossierDocuments.NewDocument;
import vn.motcua.store.LocalCache;

/**
 * A month's report over a real encrypted cache holding dossiers with known histories: every outcome of the national
 * report form, the Decision 766 rates and points worked out by hand, what pulls them down, and the PDF read back.
 */
class ReportsTest {
    private static final String A = "000.00.10.H29-261102-0001";
    private static final String B = "000.00.10.H29-261103-0002";
    private static final String C = "000.00.10.H29-261103-0003";
    private static final String D = "000.00.10.H29-261104-0004";
    private static final String E = "000.00.10.H29-261105-0005";
    private static final String F = "000.00.10.H29-261020-0006";
    private static final String G = "000.00.10.H29-261001-0007";
    private static final Instant NOW = at("23/11/2026 10:00");
    private static final ReportPeriod NOVEMBER = ReportPeriod.month(YearMonth.of(2026, 11));

    @TempDir
    Path dir;
    private LocalCache cache;

    @BeforeEach
    void seed() throws Exception {
        cache = CacheOpener.open(dir, CacheKey.generate());
        cache.procedures().save(Scenario.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch", OnlineLevel.FULL, 0));
        cache.procedures().save(Scenario.procedure("1.000894", "Đăng ký kết hôn", "Hộ tịch", OnlineLevel.NONE, 0));
        cache.procedures().save(Scenario.procedure("2.000815", "Chứng thực bản sao", "Chứng thực", OnlineLevel.PARTIAL, 10_000));
        cache.procedures().save(Scenario.procedure("1.004873", "Xác nhận tình trạng hôn nhân", "Hộ tịch", OnlineLevel.NONE, 0));
        cache.dossierRepository().insertAll(Scenario.all(
                // Early: result the day before the appointment; digitised, signed result; yet the applicant was not satisfied.
                new Builder(A, "1.001193", Channel.IN_PERSON, "02/11/2026 08:00", "05/11/2026 17:00", true, false, false)
                        .resultReady("04/11/2026 10:00").delivered("05/11/2026 09:00", vn.motcua.core.model.Satisfaction.DISSATISFIED),
                // On the due day; online, paid online, paper from the national data store.
                new Builder(B, "2.000815", Channel.ONLINE, "03/11/2026 09:00", "06/11/2026 17:00", false, false, true)
                        .paid(10_000, true, "03/11/2026 09:30").resultReady("06/11/2026 10:00"),
                // Late by 4 days 16 hours: 5 days.
                new Builder(C, "1.000894", Channel.IN_PERSON, "03/11/2026 10:00", "05/11/2026 17:00", false, false, false)
                        .resultReady("10/11/2026 09:00"),
                // Four days waiting for papers, subtracted: on the due day. Online, digitised, reused, signed result.
                new Builder(D, "1.001193", Channel.ONLINE, "04/11/2026 08:00", "06/11/2026 17:00", true, true, false)
                        .supplement("05/11/2026 08:00", "09/11/2026 08:00").resultReady("10/11/2026 09:00"),
                // Two supplement requests: late whatever the dates.
                new Builder(E, "1.001193", Channel.IN_PERSON, "05/11/2026 08:00", "20/11/2026 17:00", false, false, false)
                        .supplement("06/11/2026 08:00", "07/11/2026 08:00").supplement("09/11/2026 08:00", "10/11/2026 08:00")
                        .resultReady("12/11/2026 08:00"),
                // Carried over from October: one still in time, one overdue since 10/10.
                new Builder(F, "1.000894", Channel.IN_PERSON, "20/10/2026 08:00", "25/11/2026 17:00", false, false, false),
                new Builder(G, "1.000894", Channel.IN_PERSON, "01/10/2026 08:00", "10/10/2026 17:00", false, false, false),
                // Finished in October: not in November's report.
                new Builder("000.00.10.H29-261005-0008", "1.000894", Channel.IN_PERSON, "05/10/2026 08:00", "08/10/2026 17:00", false, false, false)
                        .resultReady("07/10/2026 08:00"),
                // Stopped; paid at the counter.
                new Builder("000.00.10.H29-261110-0009", "2.000815", Channel.IN_PERSON, "10/11/2026 08:00", "13/11/2026 17:00", false, false, false)
                        .paid(10_000, false, "10/11/2026 08:10").step(DossierAction.STOP, DossierStatus.STOPPED, "12/11/2026 08:00"),
                // Withdrawn: not in the on-time rate.
                new Builder("000.00.10.H29-261115-0010", "1.000894", Channel.IN_PERSON, "15/11/2026 08:00", "18/11/2026 17:00", false, false, false)
                        .step(DossierAction.WITHDRAW, DossierStatus.WITHDRAWN, "16/11/2026 08:00"),
                // Another agency's dossier in the same cache.
                new Builder("000.00.11.H29-261103-0011", "1.001193", Channel.ONLINE, "03/11/2026 08:00", "06/11/2026 17:00", false, false, false,
                        "000.00.11.H29"),
                // December: after the period.
                new Builder("000.00.10.H29-261201-0012", "1.001193", Channel.ONLINE, "01/12/2026 08:00", "04/12/2026 17:00", false, false, false)));
        for (String code : List.of(A, D)) {
            cache.documents().add(new NewDocument(code, Kind.SIGNED_RESULT, "Kết quả.pdf", "application/pdf",
                    ("%PDF kết quả " + code).getBytes(StandardCharsets.UTF_8), "lanhdao", ""));
        }
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        cache.close();
    }

    private Report november(Locale locale) {
        return new Reports(new vn.motcua.store.ReportFacts(cache), IndexRules.shipped()).compute(NOVEMBER, Scenario.AGENCY, NOW, locale);
    }

    @Test
    void everyOutcomeOfTheNationalReportFormIsCounted() {
        Report r = november(Localizer.VIETNAMESE);
        Map<String, Outcome> outcomes = r.facts().stream().collect(Collectors.toMap(DossierFacts::code, f -> f.outcome(NOVEMBER, NOW)));
        assertEquals(9, outcomes.size(), outcomes::toString);
        assertEquals(Outcome.EARLY, outcomes.get(A));
        assertEquals(Outcome.ON_TIME, outcomes.get(B));
        assertEquals(Outcome.LATE, outcomes.get(C));
        assertEquals(Outcome.ON_TIME, outcomes.get(D), "supplement time is subtracted");
        assertEquals(Outcome.LATE, outcomes.get(E), "two supplement requests");
        assertEquals(Outcome.IN_TIME, outcomes.get(F));
        assertEquals(Outcome.OVERDUE, outcomes.get(G));
        Report.Counts t = r.totals();
        assertEquals(9, t.total);
        assertEquals(2, t.carried);
        assertEquals(2, t.receivedOnline);
        assertEquals(5, t.receivedOther);
        assertEquals(5, t.finished());
        assertEquals(2, t.open());
        assertEquals(2, t.get(Outcome.STOPPED));
        Map<String, Report.Counts> byField = r.countsBy(DossierFacts::field);
        assertEquals(List.of("Chứng thực", "Hộ tịch"), List.copyOf(byField.keySet()), "Vietnamese order");
        assertEquals(7, byField.get("Hộ tịch").total);
        assertEquals(2, byField.get("Chứng thực").total);
        assertEquals(List.of(new Report.MonthCount(YearMonth.of(2026, 11), 7, 3, 2)), r.byMonth());
        // Late list: most days late first, with why.
        ReportTable late = r.lateTable();
        assertEquals(List.of(G, C, E), late.rows().stream().map(row -> row.get(0)).toList());
        assertEquals(44L, late.rows().get(0).get(6));
        assertEquals("Đang quá hạn 44 ngày", late.rows().get(0).get(8));
        assertEquals(5L, late.rows().get(1).get(6));
        assertEquals("Yêu cầu bổ sung 2 lần (quá 1 lần tính là trễ hạn)", late.rows().get(2).get(8));
        // Average processing time of the five finished: A 2.08 d, B 3.04, C 6.96, D 6.04 − 4 = 2.04, E 7 − 2 = 5.
        ReportTable avg = r.averageTable();
        List<Object> total = avg.rows().get(avg.rows().size() - 1);
        assertEquals(5L, total.get(1));
        double expected = (50.0 / 24 + 73.0 / 24 + 167.0 / 24 + 49.0 / 24 + 120.0 / 24) / 5;
        assertEquals(expected, (Double) total.get(2), 1e-9);
    }

    @Test
    void decision766IndicatorsAreComputedTheNationalWay() {
        Report r = november(Localizer.VIETNAMESE);
        Map<String, IndicatorScore> s = r.index().stream().collect(Collectors.toMap(x -> x.rule().id(), x -> x));
        check(s.get("2.1"), 5, 8, 12.5);
        assertEquals(List.of(G, C, E), s.get("2.1").culprits().stream().map(IndicatorScore.Culprit::code).sorted().toList());
        check(s.get("3.1"), 2, 4, 1.25);
        assertEquals(List.of("1.000894", "1.004873"), s.get("3.1").culprits().stream().map(IndicatorScore.Culprit::code).toList());
        check(s.get("3.2"), 2, 2, 4);
        check(s.get("3.3"), 2, 7, 3.43);
        check(s.get("3.5"), 1, 2, 10);
        check(s.get("4.1"), 2, 5, 2.4);
        check(s.get("4.2"), 2, 5, 3);
        check(s.get("4.3"), 1, 7, 0.89);
        check(s.get("4.4"), 1, 7, 0.89);
        // 100 % − (3 late + 1 dissatisfied) / 8 = 50 %; full points at 90 %: 18 × 50 / 90.
        check(s.get("5.4"), 4, 8, 10);
        assertEquals(List.of(G, A, C, E), s.get("5.4").culprits().stream().map(IndicatorScore.Culprit::code).sorted().toList());
        assertTrue(s.get("5.4").culprits().stream().anyMatch(c -> c.code().equals(A) && c.reason().equals("Người dân không hài lòng khi nhận kết quả")));
        assertNull(s.get("1").points(), "transparency is scored by the national portal");
        assertEquals(48.36, r.points(), 1e-9);
        assertEquals(82, r.computablePoints(), 1e-9);
        assertTrue(r.note().contains("48,4/82"), r.note());
    }

    private static void check(IndicatorScore s, long numerator, long denominator, double points) {
        assertEquals(numerator, s.numerator(), s.rule().id());
        assertEquals(denominator, s.denominator(), s.rule().id());
        assertEquals(points, s.points(), 1e-9, s.rule().id());
    }

    @Test
    void weightsAndThresholdsAreData() throws Exception {
        Files.writeString(dir.resolve(IndexRules.FILE), "# only on-time, full points at 60 %\n2.1 ; TDGQ ; 30 ; 60 ; ON_TIME\n");
        Report r = new Reports(new vn.motcua.store.ReportFacts(cache), IndexRules.forDataFolder(dir)).compute(NOVEMBER, Scenario.AGENCY, NOW, Locale.ENGLISH);
        assertEquals(1, r.index().size());
        assertEquals(30, r.index().get(0).points(), 1e-9);
        java.io.IOException bad = assertThrows(java.io.IOException.class,
                () -> IndexRules.parse(new ByteArrayInputStream("2.1 ; TDGQ ; hai mươi ; ; ON_TIME".getBytes(StandardCharsets.UTF_8)), "index-766.txt"));
        assertTrue(bad.getMessage().startsWith("index-766.txt, line 1:"), bad.getMessage());
    }

    @Test
    void anEmptyPeriodHasNothingToCountAndNoPoints() {
        Report r = new Reports(new vn.motcua.store.ReportFacts(cache), IndexRules.shipped()).compute(ReportPeriod.month(YearMonth.of(2025, 3)), Scenario.AGENCY, NOW,
                Localizer.VIETNAMESE);
        assertEquals(0, r.facts().size());
        // Only the catalogue's own indicators have something to count.
        assertTrue(r.index().stream().filter(x -> x.rule().measure() != Measure.ONLINE_PROCEDURES && x.rule().measure() != Measure.ONLINE_PROCEDURES_USED)
                .allMatch(x -> x.points() == null));
        assertEquals("Không có hồ sơ để tính", r.indexTable().rows().get(0).get(3));
    }

    @Test
    void theReportPrintsAsALandscapePdfWithEveryTable() throws Exception {
        Report r = november(Localizer.VIETNAMESE);
        byte[] pdf = ReportPdf.render(r, new FormRenderer(null), "UBND xã Hợp Thịnh", "UBND tỉnh Phú Thọ", "Hợp Thịnh", "Lê Thị Mai",
                LocalDate.of(2026, 11, 23), false);
        // Kept in target/ for a look (pdftoppm) after the run.
        Files.write(Files.createDirectories(Path.of("target")).resolve("bao-cao.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getPage(0).getMediaBox().getWidth() > doc.getPage(0).getMediaBox().getHeight(), "landscape");
            String text = new PDFTextStripper().getText(doc);
            for (ReportTable t : r.tables()) {
                assertTrue(text.contains(t.caption()), t.caption());
            }
            assertTrue(text.contains("Kỳ báo cáo: từ ngày 01/11/2026 đến ngày 30/11/2026"), text);
            assertTrue(text.contains(G) && text.contains("Đang quá hạn 44 ngày"));
            assertTrue(text.contains("Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn"));
            assertTrue(text.contains("Hợp Thịnh, ngày 23 tháng 11 năm 2026"));
        }
    }

    @Test
    void englishReportsSpeakEnglish() {
        Report r = november(Locale.ENGLISH);
        assertEquals("1. Dossiers by field", r.byFieldTable().caption());
        assertEquals("Overdue by 44 days", r.lateTable().rows().get(0).get(8));
    }
}
