package vn.motcua.sync;

import java.time.Instant;

/**
 * What the status bar shows: when sync last succeeded, how many local changes wait, the last error in plain
 * words (null after a success), unacknowledged conflicts, and whether a round is running.
 */
public record SyncStatus(Instant lastSuccess, long pending, String lastError, int conflicts, boolean running, Instant nextAttempt) {
}
