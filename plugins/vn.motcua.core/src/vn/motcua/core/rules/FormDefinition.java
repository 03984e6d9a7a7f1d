package vn.motcua.core.rules;

import java.util.Locale;
import java.util.Objects;

/** One form of a rule pack: its number in the circular's annex and its titles. */
public record FormDefinition(FormKind kind, String number, String titleVi, String titleEn) {
    public FormDefinition {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(titleVi, "titleVi");
        Objects.requireNonNull(titleEn, "titleEn");
    }

    /** Vietnamese unless the locale's language is English. */
    public String title(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? titleEn : titleVi;
    }
}
