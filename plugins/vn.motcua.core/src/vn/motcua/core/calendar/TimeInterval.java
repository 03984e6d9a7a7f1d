package vn.motcua.core.calendar;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/** A half-open span of office hours within a day, e.g. 07:30–11:30. */
public record TimeInterval(LocalTime start, LocalTime end) {
    public TimeInterval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("interval must end after it starts: " + start + "–" + end);
        }
    }

    /** Parses {@code "07:30-11:30"}. */
    public static TimeInterval parse(String text) {
        String[] p = text.strip().split("\\s*[-–]\\s*");
        if (p.length != 2) {
            throw new IllegalArgumentException("expected HH:mm-HH:mm: " + text);
        }
        return new TimeInterval(LocalTime.parse(p[0]), LocalTime.parse(p[1]));
    }

    public static TimeInterval of(int startHour, int startMinute, int endHour, int endMinute) {
        return new TimeInterval(LocalTime.of(startHour, startMinute), LocalTime.of(endHour, endMinute));
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /** start ≤ t &lt; end */
    public boolean contains(LocalTime t) {
        return !t.isBefore(start) && t.isBefore(end);
    }

    @Override
    public String toString() {
        return start + "–" + end;
    }
}
