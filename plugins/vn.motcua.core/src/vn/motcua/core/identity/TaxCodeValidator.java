package vn.motcua.core.identity;

/**
 * Checks an enterprise/organisation tax code (mã số thuế): 10 digits whose last digit is a check digit, or
 * 13 digits for a dependent unit written {@code NNNNNNNNNN-NNN} (the dash may be missing on input; the
 * normalised form has it). Check digit: 10 − (Σ dᵢ·wᵢ mod 11) over the first nine digits with weights
 * 31, 29, 23, 19, 17, 13, 7, 5, 3; a result of 10 means no valid code. Since 07/2025 individuals use their
 * 12-digit citizen ID as tax code: validate those with {@link CitizenIdValidator}.
 */
public final class TaxCodeValidator {
    private static final int[] WEIGHTS = {31, 29, 23, 19, 17, 13, 7, 5, 3};

    public IdentityCheck validate(String taxCode) {
        String s = taxCode == null ? "" : taxCode.replaceAll("\\s", "");
        if (s.isEmpty()) {
            return IdentityCheck.fail(s, IdentityProblem.EMPTY);
        }
        String digits = s.replace("-", "");
        int dash = s.indexOf('-');
        if (dash >= 0 && (dash != 10 || s.indexOf('-', dash + 1) >= 0)) {
            return IdentityCheck.fail(s, IdentityProblem.TAX_LENGTH, digits.length());
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return IdentityCheck.fail(s, IdentityProblem.TAX_NON_DIGIT, String.valueOf(c));
            }
        }
        if (digits.length() != 10 && digits.length() != 13) {
            return IdentityCheck.fail(s, IdentityProblem.TAX_LENGTH, digits.length());
        }
        String normalised = digits.length() == 10 ? digits : digits.substring(0, 10) + "-" + digits.substring(10);
        int expected = checkDigit(digits);
        if (expected != digits.charAt(9) - '0') {
            return IdentityCheck.fail(normalised, IdentityProblem.TAX_CHECKSUM);
        }
        if (digits.length() == 13 && digits.endsWith("000")) {
            return IdentityCheck.fail(normalised, IdentityProblem.TAX_BRANCH);
        }
        return IdentityCheck.ok(normalised);
    }

    /** Check digit for the first nine digits, or −1 when none exists (sum gives 10). */
    static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        int d = 10 - sum % 11;
        return d == 10 ? -1 : d;
    }
}
