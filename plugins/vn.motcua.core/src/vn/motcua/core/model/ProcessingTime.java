package vn.motcua.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * Legal processing time of a procedure for one channel: an amount and a unit, or no due date at all
 * ("Không quy định cụ thể thời gian"). The catalogue's original wording is kept because imports are prose
 * and the clerk must be able to check what the number came from. Amounts may be fractional (0.5 days).
 *
 * @param amount       null when there is no due date
 * @param unit         null when there is no due date
 * @param originalText the catalogue text, may be empty
 */
public record ProcessingTime(BigDecimal amount, DurationUnit unit, String originalText) {
    public ProcessingTime {
        if ((amount == null) != (unit == null)) {
            throw new IllegalArgumentException("amount and unit must both be set or both be absent");
        }
        if (amount != null && amount.signum() < 0) {
            throw new IllegalArgumentException("negative processing time: " + amount);
        }
        if (amount != null) {
            // One value per number (1 = 1.00), so equal times compare equal whatever their source.
            BigDecimal plain = amount.stripTrailingZeros();
            amount = plain.scale() < 0 ? plain.setScale(0) : plain;
        }
        if ((unit == DurationUnit.CALENDAR_DAYS || unit == DurationUnit.MONTHS) && amount != null && amount.scale() > 0) {
            throw new IllegalArgumentException(unit + " must be a whole number: " + amount);
        }
        originalText = originalText == null ? "" : originalText;
    }

    public static ProcessingTime of(BigDecimal amount, DurationUnit unit, String originalText) {
        return new ProcessingTime(Objects.requireNonNull(amount), Objects.requireNonNull(unit), originalText);
    }

    public static ProcessingTime of(int amount, DurationUnit unit) {
        return of(BigDecimal.valueOf(amount), unit, "");
    }

    public static ProcessingTime noDueDate(String originalText) {
        return new ProcessingTime(null, null, originalText);
    }

    public boolean hasDueDate() {
        return unit != null;
    }

    /** One working day counts as 8 working hours (the national rule for hour budgets and fractions). */
    public static final Duration WORKING_DAY = Duration.ofHours(8);

    public ProcessingTime(BigDecimal amount, DurationUnit unit) {
        this(amount, unit, "");
    }

    public static ProcessingTime workingDays(long days) {
        return new ProcessingTime(BigDecimal.valueOf(days), DurationUnit.WORKING_DAYS);
    }

    /** Within the day (trong ngày): due at closing of the day the clock starts; 0 working days. */
    public static ProcessingTime sameDay() {
        return workingDays(0);
    }

    public static ProcessingTime workingHours(long hours) {
        return new ProcessingTime(BigDecimal.valueOf(hours), DurationUnit.WORKING_HOURS);
    }

    public static ProcessingTime calendarDays(long days) {
        return new ProcessingTime(BigDecimal.valueOf(days), DurationUnit.CALENDAR_DAYS);
    }

    public static ProcessingTime months(long months) {
        return new ProcessingTime(BigDecimal.valueOf(months), DurationUnit.MONTHS);
    }

    /** No due date and no catalogue text. */
    public static ProcessingTime none() {
        return noDueDate("");
    }

    /** Working time for working units (1 day = 8 h), rounded to the minute; {@code null} for the others. */
    public Duration workingTime() {
        if (unit == null) {
            return null;
        }
        long minutesPerUnit = switch (unit) {
            case WORKING_DAYS -> WORKING_DAY.toMinutes();
            case WORKING_HOURS -> 60;
            default -> -1;
        };
        if (minutesPerUnit < 0) {
            return null;
        }
        return Duration.ofMinutes(amount.multiply(BigDecimal.valueOf(minutesPerUnit)).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** A same-day duration ("trong ngày": 0 working days). */
    public boolean isSameDay() {
        return unit == DurationUnit.WORKING_DAYS && amount.signum() == 0;
    }
}
