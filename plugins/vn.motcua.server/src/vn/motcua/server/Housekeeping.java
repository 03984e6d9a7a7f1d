package vn.motcua.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Removes what only ages: expired tokens, forgotten login-throttle rows and abandoned uploads, at start and then every
 * {@code housekeeping.seconds}, on one daemon thread. A failed round is logged and the next one tries again.
 */
final class Housekeeping implements AutoCloseable {
    /** What one round removed. */
    record Purged(int expiredTokens, int throttleRows, int abandonedChunks) {
        int total() {
            return expiredTokens + throttleRows + abandonedChunks;
        }

        @Override
        public String toString() {
            return expiredTokens + " expired tokens, " + throttleRows + " forgotten login throttle rows, " + abandonedChunks
                    + " abandoned upload chunks removed";
        }
    }

    private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "motcua-housekeeping");
        t.setDaemon(true);
        return t;
    });

    Housekeeping(SyncService service, Duration every) {
        long seconds = Math.max(1, every.toSeconds());
        timer.scheduleWithFixedDelay(() -> {
            try {
                Purged p = service.purge();
                if (p.total() > 0) {
                    LOG.log(System.Logger.Level.INFO, "housekeeping: " + p);
                }
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "housekeeping failed; trying again in " + seconds + " s", e);
            }
        }, 0, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
