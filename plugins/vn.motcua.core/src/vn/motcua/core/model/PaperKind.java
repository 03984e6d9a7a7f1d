package vn.motcua.core.model;

import java.util.Locale;

/** Whether a paper is the original, a certified copy, or a plain copy (bản chính / bản sao chứng thực / bản sao). */
public enum PaperKind implements Localizable {
    ORIGINAL, CERTIFIED_COPY, COPY;

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
