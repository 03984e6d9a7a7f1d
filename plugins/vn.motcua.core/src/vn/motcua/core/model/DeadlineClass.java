package vn.motcua.core.model;

import java.util.Locale;

/**
 * Deadline class of a dossier (đúng hạn / sắp đến hạn / quá hạn): computed by
 * {@code vn.motcua.core.calendar.DueTimeCalculator}, shown and stored by the UI and storage layers.
 */
public enum DeadlineClass implements Localizable {
    ON_TIME, DUE_SOON, OVERDUE;

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
