package vn.motcua.training.scenario;

import java.util.List;

/** Whether the trainee has done the exercise: done, or what is still missing (in the UI language). */
public record CheckResult(boolean done, List<String> missing) {
    public CheckResult {
        missing = List.copyOf(missing);
    }

    static CheckResult of(List<String> missing) {
        return new CheckResult(missing.isEmpty(), missing);
    }
}
