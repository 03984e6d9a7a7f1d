package vn.motcua.core.calendar;

/** Deadline class shown for a dossier (đúng hạn / sắp đến hạn / quá hạn). */
public enum DeadlineClass {
    ON_TIME, DUE_SOON, OVERDUE;

    /** Localisable label. */
    public Reason label() {
        return Reason.of("deadline." + name());
    }
}
