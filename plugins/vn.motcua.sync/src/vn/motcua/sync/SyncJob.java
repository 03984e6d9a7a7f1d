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
import vn.motcua.store.UserKey;

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
    /**
     * The user's password only until the first successful login to the server (the product logs in offline first);
     * after that their signing key renews the session (docs/sync-protocol.md, "Who did it").
     */
    private volatile String username;
    private volatile char[] password;
    private volatile String workstationId;
    private volatile SyncClient client;
    private volatile UserKey userKey;
    private volatile java.nio.file.Path dataDir;
    private volatile Instant sessionRenewedAt;

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
     * login; the copy is wiped once the server accepted it. Right after that login the user's signing key is enrolled
     * (if the key ring in {@code dataDir} does not record it), and from then on an expired session is renewed with the
     * key, without the password.
     */
    public void loginWith(SyncClient client, String username, char[] password, String workstationId, UserKey key, java.nio.file.Path dataDir) {
        this.client = client;
        this.username = username;
        this.password = password.clone();
        this.workstationId = workstationId;
        this.userKey = key;
        this.dataDir = dataDir;
    }

    /** Whether a password copy is still held (only until the first successful online login). */
    boolean holdsPassword() {
        return password != null;
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
        wipePassword();
        cancel();
        join(wait.toMillis(), null);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        running = true;
        publish();
        long delay;
        try {
            SyncEngine.Report report;
            try {
                report = round(monitor);
            } catch (SyncException e) {
                // The session expired (or the server restarted without it): renewed with the key, the round runs again.
                if (e.kind() != SyncException.Kind.UNAUTHORISED || !renew()) {
                    throw e;
                }
                report = round(monitor);
            }
            changedLastRound = report.pulled() + report.refused();
            // The log says when work moved (support reads it; the sync smoke test waits on it), not every idle round.
            if (report.applied() + report.duplicates() + report.refused() + report.pulled() > 0 || failures > 0) {
                LOG.log(System.Logger.Level.INFO, "Sync round: {0} sent, {1} refused, {2} received; {3} waiting to send; cursor {4}; last success {5}",
                        report.applied() + report.duplicates(), report.refused(), report.pulled(), cache.sync().pendingCount(),
                        Long.toString(report.cursor()), engine.lastSuccess().map(Instant::toString).orElse("-"));
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

    /** Logs in (password the first time, the key after), enrols the key, then one sync round. */
    private SyncEngine.Report round(IProgressMonitor monitor) throws SyncException {
        SyncClient c = client;
        if (c != null && !c.loggedIn()) {
            char[] pw = password;
            if (pw != null) {
                c.login(username, pw, workstationId);
                wipePassword();
            } else if (!renew()) {
                throw new SyncException(SyncException.Kind.UNAUTHORISED, SyncText.get(locale, "renew.impossible"), null);
            }
        }
        UserKey key = userKey;
        if (c != null && key != null && !keyEnrolled) {
            try {
                WorkstationEnrolment.enrolKey(dataDir, c, key);
                keyEnrolled = true;
            } catch (SyncException e) {
                if (e.kind() == SyncException.Kind.UNREACHABLE || e.kind() == SyncException.Kind.UNAUTHORISED) {
                    throw e;
                }
                // Refused (a revoked key…): the round goes on; this user's changes wait or are refused with the reason.
                LOG.log(System.Logger.Level.WARNING, "Signing key of {0} not enrolled: {1}", key.username(), e.getMessage());
            } catch (java.io.IOException e) {
                // The server has it; the key ring could not record that: sent again (harmlessly) next round.
                LOG.log(System.Logger.Level.WARNING, "Key ring not updated: " + e.getMessage());
            }
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
        return engine.syncOnce(new SyncEngine.Progress() {
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
    }

    private volatile boolean keyEnrolled;

    /**
     * A new session proven by the user's key, once the password is gone; false when there is no key or the password
     * is still held (the next round logs in with it).
     */
    private boolean renew() throws SyncException {
        SyncClient c = client;
        UserKey key = userKey;
        if (c == null || key == null || password != null) {
            return false;
        }
        c.renew(key);
        sessionRenewedAt = Instant.now();
        LOG.log(System.Logger.Level.INFO, "Sync session of {0} renewed with their signing key", key.username());
        return true;
    }

    private void wipePassword() {
        char[] pw = password;
        password = null;
        if (pw != null) {
            java.util.Arrays.fill(pw, '\0');
        }
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
        Instant last = engine.lastSuccess().orElse(null);
        String error = ledger.state(SyncLedger.LAST_ERROR).map(s -> s.substring(s.indexOf(' ') + 1)).orElse(null);
        long held = ledger.heldCount();
        String why = held == 0 ? null : ledger.held(1).stream().findFirst().map(this::heldReason).orElse(null);
        String notice = ledger.state(SyncLedger.RESTORED_FROM_SERVER).map(v -> v.split(" ", 2))
                .filter(v -> Instant.parse(v[0]).isAfter(Instant.now().minus(Duration.ofDays(1))))
                .map(v -> SyncText.get(locale, "restoredFromServer", v[1])).orElse(null);
        return new SyncStatus(last, ledger.pendingCount(), error, ledger.conflicts(false).size(), running, nextAttempt, activity,
                changedLastRound, (int) held, why, sessionRenewedAt, notice);
    }

    /** Why the oldest held change cannot go, in the user's words. */
    private String heldReason(SyncLedger.HeldChange h) {
        if (SyncLedger.HELD_LEGACY.equals(h.held())) {
            return SyncText.get(locale, "held.legacy", h.dossierCode(), h.actor());
        }
        if (SyncLedger.HELD_UNSIGNED.equals(h.held())) {
            return SyncText.get(locale, "held.unsigned", h.dossierCode(), h.actor());
        }
        return h.serverWaiting();
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
