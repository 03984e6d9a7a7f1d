package vn.motcua.core.calendar;

import java.time.LocalDateTime;

/** Start and due time of one workflow step (for the control slip, per-step and per-person deadlines). */
public record StepDue(StepBudget budget, LocalDateTime startAt, LocalDateTime dueAt) {
}
