package vn.motcua.core.model;

import java.util.Locale;

/**
 * The applicant's rating when the result is handed over (Decree 61/2018 evaluation; the three levels the counter
 * kiosks ask). Decision 766's satisfaction indicator counts the dissatisfied.
 */
public enum Satisfaction implements Localizable {
    VERY_SATISFIED, SATISFIED, DISSATISFIED;

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
