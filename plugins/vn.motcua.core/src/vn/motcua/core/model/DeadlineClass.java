package vn.motcua.core.model;

import java.util.Locale;

/**
 * Deadline class of a dossier (đúng hạn / sắp đến hạn / quá hạn): computed by
 * {@code vn.motcua.core.calendar.DueTimeCalculator}, shown and stored by the UI and storage layers.
 */
public enum DeadlineClass implements Localizable {
    ON_TIME, DUE_SOON, OVERDUE;

    /**
     * The one rule for the list's deadline column and its filter (the store's SQL mirrors it): paused
     * dossiers are on time (their clock is stopped), running ones are overdue past their due time and due
     * soon up to {@code dueSoonUntil}; others have no class ({@code null}).
     */
    public static DeadlineClass of(DossierStatus status, java.time.Instant dueAt, java.time.Instant now, java.time.Instant dueSoonUntil) {
        if (status.isPaused()) {
            return ON_TIME;
        }
        if (!status.isClockRunning()) {
            return null;
        }
        if (dueAt == null || dueAt.isAfter(dueSoonUntil)) {
            return ON_TIME;
        }
        return dueAt.isBefore(now) ? OVERDUE : DUE_SOON;
    }

    @Override
    public String displayName(Locale locale) {
        return ModelText.name(this, locale);
    }
}
