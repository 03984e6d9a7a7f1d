package vn.motcua.app.update;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import vn.motcua.core.session.UserSession;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.SyncJob;
import vn.motcua.sync.SyncSettings;
import vn.motcua.update.client.UpdateSchedule;
import vn.motcua.update.client.UpdateServer;
import vn.motcua.update.client.Updater;
import vn.motcua.update.install.Installation;
import vn.motcua.update.install.Trial;

/**
 * The running product's side of updates: which version runs, its confirmation once the first window is shown (a new
 * version's trial ends there), and the background update rounds with the sync session's server — only for an
 * installation started by its launch scripts, with a server, outside training mode.
 */
public final class AppUpdates implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AppUpdates.class.getName());
    private final Optional<Installation> installation;
    private final Path home;
    private final String version;
    private final UpdateSchedule schedule;

    private AppUpdates(Optional<Installation> installation, Path home, String version, UpdateSchedule schedule) {
        this.installation = installation;
        this.home = home;
        this.version = version;
        this.schedule = schedule;
    }

    /** @param sync the sync job (null: no server, or training) */
    public static AppUpdates start(Path dataDir, SyncJob sync, UserSession session, Locale locale) {
        Optional<Installation> inst = Installation.ofRunning();
        Path home = Path.of(System.getProperty(Trial.HOME_PROPERTY, inst.map(Installation::root).map(Path::toString).orElse(".")));
        String version = "?";
        try {
            version = Installation.versionInfo(home).getProperty("version", "?");
        } catch (IOException e) {
            // started from the IDE or the tests: no installation, no updates
        }
        UpdateSchedule schedule = null;
        if (inst.isPresent() && sync != null && sync.client() != null && !session.training()) {
            SyncClient client = sync.client();
            Updater updater = new Updater(inst.get(), home, dataDir, new UpdateServer(client.base(), client::sessionToken, locale),
                    session.workstationId(), locale, Clock.systemUTC());
            schedule = new UpdateSchedule(updater, interval(dataDir)).start(Duration.ofSeconds(5));
        }
        return new AppUpdates(inst, home, version, schedule);
    }

    /** {@code update.check.minutes} of {@code sync.properties} (default 60). */
    private static Duration interval(Path dataDir) {
        Properties p = new Properties();
        try (var r = java.nio.file.Files.newBufferedReader(dataDir.resolve(SyncSettings.FILE))) {
            p.load(r);
        } catch (IOException e) {
            // no file: the default
        }
        try {
            return Duration.ofMinutes(Math.max(1, Long.parseLong(p.getProperty("update.check.minutes", "60").strip())));
        } catch (NumberFormatException e) {
            return Duration.ofMinutes(60);
        }
    }

    public String version() {
        return version;
    }

    /** The background rounds, when this workstation updates itself. */
    public Optional<UpdateSchedule> schedule() {
        return Optional.ofNullable(schedule);
    }

    /** The first window is on screen: a version on trial has proven it starts. */
    public void firstWindowShown() {
        System.out.println("[motcua] running version " + version + " from " + home);
        installation.ifPresent(inst -> {
            try {
                if (Trial.confirm(inst, home)) {
                    System.out.println("[motcua] version " + version + " confirmed: it reached its first window");
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "Cannot confirm version " + version + " in " + inst.root(), e);
            }
        });
    }

    @Override
    public void close() {
        if (schedule != null) {
            schedule.close();
        }
    }
}
