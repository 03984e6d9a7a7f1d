package vn.motcua.core.calendar;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One supplement request of a dossier.
 *
 * @param requestedAt when the supplement was requested (Mẫu 02 issued)
 * @param completedAt when the completed papers were received, or {@code null} while the applicant is awaited
 */
public record Supplement(LocalDateTime requestedAt, LocalDateTime completedAt) {
    public Supplement {
        Objects.requireNonNull(requestedAt, "requestedAt");
        if (completedAt != null && completedAt.isBefore(requestedAt)) {
            throw new IllegalArgumentException("supplement completed before it was requested");
        }
    }

    public boolean isCompleted() {
        return completedAt != null;
    }
}
