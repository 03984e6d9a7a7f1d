package vn.motcua.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BiFunction;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import org.eclipse.jface.window.Window;

import java.util.List;

import jakarta.inject.Named;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MTrimBar;
import org.eclipse.e4.ui.model.application.ui.basic.MTrimmedWindow;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import vn.motcua.app.login.LoginDialog;
import vn.motcua.app.training.TrainingMode;
import vn.motcua.store.CacheException;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.store.WorkstationIdentity;
import vn.motcua.core.model.User;
import vn.motcua.core.session.UserSession;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.SyncEngine;
import vn.motcua.sync.SyncJob;
import vn.motcua.sync.SyncSettings;
import vn.motcua.training.DemoData;

/**
 * Start and end of the application: opens the user's local cache before any screen exists (so every
 * screen can simply inject it), seeds the demo commune on first start, logs the start-up time and closes
 * the cache cleanly at shutdown.
 */
public class LifeCycle {
    private static final System.Logger LOG = System.getLogger("vn.motcua.app");
    /** Launch moment (epoch ms) passed by the launch scripts; JVM start otherwise. */
    public static final String LAUNCHED_AT = "motcua.launchedAt";

    /** Password of every account of a demo or training cache; published in the user guide. */
    public static final String DEMO_PASSWORD = DemoData.DEMO_PASSWORD;
    /**
     * System property naming a user to log in without the dialog; honoured only on demo and training caches,
     * whose passwords are public (the UI tests and the product smoke test use it).
     */
    public static final String AUTO_LOGIN_USER = "motcua.user";

    @PostContextCreate
    void postContextCreate(IEclipseContext context, IEventBroker broker) {
        Locale locale = locale(context);
        Path dataDir = DataFolder.resolve();
        long t0 = System.currentTimeMillis();
        LOG.log(System.Logger.Level.INFO, "Workbench context ready after {0} ms; data folder {1}", t0 - launchedAt(), dataDir);
        if (CacheOpener.isLocked(dataDir)) {
            // Before any password is asked: the clerk should simply go back to the open window.
            LOG.log(System.Logger.Level.WARNING, "Another MộtCửa Desk is already using " + dataDir);
            MessageDialog.openInformation(null, AppMessages.get(locale, "cache.locked.title"),
                    AppMessages.get(locale, "cache.locked.message", dataDir));
            System.exit(0);
            return;
        }
        if (TrainingMode.active()) {
            try {
                String done = TrainingMode.prepare(dataDir);
                if (done != null) {
                    LOG.log(System.Logger.Level.INFO, "Training workspace {0} prepared: {1}", dataDir, done);
                }
            } catch (IOException | CacheException e) {
                LOG.log(System.Logger.Level.ERROR, "Cannot prepare the training workspace " + dataDir, e);
                MessageDialog.openError(null, AppMessages.get(locale, "training.banner"),
                        AppMessages.get(locale, "training.prepareFailed", e.getMessage()));
                System.exit(0);
                return;
            }
        }
        LoggedIn in = logIn(dataDir, locale);
        if (in == null) {
            // The user chose to quit (or another instance runs): nothing was opened or changed.
            System.exit(0);
            return;
        }
        LocalCache cache = in.cache();
        LOG.log(System.Logger.Level.INFO, "Cache open and {0} logged in after {1} ms", in.session().user().username(),
                System.currentTimeMillis() - t0);
        DurabilityNotice.show(cache.recovery(), locale);
        context.set(LocalCache.class, cache);
        context.set(UserSession.class, in.session());
        // Kept for the admin's user management: a new user gets their own wrapped copy of this key.
        context.set(CacheKey.class, in.key());
        ServiceRegistration<LocalCache> registration = FrameworkUtil.getBundle(LifeCycle.class).getBundleContext()
                .registerService(LocalCache.class, cache, null);
        SyncJob sync = startSync(dataDir, cache, in, locale);
        java.util.Arrays.fill(in.password(), '\0');
        if (sync != null) {
            context.set(SyncJob.class, sync);
            // Lists and details showing dossiers refresh when a round stored the server's versions.
            sync.addListener(st -> {
                if (!st.running() && st.changedLastRound() > 0) {
                    broker.post(AppEvents.DOSSIERS_CHANGED, st.changedLastRound());
                }
            });
        }
        vn.motcua.app.update.AppUpdates updates = vn.motcua.app.update.AppUpdates.start(dataDir, sync, in.session(), locale);
        context.set(vn.motcua.app.update.AppUpdates.class, updates);
        broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, e -> {
            logStartupTime();
            updates.firstWindowShown();
        });
        Runnable closeAll = () -> {
            updates.close();
            if (sync != null) {
                try {
                    sync.stop(SYNC_STOP_WAIT);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the other shutdown path got here first
            }
            cache.close();
            in.key().destroy();
        };
        // SIGTERM (the desktop session ends, the system shuts down, `kill`) reaches the JVM only as its shutdown
        // hooks: close the cache there as a normal exit does, so the file is left clean and whole. A killed process
        // (SIGKILL, power cut) gets no notice; H2's own recovery covers that case.
        Thread onTerminate = new Thread(() -> {
            closeAll.run();
            // stdout, not the logger: java.util.logging resets its handlers in its own shutdown hook.
            System.out.println("[motcua] terminated: cache closed cleanly");
            System.out.flush();
        }, "motcua-close-on-terminate");
        Runtime.getRuntime().addShutdownHook(onTerminate);
        broker.subscribe(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED, e -> {
            closeAll.run();
            try {
                Runtime.getRuntime().removeShutdownHook(onTerminate);
            } catch (IllegalStateException exiting) {
                // the JVM is already shutting down; the hook finds everything closed
            }
        });
    }

    /** How long closing waits for a sync round in flight before it closes the cache under it (the round rolls back). */
    private static final java.time.Duration SYNC_STOP_WAIT = java.time.Duration.ofSeconds(10);

    /**
     * Training mode shows itself everywhere: the orange band on top, "[ĐÀO TẠO]" in the window title, the
     * exercise screen; in normal mode the band and every part tagged "training" are left out.
     */
    @ProcessAdditions
    void processAdditions(MApplication app, EModelService models, @Optional @Named(TranslationService.LOCALE) Locale locale,
            TranslationService translations, @Optional UserSession session) {
        boolean training = TrainingMode.active();
        // Screens, menus and items tagged "role:X" are for users holding role X (the head's approval inbox, the admin
        // menu, …); an element tagged with several roles is for a user holding any of them (reports: heads and admins).
        vn.motcua.app.commands.WorkbenchModel.filterByRole(app, models, session);
        vn.motcua.app.commands.WorkbenchModel.addScreens(app, models,
                part -> part.isToBeRendered() && (training || !part.getTags().contains("training")),
                part -> part.getLabel() != null && part.getLabel().startsWith("%")
                        ? translations.translate(part.getLabel(), part.getContributorURI()) : part.getLabel());
        for (MTrimBar bar : models.findElements(app, TRAINING_BAR, MTrimBar.class)) {
            bar.setToBeRendered(training);
        }
        if (!training) {
            for (MPart part : models.findElements(app, null, MPart.class, List.of("training"))) {
                part.setToBeRendered(false);
            }
            return;
        }
        for (MTrimmedWindow w : models.findElements(app, "vn.motcua.app.window.main", MTrimmedWindow.class)) {
            String title = w.getLabel() != null && w.getLabel().startsWith("%")
                    ? translations.translate(w.getLabel(), "platform:/plugin/vn.motcua.app") : w.getLabel();
            w.setLabel(AppMessages.get(locale, "training.title", title));
        }
        for (MPart part : models.findElements(app, null, MPart.class, List.of("training"))) {
            part.getParent().setSelectedElement(part);
        }
    }

    /**
     * Background sync with the provincial server when one is configured (vn.motcua.sync.SyncSettings); never in
     * training mode, whose sandbox must not reach real data. The first round logs in with the password just
     * typed; until the server answers, everything works offline.
     */
    private static SyncJob startSync(Path dataDir, LocalCache cache, LoggedIn in, Locale locale) {
        boolean training = TrainingMode.active();
        try {
            // A training sandbox syncs only with its own training server, and only one that says it is one.
            java.util.Optional<SyncSettings> settings = training ? SyncSettings.resolveTraining(dataDir) : SyncSettings.resolve(dataDir, System.getenv());
            if (settings.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "No sync server configured: working offline only");
                return null;
            }
            SyncClient client = new SyncClient(settings.get().server(), locale);
            if (training) {
                client.requireTrainingServer();
            }
            String ws = in.session().workstationId();
            SyncJob job = new SyncJob(new SyncEngine(cache, client, ws), cache, locale, settings.get().interval(), settings.get().maxBackoff());
            job.loginWith(client, in.session().user().username(), in.password(), ws, in.userKey(), dataDir);
            job.start();
            LOG.log(System.Logger.Level.INFO, "Syncing with {0} every {1}", settings.get().server(), settings.get().interval());
            return job;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Sync not started", e);
            return null;
        }
    }

    /** The top trim bar holding the training band (Application.e4xmi). */
    static final String TRAINING_BAR = "vn.motcua.app.trimbar.training";

    /** The open cache, its key and who logged in. */
    record LoggedIn(LocalCache cache, CacheKey key, UserSession session, char[] password, vn.motcua.store.UserKey userKey) {
    }

    /**
     * Unlocks and opens the data folder's encrypted cache with a user's password. A new data folder becomes the
     * demo commune (demo accounts, password {@value #DEMO_PASSWORD}); a cache from a version without
     * encryption is encrypted in place first. Null when the user quits.
     */
    static LoggedIn logIn(Path dataDir, Locale locale) {
        // A production workstation names its server (-Dmotcua.server, MOTCUA_SERVER or sync.properties); a new one then
        // takes its first users from the server instead of becoming the demo commune. Never in training mode.
        java.util.Optional<SyncSettings> server = java.util.Optional.empty();
        if (!TrainingMode.active()) {
            try {
                server = SyncSettings.resolve(dataDir, System.getenv());
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Ignoring unreadable sync settings in " + dataDir, e);
            }
        }
        WorkstationIdentity identity;
        try {
            identity = identity(dataDir, locale);
        } catch (IOException e) {
            MessageDialog.openError(null, AppMessages.get(locale, "cache.notWritable.title"),
                    AppMessages.get(locale, "cache.notWritable.message", dataDir, e.getMessage()));
            return null;
        }
        String workstation = identity.id();
        CacheKeyRing[] ring = new CacheKeyRing[1];
        try {
            if (CacheKeyRing.exists(dataDir)) {
                ring[0] = CacheKeyRing.load(dataDir);
            } else if (server.isEmpty()) {
                CacheKey fresh = CacheKey.generate();
                if (CacheOpener.isPlaintext(dataDir)) {
                    LOG.log(System.Logger.Level.INFO, "Encrypting the cache written by an older version in {0}", dataDir);
                    CacheOpener.encryptInPlace(dataDir, fresh);
                }
                ring[0] = DemoData.demoKeyRing(dataDir, fresh);
                fresh.destroy();
            }
        } catch (IOException e) {
            MessageDialog.openError(null, AppMessages.get(locale, "cache.notWritable.title"),
                    AppMessages.get(locale, "cache.notWritable.message", dataDir, e.getMessage()));
            return null;
        } catch (CacheException e) {
            return handleOpenFailure(dataDir, locale, e) ? logIn(dataDir, locale) : null;
        }
        boolean demo = ring[0] != null && ring[0].isDemo();
        java.util.Optional<SyncSettings> online = demo ? java.util.Optional.empty() : server;
        LoggedIn[] result = new LoggedIn[1];
        boolean[] quit = new boolean[1];
        BiFunction<String, char[], String> attempt = (username, password) -> {
            CacheKey key = null;
            User fromServer = null;
            vn.motcua.store.UserKey userKey;
            boolean keyMade;
            try {
                if (ring[0] == null || !ring[0].hasUser(username)) {
                    throw new CacheKeyRing.WrongPasswordException();
                }
                // The user's own signing key comes with the cache key (made here at their first login after the upgrade).
                CacheKeyRing.Unlocked unlocked = ring[0].open(username, password, workstation, java.time.Instant.now());
                key = unlocked.cacheKey();
                userKey = unlocked.userKey();
                keyMade = unlocked.created();
            } catch (IOException e) {
                return AppMessages.get(locale, "cache.notWritable.message", dataDir, e.getMessage());
            } catch (CacheKeyRing.WrongPasswordException e) {
                if (online.isEmpty()) {
                    return AppMessages.get(locale, "login.wrong");
                }
                // Not known here with this password: a first login on this workstation (or a password changed
                // centrally). The server decides; from then on this user logs in here offline too.
                try {
                    vn.motcua.sync.WorkstationEnrolment.Enrolled enrolled = new vn.motcua.sync.WorkstationEnrolment(dataDir,
                            new vn.motcua.sync.SyncClient(online.get().server(), locale), workstation, locale).enrol(username, password);
                    key = enrolled.key();
                    fromServer = enrolled.user();
                    userKey = enrolled.userKey();
                    keyMade = true;
                    ring[0] = CacheKeyRing.load(dataDir);
                    LOG.log(System.Logger.Level.INFO, "{0} enrolled on this workstation through {1}", username, online.get().server());
                } catch (vn.motcua.sync.SyncException ex) {
                    return AppMessages.get(locale, "login.online", online.get().server(), ex.getMessage());
                } catch (IOException ex) {
                    return AppMessages.get(locale, "cache.notWritable.message", dataDir, ex.getMessage());
                }
            }
            LocalCache cache = openCache(dataDir, key, locale);
            if (cache == null) {
                quit[0] = true;
                return null;
            }
            if (fromServer != null) {
                // Roles and agency as the server holds them; the first sync brings the rest.
                cache.users().save(fromServer);
            }
            if (ring[0].isDemo()) {
                if (cache.isEmpty()) {
                    int created = DemoData.seedIfEmpty(cache, DemoData.DEFAULT_SEED);
                    LOG.log(System.Logger.Level.INFO, "Seeded the demo commune: {0} dossiers", created);
                }
                if (cache.users().all().isEmpty()) {
                    DemoData.demoUsers().forEach(cache.users()::save);
                }
            }
            java.util.Optional<User> user = cache.users().find(username);
            if (user.isEmpty()) {
                cache.close();
                key.destroy();
                return AppMessages.get(locale, "login.inactive", username);
            }
            if (identity.replaced()) {
                // The slot this folder knew belongs to the PC it was copied from.
                cache.sync().forgetFallbackSlot();
            }
            // Every change this user makes is signed with their key as it is written (docs/sync-protocol.md, "Who did it").
            cache.signCommandsWith(userKey);
            if (keyMade) {
                int signed = cache.sync().signLegacy(userKey);
                if (signed > 0) {
                    LOG.log(System.Logger.Level.INFO, "{0} changes of {1} written before changes were signed: signed with the new key", signed, username);
                }
            }
            result[0] = new LoggedIn(cache, key, new UserSession(user.get(), workstation, TrainingMode.active()), password.clone(), userKey);
            return null;
        };
        String auto = System.getProperty(AUTO_LOGIN_USER);
        if (demo && auto != null && !auto.isBlank()) {
            String failure = attempt.apply(auto, DEMO_PASSWORD.toCharArray());
            if (failure == null) {
                return quit[0] ? null : result[0];
            }
            LOG.log(System.Logger.Level.WARNING, "Automatic demo login of {0} failed: {1}", auto, failure);
        }
        String hint = demo ? AppMessages.get(locale, "login.demoHint", String.join(", ", ring[0].users()), DEMO_PASSWORD)
                : ring[0] == null && online.isPresent() ? AppMessages.get(locale, "login.newWorkstation", online.get().server()) : null;
        // A line the product smoke test waits for (System.out, like the start-up time).
        System.out.println("[motcua] login dialog shown");
        LoginDialog dialog = new LoginDialog(null, locale, demo ? DemoData.ALL_ROLES_USER : "", hint, attempt);
        if (dialog.open() != Window.OK || quit[0]) {
            return null;
        }
        return result[0];
    }

    /**
     * This workstation's identity (vn.motcua.store.WorkstationIdentity): made with the data folder, made anew when the
     * folder turns up on another PC (a cloned disk image); {@code -Dmotcua.workstation} names one explicitly (tests).
     */
    private static WorkstationIdentity identity(Path dataDir, Locale locale) throws IOException {
        String ws = System.getProperty("motcua.workstation");
        if (ws != null && !ws.isBlank()) {
            return new WorkstationIdentity(ws, false, null);
        }
        WorkstationIdentity.Machine machine = WorkstationIdentity.Machine.current();
        // A folder from before identities existed was known by its host name: it keeps it (its slot and blocks on the server).
        String legacy = Files.exists(CacheOpener.databaseFile(dataDir)) ? machine.host() : null;
        WorkstationIdentity id = WorkstationIdentity.resolve(dataDir, machine, legacy);
        if (id.replaced()) {
            LOG.log(System.Logger.Level.WARNING, "The data folder {0} was made on another computer (workstation {1}): "
                    + "this computer is workstation {2} from now on", dataDir, id.previousId(), id.id());
            MessageDialog.openInformation(null, AppMessages.get(locale, "workstation.copied.title"),
                    AppMessages.get(locale, "workstation.copied.message", id.previousId(), id.id()));
        } else if (id.created()) {
            LOG.log(System.Logger.Level.INFO, "New workstation identity {0} for {1}", id.id(), dataDir);
        }
        return id;
    }

    private static Locale locale(IEclipseContext context) {
        Object l = context.get(TranslationService.LOCALE);
        return l instanceof Locale locale ? locale : Locale.getDefault();
    }

    /** Opens the cache with its key, asking the user what to do when it is locked or damaged; null = quit. */
    static LocalCache openCache(Path dataDir, CacheKey key, Locale locale) {
        while (true) {
            try {
                return CacheOpener.open(dataDir, key);
            } catch (CacheException e) {
                if (!handleOpenFailure(dataDir, locale, e)) {
                    return null;
                }
            }
        }
    }

    /** Tells the user why the cache did not open; true when they chose a fresh cache and opening may be retried. */
    static boolean handleOpenFailure(Path dataDir, Locale locale, CacheException e) {
        LOG.log(System.Logger.Level.WARNING, "Cannot open the cache in " + dataDir, e);
        switch (e.kind()) {
        case LOCKED -> {
            MessageDialog.openInformation(null, AppMessages.get(locale, "cache.locked.title"),
                    AppMessages.get(locale, "cache.locked.message", dataDir));
            return false;
        }
        case TOO_NEW -> {
            MessageDialog.openError(null, AppMessages.get(locale, "cache.tooNew.title"),
                    AppMessages.get(locale, "cache.tooNew.message", dataDir));
            return false;
        }
        case NOT_WRITABLE -> {
            MessageDialog.openError(null, AppMessages.get(locale, "cache.notWritable.title"),
                    AppMessages.get(locale, "cache.notWritable.message", dataDir, String.valueOf(e.getCause())));
            return false;
        }
        case WRONG_KEY -> {
            MessageDialog.openError(null, AppMessages.get(locale, "cache.wrongKey.title"),
                    AppMessages.get(locale, "cache.wrongKey.message", e.file()));
            return false;
        }
        case DAMAGED -> {
            MessageDialog dialog = new MessageDialog(null, AppMessages.get(locale, "cache.damaged.title"), null,
                    AppMessages.get(locale, "cache.damaged.message", e.file(), firstLine(e.getMessage())),
                    MessageDialog.ERROR, 1, AppMessages.get(locale, "cache.damaged.fresh"),
                    AppMessages.get(locale, "cache.damaged.quit"));
            if (dialog.open() != 0) {
                return false;
            }
            try {
                Path aside = CacheOpener.setAsideDamaged(dataDir);
                MessageDialog.openInformation(null, AppMessages.get(locale, "cache.damaged.title"),
                        AppMessages.get(locale, "cache.damaged.setAside", aside));
                return true;
            } catch (IOException io) {
                MessageDialog.openError(null, AppMessages.get(locale, "cache.notWritable.title"),
                        AppMessages.get(locale, "cache.notWritable.message", dataDir, io.getMessage()));
                return false;
            }
        }
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }

    private static long launchedAt() {
        return Long.getLong(LAUNCHED_AT, ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    private static void logStartupTime() {
        long start = launchedAt();
        long ms = System.currentTimeMillis() - start;
        Display display = Display.getCurrent();
        // Measured when the first window is on screen and the event queue is idle again.
        if (display != null) {
            display.asyncExec(() -> System.out.println("[motcua] startup: first window shown after "
                    + (System.currentTimeMillis() - start) + " ms"));
        } else {
            System.out.println("[motcua] startup: first window shown after " + ms + " ms");
        }
    }
}
