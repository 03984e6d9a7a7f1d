package vn.motcua.sync;

import java.time.Instant;

/**
 * What the status bar shows: when sync last succeeded, how many local changes wait, the last error in plain
 * words (null after a success), unacknowledged conflicts, whether a round is running and what it is doing
 * (e.g. the progress of a first sync), null when idle; how many dossiers the last round stored from the
 * server (screens refresh when it is not zero); how many of the waiting changes cannot go now ({@code held}: not
 * signed by their actor, or the server waits for their actor's key) with the oldest one's reason; when the
 * session was last renewed with the user's signing key (null: not yet); and, for a day, a notice that the cache had
 * come back older than the server's knowledge of it and what came back from the server (null otherwise).
 */
public record SyncStatus(Instant lastSuccess, long pending, String lastError, int conflicts, boolean running, Instant nextAttempt,
        String activity, int changedLastRound, int held, String heldReason, Instant sessionRenewedAt, String notice) {
}
