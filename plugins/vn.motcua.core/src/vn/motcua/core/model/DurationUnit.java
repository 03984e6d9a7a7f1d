package vn.motcua.core.model;

import java.util.Locale;

/** Unit of a legal processing time as the national catalogue states it. */
public enum DurationUnit implements Localizable {
    WORKING_DAYS, WORKING_HOURS, CALENDAR_DAYS, MONTHS;

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
