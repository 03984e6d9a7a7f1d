package vn.motcua.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Office hours, reception normalisation and working-time arithmetic (week of Monday 09/03/2026). */
class WorkingTimeCalendarTest {
    private final WorkingTimeCalendar cal = WorkingTimeCalendar.defaults();
    private final WorkingTimeCalendar saturday = new WorkingTimeCalendar(CalendarConfig.builder().saturdayMorning().build());

    @ParameterizedTest(name = "{0} → {1} ({2})")
    @CsvSource({
        "2026-03-09T06:45, 2026-03-09T07:30, BEFORE_OPENING",
        "2026-03-09T07:30, 2026-03-09T07:30, NONE",
        "2026-03-09T09:15:20, 2026-03-09T09:15:20, NONE",
        "2026-03-09T11:30, 2026-03-09T13:30, BREAK",
        "2026-03-09T12:10, 2026-03-09T13:30, BREAK",
        "2026-03-09T16:59, 2026-03-09T16:59, NONE",
        "2026-03-09T17:00, 2026-03-10T07:30, AFTER_CLOSING",
        "2026-03-09T17:20, 2026-03-10T07:30, AFTER_CLOSING",
        "2026-03-13T18:00, 2026-03-16T07:30, AFTER_CLOSING",
        "2026-03-15T10:00, 2026-03-16T07:30, DAY_OFF",
        "2026-04-29T17:30, 2026-05-04T07:30, AFTER_CLOSING" })
    void normalizeReception(LocalDateTime received, LocalDateTime expected, Reception.Adjustment adjustment) {
        Reception r = cal.normalizeReception(received);
        assertEquals(expected, r.clockStart());
        assertEquals(adjustment, r.adjustment());
        assertEquals(received, r.received());
    }

    @Test
    void fridayEveningWithSaturdayMorningConfigured() {
        assertEquals(LocalDateTime.of(2026, 3, 14, 7, 30), saturday.normalizeReception(LocalDateTime.of(2026, 3, 13, 18, 0)).clockStart());
        assertEquals(LocalDateTime.of(2026, 3, 16, 7, 30), saturday.normalizeReception(LocalDateTime.of(2026, 3, 14, 11, 45)).clockStart());
        assertTrue(saturday.isWorkingDay(LocalDate.of(2026, 3, 14)));
        assertFalse(saturday.isWorkingDay(LocalDate.of(2026, 3, 15)));
        // a holiday falling on Saturday still closes the office; the national placement is unchanged
        assertFalse(saturday.isWorkingDay(LocalDate.of(2026, 2, 21)));
        assertFalse(saturday.isWorkingDay(LocalDate.of(2026, 4, 27)));
        // Saturday morning counts 4 working hours: Friday 16:00 + 5 h = Saturday 11:30
        assertEquals(LocalDateTime.of(2026, 3, 14, 11, 30), saturday.addWorkingTime(LocalDateTime.of(2026, 3, 13, 16, 0), Duration.ofHours(5)));
        assertEquals(LocalDateTime.of(2026, 3, 16, 8, 30), saturday.addWorkingTime(LocalDateTime.of(2026, 3, 13, 16, 0), Duration.ofHours(6)));
        // one whole working day from Friday 15:00 ends at Saturday's closing
        assertEquals(LocalDateTime.of(2026, 3, 14, 11, 30), saturday.addWorkingDays(LocalDateTime.of(2026, 3, 13, 15, 0), 1));
    }

    @Test
    void addWorkingTime() {
        LocalDateTime mon = LocalDateTime.of(2026, 3, 9, 7, 30);
        // default hours total 7.5 h a day
        assertEquals(LocalDateTime.of(2026, 3, 9, 17, 0), cal.addWorkingTime(mon, Duration.ofMinutes(450)));
        assertEquals(LocalDateTime.of(2026, 3, 10, 8, 0), cal.addWorkingTime(mon, Duration.ofHours(8)));
        assertEquals(LocalDateTime.of(2026, 3, 9, 11, 30), cal.addWorkingTime(mon, Duration.ofHours(4)));
        assertEquals(LocalDateTime.of(2026, 3, 9, 16, 0), cal.addWorkingTime(LocalDateTime.of(2026, 3, 9, 10, 0), Duration.ofHours(4)));
        // a start outside office hours is moved forward first
        assertEquals(LocalDateTime.of(2026, 3, 9, 14, 30), cal.addWorkingTime(LocalDateTime.of(2026, 3, 9, 12, 0), Duration.ofHours(1)));
        assertEquals(LocalDateTime.of(2026, 3, 16, 8, 30), cal.addWorkingTime(LocalDateTime.of(2026, 3, 13, 17, 30), Duration.ofHours(1)));
        assertEquals(mon, cal.addWorkingTime(mon, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> cal.addWorkingTime(mon, Duration.ofHours(-1)));
    }

    @Test
    void addWholeWorkingDays() {
        assertEquals(LocalDateTime.of(2026, 3, 9, 17, 0), cal.addWorkingDays(LocalDateTime.of(2026, 3, 9, 7, 30), 1));
        assertEquals(LocalDateTime.of(2026, 3, 13, 17, 0), cal.addWorkingDays(LocalDateTime.of(2026, 3, 13, 7, 30), 1));
        assertEquals(LocalDateTime.of(2026, 3, 16, 14, 0), cal.addWorkingDays(LocalDateTime.of(2026, 3, 13, 14, 0), 1));
        assertEquals(LocalDateTime.of(2026, 3, 20, 16, 59), cal.addWorkingDays(LocalDateTime.of(2026, 3, 13, 16, 59), 5));
        // a start outside office hours is normalised first: Sunday 06:00 → Monday 07:30 → Monday 17:00
        assertEquals(LocalDateTime.of(2026, 3, 9, 17, 0), cal.addWorkingDays(LocalDateTime.of(2026, 3, 8, 6, 0), 1));
        assertEquals(LocalDateTime.of(2026, 3, 10, 13, 30), cal.addWorkingDays(LocalDateTime.of(2026, 3, 9, 12, 0), 1));
    }

    @Test
    void workingTimeBetween() {
        LocalDateTime a = LocalDateTime.of(2026, 3, 9, 9, 0);
        LocalDateTime b = LocalDateTime.of(2026, 3, 10, 9, 0);
        assertEquals(Duration.ofMinutes(450), cal.workingTimeBetween(a, b));
        assertEquals(Duration.ofMinutes(-450), cal.workingTimeBetween(b, a));
        assertEquals(Duration.ZERO, cal.workingTimeBetween(LocalDateTime.of(2026, 3, 9, 11, 40), LocalDateTime.of(2026, 3, 9, 13, 20)));
        // across the 30/4–3/5/2026 break: Wednesday 16:00–17:00 + Monday 07:30–08:00
        assertEquals(Duration.ofMinutes(90), cal.workingTimeBetween(LocalDateTime.of(2026, 4, 29, 16, 0), LocalDateTime.of(2026, 5, 4, 8, 0)));
        // inverse of addWorkingTime
        LocalDateTime start = LocalDateTime.of(2026, 2, 12, 10, 17);
        assertEquals(Duration.ofHours(37), cal.workingTimeBetween(start, cal.addWorkingTime(start, Duration.ofHours(37))));
    }

    @Test
    void nextWorkingDayAndOpening() {
        assertEquals(LocalDate.of(2026, 2, 23), cal.nextWorkingDay(LocalDate.of(2026, 2, 13)));
        assertEquals(LocalDate.of(2026, 1, 10), cal.nextWorkingDay(LocalDate.of(2026, 1, 9)));
        assertEquals(LocalDate.of(2026, 3, 9), cal.workingDayOnOrAfter(LocalDate.of(2026, 3, 7)));
        assertEquals(LocalDateTime.of(2026, 3, 9, 17, 0), cal.closingTime(LocalDate.of(2026, 3, 9)));
        assertEquals(LocalDateTime.of(2026, 3, 9, 7, 30), cal.openingTime(LocalDate.of(2026, 3, 9)));
        assertThrows(IllegalArgumentException.class, () -> cal.closingTime(LocalDate.of(2026, 3, 8)));
    }

    @Test
    void configIsValidatedAndImmutable() {
        assertThrows(IllegalArgumentException.class, () -> CalendarConfig.builder()
                .officeHours(DayOfWeek.MONDAY, TimeInterval.of(7, 30, 12, 0), TimeInterval.of(11, 0, 17, 0)));
        assertThrows(IllegalArgumentException.class, () -> TimeInterval.of(13, 0, 12, 0));
        assertEquals(TimeInterval.of(7, 30, 11, 30), TimeInterval.parse("07:30-11:30"));
        CalendarConfig c = CalendarConfig.defaults();
        assertEquals(List.of(), c.officeHours(DayOfWeek.SUNDAY));
        assertThrows(UnsupportedOperationException.class, () -> c.officeHours(DayOfWeek.MONDAY).clear());
        CalendarConfig sat = c.toBuilder().saturdayMorning().build();
        assertEquals(List.of(), c.officeHours(DayOfWeek.SATURDAY));
        assertEquals(List.of(TimeInterval.of(7, 30, 11, 30)), sat.officeHours(DayOfWeek.SATURDAY));
    }

    @Test
    void wireFormat() {
        assertEquals("20260506090000", WireTime.format(LocalDateTime.of(2026, 5, 6, 9, 0)));
        assertEquals(LocalDateTime.of(2026, 4, 29, 9, 5, 7), WireTime.parse("20260429090507"));
        assertEquals(Instant.parse("2026-05-06T02:00:00Z"), WireTime.toInstant(LocalDateTime.of(2026, 5, 6, 9, 0)));
        assertEquals("20260101065959", WireTime.format(Instant.parse("2025-12-31T23:59:59Z")));
        assertThrows(DateTimeParseException.class, () -> WireTime.parse("20260230090000"));
        assertThrows(DateTimeParseException.class, () -> WireTime.parse("2026043009"));
    }
}
