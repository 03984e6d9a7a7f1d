package vn.motcua.core.calendar;

import java.time.Duration;
import java.util.Objects;

/**
 * Working-time budget of one workflow step (e.g. Hà Nội QĐ 663: tiếp nhận 2 h, thẩm định 3 h, ký 2 h,
 * ban hành 1 h).
 *
 * @param step   step code, e.g. {@code receive}, {@code appraise}, {@code approve}, {@code issue}
 * @param budget working time allowed
 */
public record StepBudget(String step, Duration budget) {
    public StepBudget {
        Objects.requireNonNull(step, "step");
        if (budget.isNegative()) {
            throw new IllegalArgumentException("negative budget for " + step);
        }
    }

    public static StepBudget hours(String step, long hours) {
        return new StepBudget(step, Duration.ofHours(hours));
    }
}
