package vn.motcua.excel;

import java.util.Locale;

import vn.motcua.core.i18n.Localizer;

/** User-visible text of this bundle (Vietnamese base file, English variant). */
final class ExcelText {
    private static final Localizer L = Localizer.of(ExcelText.class, "messages");

    private ExcelText() {
    }

    static String format(Locale locale, String key, Object... args) {
        return L.format(locale, key, args);
    }
}
