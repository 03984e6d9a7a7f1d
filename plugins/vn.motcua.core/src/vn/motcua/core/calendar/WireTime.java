package vn.motcua.core.calendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

/**
 * The wire format of times exchanged with the national portal (DVCQG) and provincial systems:
 * {@code yyyyMMddHHmmss} in Asia/Ho_Chi_Minh, e.g. {@code 20260429090000}.
 */
public final class WireTime {
    /** Strict: rejects 20260230…, 24:00 and the like. */
    public static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);

    private WireTime() {
    }

    public static String format(LocalDateTime localTime) {
        return localTime.format(FORMAT);
    }

    public static String format(Instant instant) {
        return format(toLocal(instant));
    }

    /** @throws DateTimeParseException if the text is not exactly 14 digits forming a valid time */
    public static LocalDateTime parse(String text) {
        return LocalDateTime.parse(text.strip(), FORMAT);
    }

    public static LocalDateTime toLocal(Instant instant) {
        return LocalDateTime.ofInstant(instant, CalendarConfig.ZONE);
    }

    public static LocalDateTime toLocal(ZonedDateTime time) {
        return time.withZoneSameInstant(CalendarConfig.ZONE).toLocalDateTime();
    }

    public static Instant toInstant(LocalDateTime localTime) {
        return localTime.atZone(CalendarConfig.ZONE).toInstant();
    }
}
