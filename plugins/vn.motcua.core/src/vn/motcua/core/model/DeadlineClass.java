package vn.motcua.core.model;

import java.util.Locale;

/** Deadline class shown in lists (quá hạn / sắp đến hạn / đúng hạn); computed by the calendar code. */
public enum DeadlineClass implements Localizable {
    ON_TIME, DUE_SOON, OVERDUE;

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
