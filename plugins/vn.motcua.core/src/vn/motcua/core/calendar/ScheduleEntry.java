package vn.motcua.core.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One line of an official yearly schedule.
 *
 * @param date     the day
 * @param kind     {@link Kind#OFF} (day off, incl. swapped days) or {@link Kind#WORK} (make-up working day)
 * @param occasion the holiday rule id the line belongs to (e.g. {@code TET}), or {@code null} for a stand-alone
 *                 day; an official line tagged with an occasion replaces all computed days of that occurrence
 * @param text     the admin's description, shown as the reason (not translated)
 * @param source   "file:line" where the entry was read, for messages
 */
public record ScheduleEntry(LocalDate date, Kind kind, String occasion, String text, String source) {
    /** Whether the day is off or worked. */
    public enum Kind {
        OFF, WORK
    }

    public ScheduleEntry {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /** Reason shown for the day: the admin's text, marked as official. */
    public Reason reason() {
        return Reason.of(kind == Kind.OFF ? "reason.officialOff" : "reason.makeUpDay", text);
    }
}
