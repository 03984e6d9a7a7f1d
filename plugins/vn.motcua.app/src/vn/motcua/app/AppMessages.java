package vn.motcua.app;

import java.util.Locale;

import vn.motcua.core.i18n.Localizer;

/** Text of the application bundle's own dialogs ({@code messages.properties}: Vietnamese; {@code _en}: English). */
public final class AppMessages {
    private static final Localizer TEXT = Localizer.of(AppMessages.class, "messages");

    private AppMessages() {
    }

    public static String get(Locale locale, String key, Object... args) {
        return TEXT.format(locale, key, args);
    }
}
