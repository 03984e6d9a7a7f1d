package vn.motcua.core.calendar;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether a date is a working day for an agency, its office hours, and why.
 *
 * @param date    the date
 * @param working whether the agency works that day
 * @param hours   office hours (empty on a day off)
 * @param reasons why the day is off, most specific first (official schedule, holiday, weekly rest), or why an
 *                otherwise free day is worked (make-up day); empty for an ordinary working day
 */
public record DayStatus(LocalDate date, boolean working, List<TimeInterval> hours, List<Reason> reasons) {
    public DayStatus {
        hours = List.copyOf(hours);
        reasons = List.copyOf(reasons);
    }

    /** The reasons joined with "; " in {@code locale} ({@code null} = Vietnamese), e.g. "Chủ nhật". */
    public String describe(Locale locale) {
        return reasons.stream().map(r -> r.text(locale)).collect(Collectors.joining("; "));
    }
}
