package vn.motcua.update;

import java.util.Locale;

import vn.motcua.core.i18n.Localizer;

/** The update messages (messages.properties, Vietnamese; messages_en.properties). */
public final class UpdateText {
    private static final Localizer TEXT = Localizer.of(UpdateText.class, "messages");

    private UpdateText() {
    }

    public static String get(Locale locale, String key, Object... args) {
        return TEXT.format(locale, key, args);
    }
}
