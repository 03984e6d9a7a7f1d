package vn.motcua.server;

import java.time.Duration;

/** A refusal that ends by itself: 429 with {@code Retry-After} (login throttling, quotas). */
final class RetryLater extends SyncService.Refusal {
    private static final long serialVersionUID = 1L;
    final Duration after;

    RetryLater(String code, String message, Duration after) {
        super(429, code, message);
        this.after = after;
    }

    /** Whole seconds, rounded up, at least 1 (the header's unit). */
    long seconds() {
        return Math.max(1, (after.toMillis() + 999) / 1000);
    }
}
