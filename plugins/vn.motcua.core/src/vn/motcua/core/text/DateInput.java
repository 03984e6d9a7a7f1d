package vn.motcua.core.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date as clerks type it: day first, as on the citizen's ID card — 15/03/1990, 15-03-1990, 15.03.1990, 1/3/1990
 * or the eight digits 15031990. Shown back as dd/MM/yyyy. A day that does not exist (31/02) is no date.
 */
public final class DateInput {
    /** How dates are shown. */
    public static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Pattern SEPARATED = Pattern.compile("(\\d{1,2})\\s*[/.\\-]\\s*(\\d{1,2})\\s*[/.\\-]\\s*(\\d{4})");
    private static final Pattern DIGITS = Pattern.compile("(\\d{2})(\\d{2})(\\d{4})");

    private DateInput() {
    }

    /** The date typed, or empty when the text is blank or not a date. */
    public static Optional<LocalDate> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.strip();
        Matcher m = SEPARATED.matcher(s);
        if (!m.matches()) {
            m = DIGITS.matcher(s);
            if (!m.matches()) {
                return Optional.empty();
            }
        }
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1))));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The date as shown (dd/MM/yyyy). */
    public static String show(LocalDate date) {
        return date.format(SHOWN);
    }
}
