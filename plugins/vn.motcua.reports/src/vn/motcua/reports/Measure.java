package vn.motcua.reports;

/** What an indicator of Decision 766 counts (DVCQG's formula description, docs/reports.md). */
public enum Measure {
    /** 2.1: finished or still within the time limit, supplement time subtracted, more than one supplement = late. */
    ON_TIME,
    /** 3.1: active procedures offered as an online public service. */
    ONLINE_PROCEDURES,
    /** 3.2: online procedures that had at least one online dossier in the period. */
    ONLINE_PROCEDURES_USED,
    /** 3.3: dossiers received online. */
    ONLINE_DOSSIERS,
    /** 3.5: dossiers with fees paid online, of the dossiers with fees. */
    ONLINE_PAYMENT,
    /** 4.1: finished dossiers with an electronic (signed) result. */
    ELECTRONIC_RESULT,
    /** 4.2: finished dossiers with digitised papers and an electronic result. */
    DIGITISED,
    /** 4.3: dossiers with a reused paper. */
    REUSED,
    /** 4.4: dossiers with a paper taken from the national data store. */
    NATIONAL_STORE,
    /** 5.4: 100 % minus the overdue rate and the rate of applicants dissatisfied at the hand-over (complaints filed on
     * the national portal are counted there, not here). */
    SATISFACTION,
    /** Scored on the national portal only (publication of procedures): shown, not computed. */
    PORTAL_ONLY
}
