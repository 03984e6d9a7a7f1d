package vn.motcua.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.core.services.translation.TranslationService;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import vn.motcua.store.CacheException;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.core.model.User;
import vn.motcua.core.session.UserSession;
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

    @PostContextCreate
    void postContextCreate(IEclipseContext context, IEventBroker broker) {
        Locale locale = locale(context);
        Path dataDir = DataFolder.resolve();
        long t0 = System.currentTimeMillis();
        LOG.log(System.Logger.Level.INFO, "Workbench context ready after {0} ms; opening the cache in {1}", t0 - launchedAt(), dataDir);
        LocalCache cache = openCache(dataDir, locale);
        if (cache == null) {
            // The user chose to quit (or another instance runs): nothing was opened or changed.
            System.exit(0);
            return;
        }
        LOG.log(System.Logger.Level.INFO, "Cache open in {0} ms", System.currentTimeMillis() - t0);
        int created = cache.isEmpty() ? DemoData.seedIfEmpty(cache, DemoData.DEFAULT_SEED) : 0;
        if (created > 0) {
            LOG.log(System.Logger.Level.INFO, "Seeded the demo commune: {0} dossiers", created);
        }
        context.set(LocalCache.class, cache);
        context.set(UserSession.class, demoSession());
        ServiceRegistration<LocalCache> registration = FrameworkUtil.getBundle(LifeCycle.class).getBundleContext()
                .registerService(LocalCache.class, cache, null);
        broker.subscribe(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, e -> logStartupTime());
        broker.subscribe(UIEvents.UILifeCycle.APP_SHUTDOWN_STARTED, e -> {
            registration.unregister();
            cache.close();
        });
    }

    /**
     * Until login exists every start works as a demo user: {@code -Dmotcua.user=<username>} picks one of
     * {@link DemoData#demoUsers()}, the all-roles account otherwise.
     */
    static UserSession demoSession() {
        String wanted = System.getProperty("motcua.user", DemoData.ALL_ROLES_USER);
        User user = DemoData.demoUsers().stream().filter(u -> u.username().equals(wanted)).findFirst()
                .orElse(DemoData.demoUsers().getLast());
        return new UserSession(user, System.getProperty("motcua.workstation", "QUAY-01"), false);
    }

    private static Locale locale(IEclipseContext context) {
        Object l = context.get(TranslationService.LOCALE);
        return l instanceof Locale locale ? locale : Locale.getDefault();
    }

    /** Opens the cache, asking the user what to do when it is locked or damaged; null = quit. */
    static LocalCache openCache(Path dataDir, Locale locale) {
        while (true) {
            try {
                return CacheOpener.open(dataDir);
            } catch (CacheException e) {
                LOG.log(System.Logger.Level.WARNING, "Cannot open the cache in " + dataDir, e);
                switch (e.kind()) {
                case LOCKED -> {
                    MessageDialog.openInformation(null, AppMessages.get(locale, "cache.locked.title"),
                            AppMessages.get(locale, "cache.locked.message", dataDir));
                    return null;
                }
                case TOO_NEW -> {
                    MessageDialog.openError(null, AppMessages.get(locale, "cache.tooNew.title"),
                            AppMessages.get(locale, "cache.tooNew.message", dataDir));
                    return null;
                }
                case NOT_WRITABLE -> {
                    MessageDialog.openError(null, AppMessages.get(locale, "cache.notWritable.title"),
                            AppMessages.get(locale, "cache.notWritable.message", dataDir, String.valueOf(e.getCause())));
                    return null;
                }
                case DAMAGED -> {
                    MessageDialog dialog = new MessageDialog(null, AppMessages.get(locale, "cache.damaged.title"), null,
                            AppMessages.get(locale, "cache.damaged.message", e.file(), firstLine(e.getMessage())),
                            MessageDialog.ERROR, 1, AppMessages.get(locale, "cache.damaged.fresh"),
                            AppMessages.get(locale, "cache.damaged.quit"));
                    if (dialog.open() != 0) {
                        return null;
                    }
                    try {
                        Path aside = CacheOpener.setAsideDamaged(dataDir);
                        MessageDialog.openInformation(null, AppMessages.get(locale, "cache.damaged.title"),
                                AppMessages.get(locale, "cache.damaged.setAside", aside));
                    } catch (IOException io) {
                        MessageDialog.openError(null, AppMessages.get(locale, "cache.notWritable.title"),
                                AppMessages.get(locale, "cache.notWritable.message", dataDir, io.getMessage()));
                        return null;
                    }
                }
                }
            }
        }
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
