package vn.motcua.core.identity;

import java.util.Locale;

import vn.motcua.core.i18n.Localizer;
import vn.motcua.core.model.Localizable;

/** Gender as encoded in the citizen ID's fourth digit (even = male, odd = female). */
public enum Gender implements Localizable {
    MALE, FEMALE;

    @Override
    public String displayName(Locale locale) {
        return Localizer.of(Gender.class, "messages").format(locale, "Gender." + name());
    }
}
