package vn.motcua.ui.dossiers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import vn.motcua.core.i18n.Localizer;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;

/** Formatting for this screen: Vietnamese dates (dd/MM/yyyy) at Vietnam's time, statuses by name. */
final class UiText {
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Localizer TEXT = Localizer.of(UiText.class, "messages");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final Locale locale;

    UiText(Locale locale) {
        this.locale = locale;
    }

    Locale locale() {
        return locale;
    }

    String get(String key, Object... args) {
        return TEXT.format(locale, key, args);
    }

    String dateTime(Instant i) {
        return i == null ? get("none") : DATE_TIME.format(i.atZone(VIETNAM));
    }

    String date(LocalDate d) {
        return d == null ? get("none") : DATE.format(d);
    }

    String status(String name) {
        try {
            return DossierStatus.valueOf(name).displayName(locale);
        } catch (IllegalArgumentException | NullPointerException e) {
            return name == null ? get("none") : name; // a status from a newer server: show it as is
        }
    }

    String action(String name) {
        try {
            return DossierAction.valueOf(name).displayName(locale);
        } catch (IllegalArgumentException | NullPointerException e) {
            return name == null ? get("none") : name;
        }
    }

    static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }
}
