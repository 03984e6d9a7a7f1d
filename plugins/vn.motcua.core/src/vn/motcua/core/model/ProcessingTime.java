package vn.motcua.core.model;

import java.math.BigDecimal;
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
}
