package vn.motcua.store;

import java.util.Set;

/**
 * What the dossier list asks for. {@code text} is matched ignoring case and diacritics against code,
 * applicant name, citizen ID, phone and procedure name/code; {@code statuses} empty means all.
 */
public record DossierFilter(String text, Set<String> statuses, Sort sort) {
    /** List order. */
    public enum Sort {
        RECEIVED_NEWEST, DUE_SOONEST, CODE
    }

    public static DossierFilter all() {
        return new DossierFilter("", Set.of(), Sort.RECEIVED_NEWEST);
    }

    public DossierFilter withText(String t) {
        return new DossierFilter(t, statuses, sort);
    }
}
