package vn.motcua.core.model;

import java.util.Locale;

/** How the result reaches the applicant. */
public enum DeliveryMethod implements Localizable {
    AT_COUNTER, POSTAL, ELECTRONIC;

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
