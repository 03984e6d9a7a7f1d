package vn.motcua.ui.reports;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import vn.motcua.core.i18n.Localizer;

/** This screen's texts in the workbench language, and dates as dd/MM/yyyy at Vietnam's time. */
final class Texts {
    private static final Localizer TEXT = Localizer.of(Texts.class, "messages");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    final Locale locale;

    Texts(Locale locale) {
        this.locale = locale;
    }

    String get(String key, Object... args) {
        return TEXT.format(locale, key, args);
    }

    static String dateTime(Instant i) {
        return i == null ? "—" : DATE_TIME.format(i);
    }

    static String date(Instant i) {
        return i == null ? "—" : DATE.format(i);
    }
}
