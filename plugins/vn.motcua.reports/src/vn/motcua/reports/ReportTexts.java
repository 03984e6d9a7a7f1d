package vn.motcua.reports;

import java.text.NumberFormat;
import java.util.Locale;

import vn.motcua.core.i18n.Localizer;

/** The reports' texts in the workbench language; numbers with the language's separators (1.234,5 in Vietnamese). */
final class ReportTexts {
    private static final Localizer TEXT = Localizer.of(ReportTexts.class, "messages");
    final Locale locale;

    ReportTexts(Locale locale) {
        this.locale = locale;
    }

    String get(String key, Object... args) {
        return TEXT.format(locale, key, args);
    }

    /** A cell as printed: whole numbers plain, fractions with one decimal, null as a dash. */
    String cell(Object v) {
        if (v == null) {
            return "—";
        }
        if (v instanceof Double d) {
            NumberFormat f = NumberFormat.getNumberInstance(locale);
            f.setMinimumFractionDigits(1);
            f.setMaximumFractionDigits(1);
            return f.format(d);
        }
        if (v instanceof Number n) {
            return NumberFormat.getIntegerInstance(locale).format(n.longValue());
        }
        return v.toString();
    }
}
