package vn.motcua.core.calendar;

/** Unit of a procedure's processing time (đơn vị tính of thời hạn giải quyết). */
public enum DurationUnit {
    /** Ngày làm việc: 1 day = 8 working hours. 0 = same day (due at closing of the day the clock starts). */
    WORKING_DAYS,
    /** Giờ làm việc. */
    WORKING_HOURS,
    /** Ngày (calendar days); holidays skipped only if configured; a due date on a day off moves forward. */
    CALENDAR_DAYS,
    /** Tháng (calendar months); a due date on a day off moves forward. */
    MONTHS,
    /** Không quy định thời hạn: no due date. */
    NONE
}
