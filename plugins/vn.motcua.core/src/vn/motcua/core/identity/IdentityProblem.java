package vn.motcua.core.identity;

/** Why an identification number was rejected; each has a localised message in messages.properties. */
public enum IdentityProblem {
    EMPTY, NON_DIGIT, LENGTH, UNKNOWN_PROVINCE, CENTURY_MISMATCH, YEAR_MISMATCH,
    TAX_NON_DIGIT, TAX_LENGTH, TAX_CHECKSUM, TAX_BRANCH
}
