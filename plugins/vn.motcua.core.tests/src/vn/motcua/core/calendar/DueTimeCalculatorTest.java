package vn.motcua.core.calendar;

import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.DeadlineClass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import vn.motcua.core.model.DeadlineClass;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.ProcessingTime;

class DueTimeCalculatorTest {
    private static final LocalTime CUT_OFF = LocalTime.of(15, 0);
    private final DueTimeCalculator calc = new DueTimeCalculator(WorkingTimeCalendar.defaults());

    private static LocalDateTime t(int y, int m, int d, int h, int min) {
        return LocalDateTime.of(y, m, d, h, min);
    }

    private DueTime compute(LocalDateTime received, ProcessingTime pt) {
        return calc.compute(DueTimeRequest.of(received, pt));
    }

    // ------------------------------------------------------------ cut-off

    @ParameterizedTest(name = "same-day, received {0} → due {1}")
    @CsvSource({
        "2026-03-09T14:59, 2026-03-09T17:00",
        "2026-03-09T15:00, 2026-03-09T17:00",
        "2026-03-09T15:01, 2026-03-10T17:00",
        "2026-03-13T15:30, 2026-03-16T17:00",
        "2026-03-09T17:30, 2026-03-10T17:00",
        "2026-03-09T06:50, 2026-03-09T17:00",
        "2026-04-29T16:00, 2026-05-04T17:00" })
    void sameDayProcedureWithCutOff(LocalDateTime received, LocalDateTime due) {
        DueTime d = calc.compute(DueTimeRequest.of(received, ProcessingTime.sameDay()).withCutOff(CUT_OFF));
        assertEquals(due, d.dueAt());
    }

    @Test
    void sameDayIsExplainedAndBudgetsTheRestOfTheDay() {
        DueTime d = calc.compute(DueTimeRequest.of(t(2026, 3, 9, 14, 0), ProcessingTime.sameDay()).withCutOff(CUT_OFF));
        assertEquals(List.of("Tiếp nhận lúc 14:00 09/03/2026", "Thời hạn giải quyết: Trong ngày làm việc",
                "Giải quyết trong ngày: hẹn trả lúc kết thúc giờ làm việc 17:00 09/03/2026",
                "Hẹn trả kết quả: 17:00 09/03/2026 (Thứ Hai)"), d.explain(null));
        assertTrue(d.explain(Locale.ENGLISH).contains("Processing time: Within the working day"));
        assertEquals(Duration.ofHours(3), d.workingTimeBudget());
        // a supplement pauses a same-day dossier by the working time it waited: Monday 16:00–17:00 and Tuesday
        // 07:30–10:00 = 3.5 h, so the due time moves from Monday 17:00 to Tuesday 11:00
        DueTime paused = calc.compute(DueTimeRequest.of(t(2026, 3, 9, 14, 0), ProcessingTime.sameDay())
                .withSupplements(SupplementMode.PAUSE, new Supplement(t(2026, 3, 9, 16, 0), t(2026, 3, 10, 10, 0))));
        assertEquals(Duration.ofMinutes(60 + 150), paused.pausedWorkingTime());
        assertEquals(t(2026, 3, 10, 11, 0), paused.dueAt());
    }

    @Test
    void cutOffIsPerProcedure() {
        // without a cut-off the same reception is due the same day
        assertEquals(t(2026, 3, 9, 17, 0), compute(t(2026, 3, 9, 15, 30), ProcessingTime.sameDay()).dueAt());
        // with a cut-off, a 1-day procedure received Thursday 15:30 starts Friday 07:30 and ends Friday 17:00
        DueTime d = calc.compute(DueTimeRequest.of(t(2026, 3, 12, 15, 30), ProcessingTime.workingDays(1)).withCutOff(CUT_OFF));
        assertEquals(t(2026, 3, 13, 7, 30), d.clockStart());
        assertEquals(t(2026, 3, 13, 17, 0), d.dueAt());
        assertTrue(d.explain(null).contains("Tiếp nhận sau 15:00 (giờ chốt của thủ tục): bắt đầu tính từ 07:30 13/03/2026"));
        assertTrue(d.explain(Locale.ENGLISH).contains("Received after 15:00 (the procedure's cut-off): clock starts at 07:30 13/03/2026"));
    }

    // ------------------------------------------------------------ units

    @Test
    void workingDaysAndHours() {
        assertEquals(t(2026, 3, 12, 10, 0), compute(t(2026, 3, 9, 10, 0), ProcessingTime.workingDays(3)).dueAt());
        // reception during lunch: the clock starts 13:30
        assertEquals(t(2026, 3, 11, 13, 30), compute(t(2026, 3, 9, 12, 15), ProcessingTime.workingDays(2)).dueAt());
        // reception before opening: 1 day from 07:30 Monday = Monday's closing
        assertEquals(t(2026, 3, 9, 17, 0), compute(t(2026, 3, 9, 7, 0), ProcessingTime.workingDays(1)).dueAt());
        // Friday evening: the clock starts Monday 07:30
        assertEquals(t(2026, 3, 17, 17, 0), compute(t(2026, 3, 13, 19, 0), ProcessingTime.workingDays(2)).dueAt());
        // working hours: Monday 16:00 + 4 h = Tuesday 10:30
        assertEquals(t(2026, 3, 10, 10, 30), compute(t(2026, 3, 9, 16, 0), ProcessingTime.workingHours(4)).dueAt());
        // fractional days: 0.5 day = 4 h; 1.5 days = 1 day + 4 h
        assertEquals(t(2026, 3, 9, 16, 0), compute(t(2026, 3, 9, 10, 0), new ProcessingTime(new BigDecimal("0.5"), DurationUnit.WORKING_DAYS)).dueAt());
        assertEquals(t(2026, 3, 10, 16, 0), compute(t(2026, 3, 9, 10, 0), new ProcessingTime(new BigDecimal("1.5"), DurationUnit.WORKING_DAYS)).dueAt());
        assertEquals(Duration.ofHours(12), new ProcessingTime(new BigDecimal("1.5"), DurationUnit.WORKING_DAYS).workingTime());
        assertThrows(IllegalArgumentException.class, () -> new ProcessingTime(new BigDecimal("1.5"), DurationUnit.CALENDAR_DAYS));
    }

    @Test
    void eightHourCountingDriftsWithSevenAndAHalfHourDays() {
        DueTimeCalculator eight = new DueTimeCalculator(new WorkingTimeCalendar(
                CalendarConfig.builder().workingDayCounting(WorkingDayCounting.EIGHT_HOURS).build()));
        DueTimeRequest r = DueTimeRequest.of(t(2026, 4, 29, 9, 0), ProcessingTime.workingDays(3));
        assertEquals(t(2026, 5, 6, 10, 30), eight.compute(r).dueAt());
        assertEquals(t(2026, 5, 6, 9, 0), calc.compute(r).dueAt());
        // with 8-hour office days both countings agree
        CalendarConfig.Builder eightHourDays = CalendarConfig.builder()
                .weekdayHours(TimeInterval.of(7, 0, 11, 30), TimeInterval.of(13, 30, 17, 0));
        assertEquals(t(2026, 5, 6, 9, 0), new DueTimeCalculator(new WorkingTimeCalendar(
                eightHourDays.workingDayCounting(WorkingDayCounting.EIGHT_HOURS).build())).compute(r).dueAt());
        assertEquals(t(2026, 5, 6, 9, 0), new DueTimeCalculator(new WorkingTimeCalendar(
                eightHourDays.workingDayCounting(WorkingDayCounting.WHOLE_DAYS).build())).compute(r).dueAt());
    }

    @Test
    void calendarDays() {
        assertEquals(t(2026, 3, 12, 10, 0), compute(t(2026, 3, 2, 10, 0), ProcessingTime.calendarDays(10)).dueAt());
        // lands on Saturday 14/03 → Monday 16/03, same time
        assertEquals(t(2026, 3, 16, 10, 0), compute(t(2026, 3, 9, 10, 0), ProcessingTime.calendarDays(5)).dueAt());
        // lands on 30/04/2026 (holiday) → 01/05 holiday, 02–03/05 weekend → Monday 04/05
        DueTime d = compute(t(2026, 4, 15, 9, 0), ProcessingTime.calendarDays(15));
        assertEquals(t(2026, 5, 4, 9, 0), d.dueAt());
        assertEquals(List.of(LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 2), LocalDate.of(2026, 5, 3)),
                d.skippedDays().stream().map(DayStatus::date).toList());
        assertTrue(d.explain(null).contains("Ngày hẹn rơi vào ngày nghỉ: chuyển sang ngày làm việc kế tiếp 04/05/2026"));
        // Tết not skipped by default: 12/02 + 10 = Sunday 22/02 → Monday 23/02
        assertEquals(t(2026, 2, 23, 10, 0), compute(t(2026, 2, 12, 10, 0), ProcessingTime.calendarDays(10)).dueAt());
    }

    @Test
    void calendarDaysSkippingHolidaysWhenConfigured() {
        DueTimeCalculator skipping = new DueTimeCalculator(new WorkingTimeCalendar(
                CalendarConfig.builder().calendarDaysSkipHolidays(true).build()));
        // 13/02 counts; the official Tết days 14–22/02 do not; 23/02 … 03/03 count (Sunday 01/03 included)
        DueTime d = skipping.compute(DueTimeRequest.of(t(2026, 2, 12, 10, 0), ProcessingTime.calendarDays(10)));
        assertEquals(t(2026, 3, 3, 10, 0), d.dueAt());
        assertEquals(9, d.skippedDays().size());
        // ordinary weekends are not skipped: 02/03 + 10 = 12/03
        assertEquals(t(2026, 3, 12, 10, 0), skipping.compute(DueTimeRequest.of(t(2026, 3, 2, 10, 0), ProcessingTime.calendarDays(10))).dueAt());
    }

    @Test
    void monthsAndNoDueDate() {
        // 30/01/2026 + 1 month = Saturday 28/02 → Monday 02/03
        assertEquals(t(2026, 3, 2, 10, 0), compute(t(2026, 1, 30, 10, 0), ProcessingTime.months(1)).dueAt());
        assertEquals(t(2026, 6, 9, 14, 0), compute(t(2026, 3, 9, 14, 0), ProcessingTime.months(3)).dueAt());
        DueTime none = compute(t(2026, 3, 9, 14, 0), ProcessingTime.none());
        assertNull(none.dueAt());
        assertTrue(none.dueAtWire().isEmpty());
        assertEquals(List.of("Tiếp nhận lúc 14:00 09/03/2026", "Thời hạn giải quyết: Không quy định thời hạn",
                "Thủ tục không quy định thời hạn: không có ngày hẹn trả"), none.explain(null));
        assertEquals(DeadlineClass.ON_TIME, calc.classify(none, t(2030, 1, 1, 8, 0)));
    }

    // ------------------------------------------------------------ supplements

    private static final LocalDateTime RECEIVED = t(2026, 3, 2, 8, 0);
    private static final Supplement SUPPLEMENT = new Supplement(t(2026, 3, 4, 10, 0), t(2026, 3, 6, 10, 0));

    @Test
    void supplementPauseExtendsByPausedWorkingTime() {
        assertEquals(t(2026, 3, 9, 8, 0), compute(RECEIVED, ProcessingTime.workingDays(5)).dueAt());
        DueTime d = calc.compute(DueTimeRequest.of(RECEIVED, ProcessingTime.workingDays(5))
                .withSupplements(SupplementMode.PAUSE, SUPPLEMENT));
        // paused Wednesday 10:00–17:00 (5 h) + Thursday (7.5 h) + Friday 07:30–10:00 (2.5 h) = 15 h
        assertEquals(Duration.ofHours(15), d.pausedWorkingTime());
        assertEquals(t(2026, 3, 11, 8, 0), d.dueAt());
        assertFalse(d.lateByServiceIndexRule());
        assertTrue(d.explain(null).contains(
                "Tạm dừng do bổ sung hồ sơ từ 10:00 04/03/2026 đến 10:00 06/03/2026 (15 giờ làm việc): gia hạn đến 08:00 11/03/2026"));
    }

    @Test
    void supplementDefaultIsPause() {
        assertEquals(SupplementMode.PAUSE, SupplementMode.defaultMode());
        DueTimeRequest r = new DueTimeRequest(RECEIVED, ProcessingTime.workingDays(5), null, null, List.of(SUPPLEMENT));
        assertEquals(SupplementMode.PAUSE, r.supplementMode());
        assertEquals(t(2026, 3, 11, 8, 0), calc.compute(r).dueAt());
    }

    @Test
    void supplementRestartRestartsFullDuration() {
        DueTime d = calc.compute(DueTimeRequest.of(RECEIVED, ProcessingTime.workingDays(5))
                .withSupplements(SupplementMode.RESTART, SUPPLEMENT));
        assertEquals(t(2026, 3, 6, 10, 0), d.clockStart());
        assertEquals(t(2026, 3, 13, 10, 0), d.dueAt());
        // completed after closing on Friday 24/04/2026: restarts Tuesday 28/04 07:30 (after Giỗ Tổ) → 5 days
        DueTime late = calc.compute(DueTimeRequest.of(t(2026, 4, 20, 9, 0), ProcessingTime.workingDays(5))
                .withSupplements(SupplementMode.RESTART, new Supplement(t(2026, 4, 21, 9, 0), t(2026, 4, 24, 17, 30))));
        assertEquals(t(2026, 4, 28, 7, 30), late.clockStart());
        // 28/4 (1), 29/4 (2), 04/5 (3), 05/5 (4), 06/5 (5): from an opening time, ends at closing of the 5th day
        assertEquals(t(2026, 5, 6, 17, 0), late.dueAt());
    }

    @Test
    void supplementCalendarDaysPause() {
        DueTime d = calc.compute(DueTimeRequest.of(t(2026, 3, 2, 10, 0), ProcessingTime.calendarDays(10))
                .withSupplements(SupplementMode.PAUSE, new Supplement(t(2026, 3, 4, 9, 0), t(2026, 3, 7, 9, 0))));
        // 12/03 + 3 days paused = Sunday 15/03 → Monday 16/03
        assertEquals(t(2026, 3, 16, 10, 0), d.dueAt());
    }

    @Test
    void awaitingSupplementAndMoreThanOneRequest() {
        DueTime waiting = calc.compute(DueTimeRequest.of(RECEIVED, ProcessingTime.workingDays(5))
                .withSupplements(SupplementMode.PAUSE, new Supplement(t(2026, 3, 4, 10, 0), null)));
        assertTrue(waiting.awaitingSupplement());
        assertNull(waiting.dueAt());
        assertEquals(DeadlineClass.ON_TIME, calc.classify(waiting, t(2026, 3, 20, 8, 0)));
        assertTrue(waiting.explain(null).contains("Đang chờ bổ sung hồ sơ từ 10:00 04/03/2026: tạm dừng tính thời hạn"));

        DueTime twice = calc.compute(DueTimeRequest.of(RECEIVED, ProcessingTime.workingDays(5)).withSupplements(SupplementMode.PAUSE,
                new Supplement(t(2026, 3, 5, 8, 0), t(2026, 3, 5, 10, 0)), SUPPLEMENT));
        assertTrue(twice.lateByServiceIndexRule());
        // 2 h + 15 h paused
        assertEquals(Duration.ofHours(17), twice.pausedWorkingTime());
        assertThrows(IllegalArgumentException.class, () -> new Supplement(t(2026, 3, 5, 8, 0), t(2026, 3, 4, 8, 0)));
    }

    // ------------------------------------------------------------ classes and progress

    @ParameterizedTest(name = "at {0}: {1}")
    @CsvSource({
        "2026-03-04T10:00, ON_TIME",
        "2026-03-05T09:00, ON_TIME",
        "2026-03-06T09:00, DUE_SOON",
        "2026-03-07T09:00, DUE_SOON",
        "2026-03-09T08:00, DUE_SOON",
        "2026-03-09T08:01, OVERDUE" })
    void deadlineClasses(LocalDateTime now, DeadlineClass expected) {
        DueTime d = compute(RECEIVED, ProcessingTime.workingDays(5)); // due Monday 09/03 08:00
        assertEquals(expected, calc.classify(d, now));
    }

    @Test
    void dueSoonThresholdIsConfigurable() {
        DueTimeCalculator wide = new DueTimeCalculator(new WorkingTimeCalendar(
                CalendarConfig.builder().dueSoonThreshold(Duration.ofHours(16)).build()));
        DueTime d = wide.compute(DueTimeRequest.of(RECEIVED, ProcessingTime.workingDays(5)));
        assertEquals(DeadlineClass.DUE_SOON, wide.classify(d, t(2026, 3, 5, 9, 0))); // 14 h left
        assertEquals(DeadlineClass.ON_TIME, wide.classify(d, t(2026, 3, 4, 9, 0))); // 21.5 h left
        assertEquals("Sắp đến hạn", DeadlineClass.DUE_SOON.displayName(null));
        assertEquals("Overdue", DeadlineClass.OVERDUE.displayName(Locale.ENGLISH));
    }

    @Test
    void finishedDossiersAndProgress() {
        DueTime d = compute(RECEIVED, ProcessingTime.workingDays(5));
        assertEquals(DeadlineClass.ON_TIME, calc.classifyFinished(d, t(2026, 3, 9, 8, 0)));
        assertEquals(DeadlineClass.OVERDUE, calc.classifyFinished(d, t(2026, 3, 9, 8, 1)));
        LocalDateTime now = t(2026, 3, 6, 9, 0);
        assertEquals(Duration.ofMinutes(390), calc.remainingWorkingTime(d, now));
        assertEquals(Duration.ofHours(31), calc.usedWorkingTime(d, now));
        assertEquals(Duration.ofHours(40), d.workingTimeBudget());
        assertEquals(Duration.ofMinutes(-30), calc.remainingWorkingTime(d, t(2026, 3, 9, 8, 30)));
    }

    @Test
    void stepBudgets() {
        List<StepDue> steps = calc.stepDueTimes(t(2026, 3, 9, 10, 0), List.of(StepBudget.hours("receive", 2),
                StepBudget.hours("appraise", 3), StepBudget.hours("approve", 2), StepBudget.hours("issue", 1)));
        assertEquals(List.of(t(2026, 3, 9, 14, 0), t(2026, 3, 9, 17, 0), t(2026, 3, 10, 9, 30), t(2026, 3, 10, 10, 30)),
                steps.stream().map(StepDue::dueAt).toList());
        assertEquals(t(2026, 3, 9, 17, 0), steps.get(2).startAt());
        assertEquals("approve", steps.get(2).budget().step());
        // a step taken over just before a weekend
        assertEquals(t(2026, 3, 16, 9, 0), calc.stepDue(t(2026, 3, 13, 16, 30), StepBudget.hours("appraise", 2)));
    }

    // ------------------------------------------------------------ explanation

    @Test
    void explainThisDate() {
        DueTime d = compute(t(2026, 4, 29, 9, 0), ProcessingTime.workingDays(3));
        assertEquals(List.of(
                "Tiếp nhận lúc 09:00 29/04/2026",
                "Thời hạn giải quyết: 3 ngày làm việc",
                "Cộng 3 ngày làm việc kể từ 09:00 29/04/2026 (cùng giờ của ngày làm việc thứ 3)",
                "Không tính Thứ Năm 30/04/2026: Ngày Chiến thắng",
                "Không tính Thứ Sáu 01/05/2026: Ngày Quốc tế Lao động",
                "Không tính Thứ Bảy 02/05/2026: Nghỉ lễ 30/4–1/5 (thứ Bảy); Thứ Bảy",
                "Không tính Chủ nhật 03/05/2026: Nghỉ lễ 30/4–1/5 (Chủ nhật); Chủ nhật",
                "Hẹn trả kết quả: 09:00 06/05/2026 (Thứ Tư)"), d.explain(null));
        assertEquals("Due: 09:00 06/05/2026 (Wednesday)", d.explain(Locale.ENGLISH).get(7));
        assertEquals("Not counted: Thursday 30/04/2026: Official day off: Ngày Chiến thắng", d.explain(Locale.ENGLISH).get(3));
        assertEquals(List.of(LocalDate.of(2026, 4, 30), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 2), LocalDate.of(2026, 5, 3)),
                d.skippedDays().stream().map(DayStatus::date).toList());
        assertEquals("20260506090000", d.dueAtWire().orElseThrow());
    }

    @Test
    void explainNormalisationAndComputedHolidays() {
        // received Saturday 01/05/2027 (a computed holiday on a weekly rest day): clock starts Tuesday 04/05
        DueTime d = compute(t(2027, 5, 1, 9, 0), ProcessingTime.workingDays(1));
        assertEquals(t(2027, 5, 4, 7, 30), d.clockStart());
        assertEquals(t(2027, 5, 4, 17, 0), d.dueAt());
        assertEquals(List.of(
                "Tiếp nhận lúc 09:00 01/05/2027",
                "Thời hạn giải quyết: 1 ngày làm việc",
                "Không tính Thứ Bảy 01/05/2027: Ngày Quốc tế Lao động; Thứ Bảy",
                "Không tính Chủ nhật 02/05/2027: Chủ nhật",
                "Không tính Thứ Hai 03/05/2027: Nghỉ bù Ngày Quốc tế Lao động (trùng ngày nghỉ hằng tuần 01/05/2027)",
                "Tiếp nhận vào ngày nghỉ: bắt đầu tính từ 07:30 04/05/2027",
                "Cộng 1 ngày làm việc kể từ 07:30 04/05/2027 (cùng giờ của ngày làm việc thứ 1)",
                "Hẹn trả kết quả: 17:00 04/05/2027 (Thứ Ba)"), d.explain(null));
    }
}
