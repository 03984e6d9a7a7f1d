package vn.motcua.update.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Update rounds in the background: one soon after login, then every {@code interval} (±20 %, so a province's PCs do
 * not all ask at the same minute); a problem waits the same interval, never a tight retry. Listeners (the status bar)
 * get every status; the same problem is logged once ({@link Updater}).
 */
public final class UpdateSchedule implements AutoCloseable {
    private final Updater updater;
    private final Duration interval;
    private final List<Consumer<UpdateStatus>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "motcua-updates");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });
    private volatile UpdateStatus status;

    public UpdateSchedule(Updater updater, Duration interval) {
        this.updater = updater;
        this.interval = interval;
        UpdateStatus notice = updater.notice();
        this.status = notice != null ? notice : new UpdateStatus(UpdateStatus.Kind.CURRENT, updater.runningVersion(), null, null, null);
    }

    /** The first round after {@code firstDelay} (the login's sync session is there by then), then every interval. */
    public UpdateSchedule start(Duration firstDelay) {
        timer.schedule(this::round, firstDelay.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** A round now (after the one in progress, if any). */
    public void checkNow() {
        timer.execute(() -> publish(updater.run(this::publish)));
    }

    private void round() {
        Duration next = interval;
        try {
            UpdateStatus s = updater.run(this::publish);
            if (s.problem() != null && Updater.QUIET.contains(s.problem())) {
                // Not logged in yet (the sync session comes with its first round) or offline: try again soon.
                next = RETRY.compareTo(interval) < 0 ? RETRY : interval;
            }
            // A rollback notice stays on screen until a later round has something else to say (the server still offering
            // the version that failed is not news).
            if (!(status.kind() == UpdateStatus.Kind.ROLLED_BACK
                    && (s.kind() == UpdateStatus.Kind.CURRENT || "package.failedBefore".equals(s.problem())))) {
                publish(s);
            }
        } finally {
            long ms = (long) (next.toMillis() * (0.8 + ThreadLocalRandom.current().nextDouble() * 0.4));
            if (!timer.isShutdown()) {
                timer.schedule(this::round, ms, TimeUnit.MILLISECONDS);
            }
        }
    }

    private static final Duration RETRY = Duration.ofSeconds(30);

    public UpdateStatus status() {
        return status;
    }

    private void publish(UpdateStatus s) {
        status = s;
        listeners.forEach(l -> l.accept(s));
    }

    public void addListener(Consumer<UpdateStatus> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<UpdateStatus> l) {
        listeners.remove(l);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
