package vn.motcua.core.code;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A national procedure code {@code N.NNNNNN} ({@code 1.004222}, {@code 2.000908}), optionally with a local
 * suffix ({@code 1.012753.H19}). Always a string: spreadsheets turn it into a number and drop trailing zeros
 * ({@code 2.000150} → {@code 2.00015}); {@link #recover} undoes that and says so.
 *
 * @param suffix local suffix without the leading dot, empty when none
 */
public record ProcedureCode(String group, String number, String suffix) {
    private static final Pattern CODE = Pattern.compile("([1-9])\\.(\\d{6})((?:\\.[A-Za-z0-9]+)*)");
    private static final Pattern NUMERIC = Pattern.compile("([1-9])[.,](\\d{1,20})");

    public ProcedureCode {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(number, "number");
        suffix = suffix == null ? "" : suffix;
    }

    /** Strict parse of the canonical text; empty when malformed. */
    public static Optional<ProcedureCode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = CODE.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String suffix = m.group(3).isEmpty() ? "" : m.group(3).substring(1).toUpperCase(java.util.Locale.ROOT);
        return Optional.of(new ProcedureCode(m.group(1), m.group(2), suffix));
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    /**
     * Reads a code from an imported cell. A canonical code comes back unchanged ({@code recovered = false}); a
     * code that a spreadsheet stored as a number — trailing zeros lost ({@code 2.00015}), a decimal comma
     * ({@code 2,00015}), or binary noise ({@code 2.0001500000000001}) — is restored to six digits and flagged
     * {@code recovered = true} so the importer can show it for confirmation. Empty when nothing sensible remains.
     */
    public static Optional<Recovery> recover(String cell) {
        if (cell == null) {
            return Optional.empty();
        }
        String s = cell.strip();
        Optional<ProcedureCode> exact = parse(s);
        if (exact.isPresent()) {
            return Optional.of(new Recovery(exact.get(), false));
        }
        Matcher m = NUMERIC.matcher(s);
        if (!m.matches()) {
            return Optional.empty();
        }
        String digits = m.group(2);
        if (digits.length() > 6) {
            // Binary noise: accept only if rounding to six decimals changes the value by a tiny amount.
            BigDecimal v = new BigDecimal(m.group(1) + "." + digits);
            BigDecimal rounded = v.setScale(6, java.math.RoundingMode.HALF_UP);
            if (v.subtract(rounded).abs().compareTo(new BigDecimal("1E-9")) > 0) {
                return Optional.empty();
            }
            digits = rounded.toPlainString().substring(2);
        } else if (digits.length() < 3) {
            // "2.0" or "1.01": too little left to trust (would be 2.000000 or 1.010000).
            return Optional.empty();
        }
        StringBuilder b = new StringBuilder(digits);
        while (b.length() < 6) {
            b.append('0');
        }
        return Optional.of(new Recovery(new ProcedureCode(m.group(1), b.toString(), ""), true));
    }

    /** The national code without the local suffix. */
    public String nationalCode() {
        return group + "." + number;
    }

    /** Canonical text, with the suffix when present. */
    public String format() {
        return suffix.isEmpty() ? nationalCode() : nationalCode() + "." + suffix;
    }

    @Override
    public String toString() {
        return format();
    }

    /** A code read from an import, and whether it had to be repaired. */
    public record Recovery(ProcedureCode code, boolean recovered) {
    }
}
