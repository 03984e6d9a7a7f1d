package vn.motcua.core.model;

import java.util.Locale;

/**
 * Unit of a legal processing time (đơn vị của thời hạn giải quyết) as the national catalogue states it. The
 * calendar code ({@code vn.motcua.core.calendar.DueTimeCalculator}) turns an amount in this unit into a due
 * time. "No due date" is not a unit: a {@link ProcessingTime} without one has neither amount nor unit.
 */
public enum DurationUnit implements Localizable {
    /** Ngày làm việc: 1 day = 8 working hours; may be fractional (0.5 day = 4 hours). */
    WORKING_DAYS,
    /** Giờ làm việc. */
    WORKING_HOURS,
    /** Ngày (calendar days); holidays skipped only if configured; a due date on a day off moves forward. */
    CALENDAR_DAYS,
    /** Tháng (calendar months); a due date on a day off moves forward. */
    MONTHS,
    /**
     * Trong ngày / ngay trong ngày làm việc: due at closing of the day the clock starts; with the procedure's
     * cut-off (typically 15:00) a later reception is due at closing of the next working day. It has no amount
     * (always 0), so "same day" has exactly one representation, never "0 working days" or "1 working day".
     */
    SAME_DAY;

    /** Whether the clock of this unit runs on office hours only (so supplement pauses count working time). */
    public boolean countsWorkingTime() {
        return this == WORKING_DAYS || this == WORKING_HOURS || this == SAME_DAY;
    }

    /** Whether amounts in this unit must be whole numbers (calendar units cannot be split into hours). */
    public boolean wholeNumbersOnly() {
        return this == CALENDAR_DAYS || this == MONTHS;
    }

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
