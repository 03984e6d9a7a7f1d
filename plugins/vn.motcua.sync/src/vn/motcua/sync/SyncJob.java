package vn.motcua.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import vn.motcua.store.LocalCache;
import vn.motcua.store.SyncLedger;

/**
 * Background sync as an Eclipse Job: a round every {@code interval} while the server answers; after a failure
 * the next try waits {@code interval × 2^failures} (at most {@code maxBackoff}) with ±25 % jitter, so a
 * hundred workstations coming back after an outage do not all knock at once. {@link #syncNow()} runs a round
 * right away (also after a local change, so it does not wait for the timer).
 */
public final class SyncJob extends Job {
    private static final System.Logger LOG = System.getLogger(SyncJob.class.getName());
    private final SyncEngine engine;
    private final LocalCache cache;
    private final Locale locale;
    private final Duration interval;
    private final Duration maxBackoff;
    private final List<Consumer<SyncStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    private volatile int failures;
    private volatile boolean running;
    private volatile boolean referenceLoaded;
    private volatile Instant nextAttempt;
    private volatile String activity;
    private volatile int changedLastRound;
    /** The user's credentials until the first successful login to the server (the product logs in offline first). */
    private volatile String username;
    private volatile char[] password;
    private volatile String workstationId;
    private volatile SyncClient client;

    public SyncJob(SyncEngine engine, LocalCache cache, Locale locale, Duration interval, Duration maxBackoff) {
        super(SyncText.get(locale, "job.name"));
        this.engine = engine;
        this.cache = cache;
        this.locale = locale;
        this.interval = interval;
        this.maxBackoff = maxBackoff;
        setSystem(true);
        setPriority(Job.DECORATE);
    }

    /**
     * Logs in to the server at the start of the next round, with the password the user typed at the offline
     * login; the copy is wiped once the server accepted it.
     */
    public void loginWith(SyncClient client, String username, char[] password, String workstationId) {
        this.client = client;
        this.username = username;
        this.password = password.clone();
        this.workstationId = workstationId;
    }

    /** The server session this job logs in with (the update rounds use the same session), or null. */
    public SyncClient client() {
        return client;
    }

    public void addListener(Consumer<SyncStatus> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<SyncStatus> listener) {
        listeners.remove(listener);
    }

    /** Starts the timer: a first round now. */
    public void start() {
        stopped = false;
        schedule();
    }

    /** Runs a round as soon as possible (the user's "Sync now", or a local change). */
    /**
     * Fetches a dossier's documents from the server now (a result signed on another workstation); 0 when offline or
     * not logged in yet — the caller simply shows what is here.
     */
    public int fetchDocuments(String dossierCode) {
        try {
            return engine.fetchDocuments(dossierCode);
        } catch (SyncException e) {
            return 0;
        }
    }

    public void syncNow() {
        if (stopped) {
            return;
        }
        if (getState() == Job.SLEEPING) {
            wakeUp();
        } else if (getState() == Job.NONE) {
            schedule();
        }
    }

    /**
     * Stops the timer and waits at most {@code wait} for a round in flight (the product is closing: a round cut
     * short leaves its changes in the outbox for the next start).
     */
    public void stop(Duration wait) throws InterruptedException {
        stopped = true;
        char[] pw = password;
        if (pw != null) {
            java.util.Arrays.fill(pw, '\0');
        }
        cancel();
        join(wait.toMillis(), null);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        running = true;
        publish();
        long delay;
        try {
            SyncClient c = client;
            char[] pw = password;
            if (c != null && !c.loggedIn() && pw != null) {
                c.login(username, pw, workstationId);
                java.util.Arrays.fill(pw, '\0');
                password = null;
            }
            if (!referenceLoaded) {
                engine.syncReference();
                referenceLoaded = true;
            }
            if (c != null && c.user() != null) {
                engine.topUpNumbers(c.user().agencyCode(), 20, 50);
            }
            long[] lastShown = { 0 };
            changedLastRound = 0;
            SyncEngine.Report report = engine.syncOnce(new SyncEngine.Progress() {
                @Override
                public void pushing(int pending) {
                    activity = SyncText.get(locale, "job.push", pending);
                    monitor.subTask(activity);
                }

                @Override
                public void pulled(long position, long head) {
                    activity = SyncText.get(locale, "job.pull", String.format(locale, "%,d", position), String.format(locale, "%,d", head));
                    monitor.subTask(activity);
                    // A first sync takes minutes: show where it is, at most twice a second.
                    if (System.nanoTime() - lastShown[0] > 500_000_000L) {
                        lastShown[0] = System.nanoTime();
                        publish();
                    }
                }

                @Override
                public boolean cancelled() {
                    return monitor.isCanceled();
                }
            });
            changedLastRound = report.pulled() + report.refused();
            // The log says when work moved (support reads it; the sync smoke test waits on it), not every idle round.
            if (report.applied() + report.duplicates() + report.refused() + report.pulled() > 0 || failures > 0) {
                LOG.log(System.Logger.Level.INFO, "Sync round: {0} sent, {1} refused, {2} received; {3} waiting to send",
                        report.applied() + report.duplicates(), report.refused(), report.pulled(), cache.sync().pendingCount());
            }
            failures = 0;
            delay = interval.toMillis();
        } catch (SyncException e) {
            failures++;
            engine.failed(e, locale);
            delay = backoff(failures);
            logFailure(e, delay);
        } catch (RuntimeException e) {
            // A local failure (disk full…): keep the outbox, report, retry later.
            failures++;
            cache.sync().state(SyncLedger.LAST_ERROR, Instant.now() + " " + e);
            delay = backoff(failures);
            logFailure(e, delay);
        } finally {
            running = false;
            activity = null;
        }
        if (!stopped) {
            nextAttempt = Instant.now().plusMillis(delay);
            schedule(delay);
        }
        publish();
        return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    /** The first failure of a run of them is a warning; the retries after it would only repeat it. */
    private void logFailure(Exception e, long retryInMillis) {
        LOG.log(failures == 1 ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                "Sync failed ({0} in a row), retrying in {1} ms: {2}", failures, retryInMillis, e.toString());
    }

    long backoff(int failureCount) {
        double base = interval.toMillis() * Math.pow(2, Math.min(failureCount, 20));
        double capped = Math.min(base, maxBackoff.toMillis());
        return (long) (capped * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
    }

    public SyncStatus status() {
        SyncLedger ledger = cache.sync();
        Instant last = ledger.state(SyncLedger.LAST_SUCCESS).map(Instant::parse).orElse(null);
        String error = ledger.state(SyncLedger.LAST_ERROR).map(s -> s.substring(s.indexOf(' ') + 1)).orElse(null);
        return new SyncStatus(last, ledger.pendingCount(), error, ledger.conflicts(false).size(), running, nextAttempt, activity,
                changedLastRound);
    }

    private void publish() {
        if (listeners.isEmpty()) {
            return;
        }
        SyncStatus s = status();
        listeners.forEach(l -> l.accept(s));
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == SyncJob.class;
    }
}
