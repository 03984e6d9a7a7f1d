package vn.motcua.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ModelTest {
    @Test
    void threeChannelsWithPortalCodes() {
        assertEquals(3, Channel.values().length);
        assertEquals(List.of(1, 2, 3), List.of(Channel.IN_PERSON.nationalCode(), Channel.ONLINE.nationalCode(),
                Channel.POSTAL.nationalCode()));
        assertEquals("Trực tuyến", Channel.ONLINE.displayName(null));
    }

    @ParameterizedTest
    @CsvSource({
        "DRAFT, 0, Đang nhập, Being entered",
        "SUBMITTED_ONLINE, 1, Mới đăng ký trực tuyến, Submitted online",
        "RECEIVED, 2, Đã tiếp nhận, Received",
        "REFUSED, 3, Từ chối tiếp nhận, Refused",
        "ASSIGNED, 4, Đã phân công thụ lý, Assigned",
        "IN_PROCESS, 4, Đang xử lý, In process",
        "AWAITING_SUPPLEMENT, 5, Chờ bổ sung, Awaiting supplement",
        "SUPPLEMENT_RECEIVED, 4, Đã nhận bổ sung, Supplement received",
        "AWAITING_PAYMENT, 6, Chờ thực hiện nghĩa vụ tài chính, Awaiting payment",
        "PENDING_APPROVAL, 4, Chờ phê duyệt, Pending approval",
        "APPROVED, 4, Đã phê duyệt, Approved",
        "ISSUED, 4, Đã ban hành, Issued",
        "TRANSFERRED, 4, Đã chuyển liên thông, Transferred to another agency",
        "RESULT_READY, 9, 'Đã có kết quả, chờ trả', Result ready",
        "DELIVERED, 10, Đã trả kết quả, Result delivered",
        "WITHDRAWN, 7, Công dân đã rút hồ sơ, Withdrawn by the applicant",
        "STOPPED, 8, Dừng xử lý, Processing stopped",
        "RETURNED, 8, Đã trả lại hồ sơ, Returned",
    })
    void everyStatusHasItsNationalCodeAndNames(DossierStatus status, int code, String vi, String en) {
        assertEquals(code == 0 ? OptionalInt.empty() : OptionalInt.of(code), status.nationalCode());
        assertEquals(vi, status.displayName(null));
        assertEquals(vi, status.displayName(Locale.forLanguageTag("vi-VN")));
        assertEquals(en, status.displayName(Locale.ENGLISH));
    }

    @Test
    void allTenNationalCodesAreReachable() {
        java.util.Set<Integer> codes = new java.util.TreeSet<>();
        for (DossierStatus s : DossierStatus.values()) {
            s.nationalCode().ifPresent(codes::add);
        }
        assertEquals(java.util.Set.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), codes);
    }

    @ParameterizedTest
    @EnumSource(DossierStatus.class)
    void everyEnumConstantIsTranslated(DossierStatus s) {
        for (Localizable l : List.<Localizable>of(s)) {
            assertFalse(l.displayName(null).startsWith("!"));
            assertFalse(l.displayName(Locale.ENGLISH).startsWith("!"));
        }
    }

    @Test
    void otherEnumsAreTranslated() {
        List<Enum<?>> all = new java.util.ArrayList<>();
        all.addAll(List.of(Level.values()));
        all.addAll(List.of(OnlineLevel.values()));
        all.addAll(List.of(Role.values()));
        all.addAll(List.of(DeadlineClass.values()));
        all.addAll(List.of(DurationUnit.values()));
        all.addAll(List.of(PaperKind.values()));
        all.addAll(List.of(DeliveryMethod.values()));
        all.addAll(List.of(DossierAction.values()));
        for (Enum<?> e : all) {
            Localizable l = (Localizable) e;
            assertFalse(l.displayName(null).startsWith("!"), e.toString());
            assertFalse(l.displayName(Locale.ENGLISH).startsWith("!"), e.toString());
        }
        assertEquals("Chờ bổ sung", DossierStatus.AWAITING_SUPPLEMENT.displayName(null));
        assertEquals("Quá hạn", DeadlineClass.OVERDUE.displayName(null));
        assertEquals("Cấp xã", Level.COMMUNE.displayName(null));
        assertFalse(Level.DISTRICT.isCurrent());
        assertTrue(Level.PROVINCE.isCurrent());
    }

    private static Procedure procedure(Map<Channel, ProcessingTime> times) {
        return new Procedure("2.000908", "Cấp bản sao từ sổ gốc", "Chứng thực", Level.COMMUNE, times,
                LocalTime.of(15, 0), Map.of(Channel.IN_PERSON, Fee.of(8000), Channel.ONLINE, Fee.free()),
                List.of(new RequiredDocument("1", "Tờ khai", PaperKind.ORIGINAL, 1, false),
                        new RequiredDocument("2", "Giấy ủy quyền", PaperKind.CERTIFIED_COPY, 1, true)),
                List.of("Nghị định 23/2015/NĐ-CP"), "UBND xã", OnlineLevel.PARTIAL, true, 2,
                LocalDate.of(2025, 7, 1));
    }

    @Test
    void procedureIsImmutableAndAnswersPerChannel() {
        Map<Channel, ProcessingTime> times = new HashMap<>();
        times.put(Channel.IN_PERSON, ProcessingTime.sameDay("Trong ngày"));
        times.put(Channel.ONLINE, ProcessingTime.of(BigDecimal.ONE, DurationUnit.WORKING_DAYS, "01 ngày làm việc"));
        Procedure p = procedure(times);
        times.put(Channel.POSTAL, ProcessingTime.of(3, DurationUnit.WORKING_DAYS));
        assertTrue(p.processingTime(Channel.POSTAL).isEmpty(), "defensive copy");
        assertEquals(DurationUnit.SAME_DAY, p.processingTime(Channel.IN_PERSON).orElseThrow().unit());
        assertEquals("Trong ngày", p.processingTime(Channel.IN_PERSON).orElseThrow().originalText());
        assertEquals(BigDecimal.ONE, p.processingTime(Channel.ONLINE).orElseThrow().amount());
        assertEquals(8000L, p.fee(Channel.IN_PERSON).orElseThrow().amountVnd());
        assertTrue(p.fee(Channel.ONLINE).orElseThrow().isFree());
        assertEquals(LocalTime.of(15, 0), p.cutOff().orElseThrow());
        assertTrue(p.requiredDocument("2").orElseThrow().optional());
        assertThrows(UnsupportedOperationException.class, () -> p.requiredDocuments().clear());
        assertThrows(UnsupportedOperationException.class, () -> p.fees().put(Channel.POSTAL, Fee.free()));
    }

    @Test
    void processingTimeWithoutDueDate() {
        ProcessingTime none = ProcessingTime.noDueDate("Không quy định cụ thể thời gian");
        assertFalse(none.hasDueDate());
        assertEquals("Không quy định cụ thể thời gian", none.originalText());
        assertThrows(IllegalArgumentException.class,
                () -> new ProcessingTime(BigDecimal.TEN, null, ""));
        assertThrows(IllegalArgumentException.class,
                () -> ProcessingTime.of(BigDecimal.valueOf(-1), DurationUnit.WORKING_HOURS, ""));
        // one representation of "no due date": absent amount and unit
        assertEquals(ProcessingTime.noDueDate(""), ProcessingTime.none());
        assertFalse(ProcessingTime.none().hasDueDate());
        assertEquals("Không quy định thời hạn", none.displayName(null));
        assertEquals("No time limit", none.displayName(Locale.ENGLISH));
    }

    @Test
    void sameDayHasOneRepresentation() {
        ProcessingTime sameDay = ProcessingTime.sameDay();
        assertEquals(DurationUnit.SAME_DAY, sameDay.unit());
        assertEquals(0, sameDay.amount().signum());
        assertTrue(sameDay.hasDueDate());
        assertTrue(sameDay.isSameDay());
        assertEquals(sameDay, new ProcessingTime(new BigDecimal("0.00"), DurationUnit.SAME_DAY, ""));
        // "0 working days" and a same-day unit with an amount are ambiguous: rejected
        assertThrows(IllegalArgumentException.class, () -> ProcessingTime.workingDays(0));
        assertThrows(IllegalArgumentException.class, () -> ProcessingTime.of(0, DurationUnit.WORKING_HOURS));
        assertThrows(IllegalArgumentException.class, () -> ProcessingTime.of(1, DurationUnit.SAME_DAY));
        assertEquals("Trong ngày làm việc", sameDay.displayName(null));
        assertEquals("Within the working day", sameDay.displayName(Locale.ENGLISH));
        assertTrue(DurationUnit.SAME_DAY.countsWorkingTime());
        assertFalse(DurationUnit.CALENDAR_DAYS.countsWorkingTime());
    }

    @Test
    void processingTimeFactoriesAndNormalisedAmounts() {
        assertEquals(ProcessingTime.of(3, DurationUnit.WORKING_DAYS), ProcessingTime.workingDays(3));
        assertEquals(ProcessingTime.workingDays(10), new ProcessingTime(new BigDecimal("10.00"), DurationUnit.WORKING_DAYS));
        assertEquals("10", ProcessingTime.workingDays(10).amount().toPlainString());
        assertEquals(new BigDecimal("1.5"), new ProcessingTime(new BigDecimal("1.50"), DurationUnit.WORKING_DAYS).amount());
        assertEquals(java.time.Duration.ofHours(4), ProcessingTime.workingHours(4).workingTime());
        assertEquals(java.time.Duration.ofHours(24), ProcessingTime.workingDays(3).workingTime());
        assertEquals(null, ProcessingTime.calendarDays(15).workingTime());
        assertEquals(DurationUnit.MONTHS, ProcessingTime.months(1).unit());
        assertThrows(IllegalArgumentException.class, () -> new ProcessingTime(new BigDecimal("0.5"), DurationUnit.MONTHS));
        assertEquals("3 ngày làm việc", ProcessingTime.workingDays(3).displayName(null));
        assertEquals("1.5 working day(s)", new ProcessingTime(new BigDecimal("1.5"), DurationUnit.WORKING_DAYS).displayName(Locale.ENGLISH));
        assertEquals("15 ngày", ProcessingTime.calendarDays(15).displayName(null));
    }

    @Test
    void duplicateRequiredDocumentIdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Procedure("1.001612", "x", "", Level.COMMUNE, null,
                null, null, List.of(new RequiredDocument("1", "a", PaperKind.COPY, 1, false),
                        new RequiredDocument("1", "b", PaperKind.COPY, 1, false)),
                null, null, OnlineLevel.NONE, true, 1, LocalDate.of(2025, 7, 1)));
    }

    @Test
    void userMayHoldSeveralRoles() {
        User u = new User("mai.do", "Đỗ Thị Mai", "H21.217", EnumSet.of(Role.CLERK, Role.SPECIALIST));
        assertTrue(u.hasRole(Role.CLERK));
        assertTrue(u.hasRole(Role.SPECIALIST));
        assertFalse(u.hasRole(Role.HEAD));
    }

    @Test
    void applicantsAreSealed() {
        Applicant p = new PersonApplicant("Nguyễn Văn A", LocalDate.of(1990, 1, 1), "001090000001", null, null, null);
        Applicant o = new OrganisationApplicant("Công ty TNHH ABC", "0100109106", "Trần B", null, null, null);
        String id = switch (p) {
            case PersonApplicant x -> x.citizenId();
            case OrganisationApplicant x -> x.taxCode();
        };
        assertEquals("001090000001", id);
        assertEquals("0100109106", o.identifier());
        assertEquals("Công ty TNHH ABC", o.displayName());
    }

    @Test
    void attachmentNeedsASha256Digest() {
        String hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assertEquals("application/pdf", new Attachment(hex, "a.pdf", 0, "application/pdf").mediaType());
        assertThrows(IllegalArgumentException.class, () -> new Attachment(hex.toUpperCase(), "a.pdf", 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Attachment("abc", "a.pdf", 0, null));
    }

    private static Dossier draft() {
        return Dossier.draft("1.001612", 3, "2025", Channel.IN_PERSON,
                new PersonApplicant("Nguyễn Văn A", null, "", null, null, null), List.of(), "H21.217");
    }

    @Test
    void dossierStatusMustAgreeWithHistory() {
        Instant t = Instant.parse("2026-03-02T02:00:00Z");
        DossierEvent e = new DossierEvent(1, DossierAction.RECEIVE, DossierStatus.DRAFT, DossierStatus.RECEIVED,
                "thu", Role.CLERK, "WS-1", t, "", "01", null, null, null);
        Dossier received = draft().record(e, Dossier.Changes.NONE.withCode("H21.217-260302-0001").withReceivedAt(t));
        assertEquals(DossierStatus.RECEIVED, received.status());
        assertEquals(t, received.receivedAt());
        // A stored dossier whose status contradicts its last event is rejected.
        assertThrows(IllegalArgumentException.class, () -> new Dossier(received.code(), received.procedureCode(), 3,
                "2025", Channel.IN_PERSON, received.applicant(), List.of(), t, null, DossierStatus.APPROVED, null,
                "H21.217", received.events(), List.of(), List.of(), List.of(), null));
        // Events must continue the history: wrong sequence or wrong from-status.
        DossierEvent gap = new DossierEvent(3, DossierAction.ASSIGN, DossierStatus.RECEIVED, DossierStatus.ASSIGNED,
                "hoa", Role.HEAD, "", t, "", null, "binh", null, null);
        assertThrows(IllegalArgumentException.class, () -> received.record(gap, null));
        DossierEvent wrongFrom = new DossierEvent(2, DossierAction.ASSIGN, DossierStatus.DRAFT, DossierStatus.ASSIGNED,
                "hoa", Role.HEAD, "", t, "", null, "binh", null, null);
        assertThrows(IllegalArgumentException.class, () -> received.record(wrongFrom, null));
        assertThrows(UnsupportedOperationException.class, () -> received.events().clear());
    }

    @Test
    void onlyADraftMayLackACode() {
        assertThrows(IllegalArgumentException.class, () -> new Dossier(null, "1.001612", 3, "2025", Channel.ONLINE,
                new PersonApplicant("A", null, "", null, null, null), List.of(), null, null,
                DossierStatus.SUBMITTED_ONLINE, null, "H21.217", List.of(), List.of(), List.of(), List.of(), null));
    }

    @Test
    void onlyOnlineSubmissionCreatesADossierFromNothing() {
        assertThrows(IllegalArgumentException.class, () -> new DossierEvent(1, DossierAction.RECEIVE, null,
                DossierStatus.RECEIVED, "thu", Role.CLERK, "", Instant.EPOCH, "", null, null, null, null));
    }
}
