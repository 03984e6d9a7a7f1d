package vn.motcua.core.model;

import java.util.Locale;

import vn.motcua.core.i18n.Localizer;

/** Display names of this package's enums: key {@code EnumSimpleName.CONSTANT} in messages.properties. */
final class ModelText {
    private static final Localizer TEXT = Localizer.of(ModelText.class, "messages");

    private ModelText() {
    }

    static String name(Enum<?> e, Locale locale) {
        return TEXT.format(locale, e.getDeclaringClass().getSimpleName() + "." + e.name());
    }

    static String format(Locale locale, String key, Object... args) {
        return TEXT.format(locale, key, args);
    }
}
