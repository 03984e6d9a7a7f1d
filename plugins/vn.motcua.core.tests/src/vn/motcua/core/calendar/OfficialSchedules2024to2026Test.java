package vn.motcua.core.calendar;

import vn.motcua.core.model.ProcessingTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.motcua.core.model.ProcessingTime;

/** The shipped official schedules (deadlines.md) and due dates across them, with the default calendar. */
class OfficialSchedules2024to2026Test {
    private final WorkingTimeCalendar cal = WorkingTimeCalendar.defaults();
    private final DueTimeCalculator calc = new DueTimeCalculator(cal);

    @ParameterizedTest(name = "{0} is off")
    @CsvSource({
        // 2024: Tết 08/02–14/02; 27/4–1/5; 31/8–3/9
        "2024-02-08", "2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14",
        "2024-04-27", "2024-04-28", "2024-04-29", "2024-04-30", "2024-05-01",
        "2024-08-31", "2024-09-01", "2024-09-02", "2024-09-03",
        // 2025: 30/4–4/5 (Friday 2/5 swapped)
        "2025-04-30", "2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04",
        // 2026: 1/1–4/1 (Friday 2/1 swapped); Tết 14/2–22/2; Giỗ Tổ Sunday 26/4 → Monday 27/4; 30/4–3/5
        "2026-01-01", "2026-01-02", "2026-01-03", "2026-01-04",
        "2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20",
        "2026-02-21", "2026-02-22",
        "2026-04-25", "2026-04-26", "2026-04-27",
        "2026-04-30", "2026-05-01", "2026-05-02", "2026-05-03" })
    void listedDaysAreOff(LocalDate date) {
        DayStatus s = cal.dayStatus(date);
        assertFalse(s.working());
        assertTrue(cal.isHoliday(date));
        assertFalse(s.reasons().isEmpty());
    }

    @ParameterizedTest(name = "{0} is worked")
    @CsvSource({
        // make-up Saturdays
        "2024-05-04", "2025-04-26", "2026-01-10",
        // edges of the breaks
        "2024-02-07", "2024-02-15", "2024-05-02", "2024-09-04", "2025-04-29", "2025-05-05", "2026-01-05",
        "2026-02-13", "2026-02-23", "2026-04-24", "2026-04-28", "2026-04-29", "2026-05-04" })
    void listedDaysAreWorked(LocalDate date) {
        assertTrue(cal.isWorkingDay(date));
    }

    @Test
    void reasonsShownForDaysOff() {
        assertEquals("Nghỉ bù Tết Dương lịch (hoán đổi, làm bù thứ Bảy 10/01/2026)",
                cal.dayStatus(LocalDate.of(2026, 1, 2)).describe(null));
        assertEquals("Nghỉ bù Giỗ Tổ Hùng Vương", cal.dayStatus(LocalDate.of(2026, 4, 27)).describe(null));
        assertEquals("Chủ nhật", cal.dayStatus(LocalDate.of(2026, 3, 8)).describe(null));
        assertEquals("Thứ Bảy", cal.dayStatus(LocalDate.of(2026, 3, 7)).describe(null));
        assertEquals("Sunday", cal.dayStatus(LocalDate.of(2026, 3, 8)).describe(java.util.Locale.ENGLISH));
        assertEquals("Tết Nguyên đán Bính Ngọ (mùng 1)", cal.dayStatus(LocalDate.of(2026, 2, 17)).describe(null));
        // computed holidays not in the file: Giỗ Tổ 2024, 2025; Quốc khánh 2025 (01/9 + 02/9)
        assertEquals("Giỗ Tổ Hùng Vương", cal.dayStatus(LocalDate.of(2024, 4, 18)).describe(null));
        assertEquals("Giỗ Tổ Hùng Vương", cal.dayStatus(LocalDate.of(2025, 4, 7)).describe(null));
        assertEquals("Quốc khánh", cal.dayStatus(LocalDate.of(2025, 9, 1)).describe(null));
        assertTrue(cal.isWorkingDay(LocalDate.of(2025, 9, 3)));
    }

    @Test
    void daysOffOf2026() {
        List<LocalDate> off = cal.daysOff(2026).stream().map(DayStatus::date).toList();
        assertEquals(List.of(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 2), LocalDate.of(2026, 1, 3),
                LocalDate.of(2026, 1, 4), LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 15),
                LocalDate.of(2026, 2, 16), LocalDate.of(2026, 2, 17), LocalDate.of(2026, 2, 18),
                LocalDate.of(2026, 2, 19), LocalDate.of(2026, 2, 20), LocalDate.of(2026, 2, 21),
                LocalDate.of(2026, 2, 22), LocalDate.of(2026, 4, 25), LocalDate.of(2026, 4, 26),
                LocalDate.of(2026, 4, 27), LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 1),
                LocalDate.of(2026, 5, 2), LocalDate.of(2026, 5, 3), LocalDate.of(2026, 9, 1),
                LocalDate.of(2026, 9, 2)), off);
    }

    private LocalDateTime due(LocalDateTime received, ProcessingTime pt) {
        return calc.compute(DueTimeRequest.of(received, pt)).dueAt();
    }

    @ParameterizedTest(name = "{1} working days from {0} → {2}")
    @CsvSource({
        // deadlines.md example: 30/4–3/5/2026 off
        "2026-04-29T09:00, 3, 2026-05-06T09:00",
        // Tết 2026: Friday 13/2 then Monday 23/2 …
        "2026-02-12T14:00, 5, 2026-02-26T14:00",
        "2026-02-13T16:00, 1, 2026-02-23T16:00",
        // New Year 2026 and the make-up Saturday 10/1
        "2025-12-31T10:00, 2, 2026-01-06T10:00",
        "2026-01-07T10:00, 5, 2026-01-13T10:00",
        "2026-01-09T10:00, 1, 2026-01-10T10:00",
        // Giỗ Tổ 2026
        "2026-04-24T15:00, 1, 2026-04-28T15:00",
        // 2025: make-up Saturday 26/4 and 30/4–4/5
        "2025-04-25T16:00, 1, 2025-04-26T16:00",
        "2025-04-29T09:00, 2, 2025-05-06T09:00",
        // 2024: 27/4–1/5 off, Saturday 4/5 worked; Tết 8–14/2; Quốc khánh 31/8–3/9
        "2024-04-26T10:00, 2, 2024-05-03T10:00",
        "2024-04-26T10:00, 3, 2024-05-04T10:00",
        "2024-02-07T10:00, 1, 2024-02-15T10:00",
        "2024-08-30T14:30, 1, 2024-09-04T14:30" })
    void dueDatesAcrossOfficialSchedules(LocalDateTime received, long days, LocalDateTime expected) {
        assertEquals(expected, due(received, ProcessingTime.workingDays(days)));
    }

    @Test
    void tet2026SkippedDaysAreExplained() {
        DueTime d = calc.compute(DueTimeRequest.of(LocalDateTime.of(2026, 2, 12, 14, 0), ProcessingTime.workingDays(5)));
        assertEquals(List.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 15), LocalDate.of(2026, 2, 16),
                LocalDate.of(2026, 2, 17), LocalDate.of(2026, 2, 18), LocalDate.of(2026, 2, 19),
                LocalDate.of(2026, 2, 20), LocalDate.of(2026, 2, 21), LocalDate.of(2026, 2, 22)),
                d.skippedDays().stream().map(DayStatus::date).toList());
        assertTrue(d.explain(null).contains("Không tính Thứ Ba 17/02/2026: Tết Nguyên đán Bính Ngọ (mùng 1)"));
        assertEquals("20260226140000", d.dueAtWire().orElseThrow());
    }
}
