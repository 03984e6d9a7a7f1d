package vn.motcua.sign;

import vn.motcua.core.i18n.Localizer;

/** The bundle's user-visible texts: {@code messages.properties} (Vietnamese, default), {@code messages_en.properties}. */
public final class Texts {
    public static final Localizer TEXT = Localizer.of(Texts.class, "messages");

    private Texts() {
    }
}
