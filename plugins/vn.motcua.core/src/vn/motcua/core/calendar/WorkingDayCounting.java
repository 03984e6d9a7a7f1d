package vn.motcua.core.calendar;

/**
 * How a duration in working days is added.
 *
 * <p>The two agree when office hours total 8 h a day (e.g. 07:00–11:30, 13:30–17:00). They differ with the
 * common 07:30–11:30, 13:30–17:00 (7.5 h): counting 8 h per day there drifts 30 minutes later per day, so a
 * 3-working-day dossier received Wednesday 09:00 would be promised at 10:30 instead of 09:00 on the third
 * working day — later than the legal time limit. Hence {@link #WHOLE_DAYS} is the default.
 */
public enum WorkingDayCounting {
    /**
     * N working days end at the same time of day on the N-th working day after the clock starts (a start at
     * opening time ends at the previous working day's closing; a time past that day's closing, e.g. on a
     * Saturday-morning day, is capped at its closing). A fractional rest is added as hours (1 day = 8 h).
     */
    WHOLE_DAYS,
    /** N working days = N × 8 working hours counted through the office hours (OpenCPS/Thanh Hóa practice). */
    EIGHT_HOURS
}
