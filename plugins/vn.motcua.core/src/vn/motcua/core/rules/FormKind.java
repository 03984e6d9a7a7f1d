package vn.motcua.core.rules;

/**
 * What a form is for, independent of its number: the 2018 and 2025 packs number the same forms differently
 * (the control slip is 05 in 2018, 06 in 2025) and the stop notice exists only in 2025.
 */
public enum FormKind {
    RECEIPT, SUPPLEMENT_REQUEST, REFUSAL, APOLOGY_EXTENSION, STOP_NOTICE, CONTROL_SLIP, LEDGER
}
