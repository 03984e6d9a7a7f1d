package vn.motcua.core.calendar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Objects;

/**
 * A procedure's processing time (thời hạn giải quyết) for one channel: an amount and a unit.
 * Working units may be fractional (0.5 working day = 4 working hours); calendar units are whole numbers.
 */
public record ProcessingTime(BigDecimal amount, DurationUnit unit) {
    public ProcessingTime {
        Objects.requireNonNull(unit, "unit");
        amount = amount == null ? BigDecimal.ZERO : amount.stripTrailingZeros();
        if (amount.signum() < 0) {
            throw new IllegalArgumentException("negative processing time: " + amount);
        }
        if ((unit == DurationUnit.CALENDAR_DAYS || unit == DurationUnit.MONTHS) && amount.scale() > 0) {
            throw new IllegalArgumentException(unit + " must be a whole number: " + amount);
        }
    }

    public static ProcessingTime workingDays(long days) {
        return new ProcessingTime(BigDecimal.valueOf(days), DurationUnit.WORKING_DAYS);
    }

    /** Within the day (trong ngày): due at closing of the day the clock starts. */
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

    public static ProcessingTime none() {
        return new ProcessingTime(BigDecimal.ZERO, DurationUnit.NONE);
    }

    /** Working time for working units (1 day = 8 h), rounded to the minute; {@code null} for the others. */
    public Duration workingTime() {
        long minutesPerUnit = switch (unit) {
            case WORKING_DAYS -> CalendarConfig.WORKING_DAY.toMinutes();
            case WORKING_HOURS -> 60;
            default -> -1;
        };
        if (minutesPerUnit < 0) {
            return null;
        }
        return Duration.ofMinutes(amount.multiply(BigDecimal.valueOf(minutesPerUnit)).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** Whether this is a same-day working-day duration. */
    public boolean isSameDay() {
        return unit == DurationUnit.WORKING_DAYS && amount.signum() == 0;
    }

    /** Localisable description, e.g. "3 ngày làm việc". */
    public Reason describe() {
        return Reason.of("unit." + unit.name(), amount.toPlainString());
    }
}
