package vn.motcua.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Legal processing time of a procedure for one channel (thời hạn giải quyết): an amount and a unit, or no due
 * date at all ("Không quy định cụ thể thời gian"). The catalogue's original wording is kept because imports are
 * prose and the clerk must be able to check what the number came from.
 *
 * <p>One representation per meaning, so equal times compare equal (also after a round trip through storage):
 * <ul>
 * <li>no due date: {@code amount} and {@code unit} both {@code null} ({@link #noDueDate}, {@link #none()});</li>
 * <li>same day: unit {@link DurationUnit#SAME_DAY} with amount 0 ({@link #sameDay()}); 0 of any other unit is
 * rejected;</li>
 * <li>amounts are stored without trailing zeros and never in exponent form (1.50 → 1.5, 10 stays 10).</li>
 * </ul>
 * Working units may be fractional (0.5 working day = 4 working hours); calendar days and months are whole.
 *
 * @param amount       null when there is no due date; 0 for {@link DurationUnit#SAME_DAY}, else positive
 * @param unit         null when there is no due date
 * @param originalText the catalogue text, may be empty
 */
public record ProcessingTime(BigDecimal amount, DurationUnit unit, String originalText) implements Localizable {
    /** One working day counts as 8 working hours, whatever the office hours (national practice). */
    public static final Duration WORKING_DAY = Duration.ofHours(8);

    public ProcessingTime {
        if ((amount == null) != (unit == null)) {
            throw new IllegalArgumentException("amount and unit must both be set or both be absent");
        }
        if (amount != null) {
            amount = normalize(amount);
            if (amount.signum() < 0) {
                throw new IllegalArgumentException("negative processing time: " + amount);
            }
            if (unit == DurationUnit.SAME_DAY && amount.signum() != 0) {
                throw new IllegalArgumentException("a same-day processing time has no amount: " + amount);
            }
            if (unit != DurationUnit.SAME_DAY && amount.signum() == 0) {
                throw new IllegalArgumentException("0 " + unit + ": use SAME_DAY (sameDay()) for a same-day procedure");
            }
            if (unit.wholeNumbersOnly() && amount.scale() > 0) {
                throw new IllegalArgumentException(unit + " must be a whole number: " + amount);
            }
        }
        originalText = originalText == null ? "" : originalText;
    }

    /** An amount and unit without catalogue text (tests, computed times). */
    public ProcessingTime(BigDecimal amount, DurationUnit unit) {
        this(amount, unit, "");
    }

    private static BigDecimal normalize(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    public static ProcessingTime of(BigDecimal amount, DurationUnit unit, String originalText) {
        return new ProcessingTime(Objects.requireNonNull(amount), Objects.requireNonNull(unit), originalText);
    }

    public static ProcessingTime of(int amount, DurationUnit unit) {
        return of(BigDecimal.valueOf(amount), unit, "");
    }

    public static ProcessingTime workingDays(long days) {
        return of(BigDecimal.valueOf(days), DurationUnit.WORKING_DAYS, "");
    }

    public static ProcessingTime workingHours(long hours) {
        return of(BigDecimal.valueOf(hours), DurationUnit.WORKING_HOURS, "");
    }

    public static ProcessingTime calendarDays(long days) {
        return of(BigDecimal.valueOf(days), DurationUnit.CALENDAR_DAYS, "");
    }

    public static ProcessingTime months(long months) {
        return of(BigDecimal.valueOf(months), DurationUnit.MONTHS, "");
    }

    /** Within the day (trong ngày): due at closing of the day the clock starts. */
    public static ProcessingTime sameDay() {
        return sameDay("");
    }

    /** Within the day, with the catalogue's wording (which usually states the cut-off too). */
    public static ProcessingTime sameDay(String originalText) {
        return of(BigDecimal.ZERO, DurationUnit.SAME_DAY, originalText);
    }

    /** No due date, with the catalogue's wording. */
    public static ProcessingTime noDueDate(String originalText) {
        return new ProcessingTime(null, null, originalText);
    }

    /** No due date, without catalogue text. */
    public static ProcessingTime none() {
        return noDueDate("");
    }

    public boolean hasDueDate() {
        return unit != null;
    }

    public boolean isSameDay() {
        return unit == DurationUnit.SAME_DAY;
    }

    /**
     * The working time to add for {@link DurationUnit#WORKING_DAYS} (1 day = 8 h) and
     * {@link DurationUnit#WORKING_HOURS}, rounded to the minute; {@code null} for the other units (a same-day
     * time runs to the day's closing, whatever its length) and without a due date.
     */
    public Duration workingTime() {
        if (unit == DurationUnit.WORKING_DAYS || unit == DurationUnit.WORKING_HOURS) {
            long minutesPerUnit = unit == DurationUnit.WORKING_DAYS ? WORKING_DAY.toMinutes() : 60;
            return Duration.ofMinutes(amount.multiply(BigDecimal.valueOf(minutesPerUnit))
                    .setScale(0, RoundingMode.HALF_UP).longValueExact());
        }
        return null;
    }

    /** "3 ngày làm việc", "Trong ngày", "Không quy định thời hạn" in {@code locale} ({@code null} = Vietnamese). */
    @Override
    public String displayName(Locale locale) {
        if (!hasDueDate()) {
            return ModelText.format(locale, "ProcessingTime.NONE");
        }
        // The amount as plain text: MessageFormat would group or round numbers.
        return ModelText.format(locale, "ProcessingTime." + unit.name(), amount.toPlainString());
    }
}
