package vn.motcua.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import vn.motcua.core.i18n.Localizer;

/** Access to this package's message bundle and the date formats used in explanations. */
final class Texts {
    private static final Localizer MESSAGES = Localizer.of(Texts.class, "messages");
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");

    private Texts() {
    }

    /** Formats {@code key}; when the bundle lacks it and a fallback text exists, formats the fallback instead. */
    static String formatOr(Locale locale, String key, String fallback, Object... args) {
        String text = MESSAGES.format(locale, key, args);
        if (fallback != null && text.equals("!" + key + "!")) {
            return fallback;
        }
        return text;
    }

    static String format(Locale locale, String key, Object... args) {
        return formatOr(locale, key, null, args);
    }

    static String date(LocalDate d) {
        return d.format(DATE);
    }

    static String dateTime(LocalDateTime t) {
        return t.format(DATE_TIME);
    }

    static Reason weekday(DayOfWeek d) {
        return Reason.of("weekday." + d.name());
    }
}
