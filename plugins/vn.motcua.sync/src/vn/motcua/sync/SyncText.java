package vn.motcua.sync;

import java.util.Locale;

import vn.motcua.core.i18n.Localizer;

/** The sync client's messages (messages.properties, Vietnamese; messages_en.properties). */
final class SyncText {
    private static final Localizer TEXT = Localizer.of(SyncText.class, "messages");

    private SyncText() {
    }

    static String get(Locale locale, String key, Object... args) {
        return TEXT.format(locale, key, args);
    }
}
