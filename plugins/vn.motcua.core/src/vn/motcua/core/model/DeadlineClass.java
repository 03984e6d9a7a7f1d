package vn.motcua.core.model;

import java.util.Locale;

/**
 * Deadline class shown in lists (quá hạn / sắp đến hạn / đúng hạn). The calendar package computes it and has
 * its own enum of the same constants; this one is kept for the UI and storage layers that use the model.
 */
public enum DeadlineClass implements Localizable {
    ON_TIME, DUE_SOON, OVERDUE;

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
