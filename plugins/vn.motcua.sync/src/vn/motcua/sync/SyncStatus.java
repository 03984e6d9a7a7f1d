package vn.motcua.sync;

import java.time.Instant;

/**
 * What the status bar shows: when sync last succeeded, how many local changes wait, the last error in plain
 * words (null after a success), unacknowledged conflicts, whether a round is running and what it is doing
 * (e.g. the progress of a first sync), null when idle; how many dossiers the last round stored from the
 * server (screens refresh when it is not zero); and, for a day, a notice that the cache had come back older than the
 * server's knowledge of it and what came back from the server (null otherwise).
 */
public record SyncStatus(Instant lastSuccess, long pending, String lastError, int conflicts, boolean running, Instant nextAttempt,
        String activity, int changedLastRound, String notice) {
}
