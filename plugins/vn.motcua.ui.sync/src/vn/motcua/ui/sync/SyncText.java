package vn.motcua.ui.sync;

import java.util.Locale;

import vn.motcua.core.i18n.Localizer;

final class SyncText {
    private static final Localizer TEXT = Localizer.of(SyncText.class, "messages");

    private SyncText() {
    }

    static String get(Locale locale, String key, Object... args) {
        return TEXT.format(locale, key, args);
    }
}
