package vn.motcua.update.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import vn.motcua.sync.api.UpdateProtocol.PackageInfo;
import vn.motcua.sync.api.UpdateProtocol.UpdateAnswer;
import vn.motcua.sync.api.UpdateProtocol.UpdateCheck;
import vn.motcua.update.PackageException;
import vn.motcua.update.ReleaseTrust;
import vn.motcua.update.SignedPackage;
import vn.motcua.update.UpdateText;
import vn.motcua.update.VerifiedPackage;
import vn.motcua.update.install.InstallState;
import vn.motcua.update.install.Installation;
import vn.motcua.update.install.Stager;
import vn.motcua.update.settings.SettingsPacks;

/**
 * One update round of a workstation (no SWT, no OSGi): report the running version to the provincial server and ask;
 * receive the settings packs it lacks and apply those whose date has come; download the client version released to it
 * (resuming), verify its signature against the running version's release certificate, and stage it beside the running
 * one to start at the next launch. Whatever fails, the running version and its files stay as they are.
 */
public final class Updater {
    private static final System.Logger LOG = System.getLogger(Updater.class.getName());
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Problems of the connection, not of the update: not shown, retried soon ({@link UpdateSchedule}). */
    static final Set<String> QUIET = Set.of("server.notLoggedIn", "server.unreachable");
    private final Installation installation;
    private final Path runningHome;
    private final Path dataDir;
    private final UpdateServer server;
    private final String workstationId;
    private final Locale locale;
    private final Clock clock;
    /** Packages refused in this run: not downloaded again until the next start. */
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private volatile String lastProblem;
    private volatile String lastProblemKey;

    public Updater(Installation installation, Path runningHome, Path dataDir, UpdateServer server, String workstationId, Locale locale, Clock clock) {
        this.installation = installation;
        this.runningHome = runningHome;
        this.dataDir = dataDir;
        this.server = server;
        this.workstationId = workstationId;
        this.locale = locale;
        this.clock = clock;
    }

    /** The version this process runs ({@code motcua-version.properties} of its home). */
    public String runningVersion() {
        return info().getProperty("version", "?");
    }

    private Properties info() {
        try {
            return Installation.versionInfo(runningHome);
        } catch (IOException e) {
            return new Properties();
        }
    }

    /** What the last start left to say (a rollback, an update postponed), or null. */
    public UpdateStatus notice() {
        try {
            InstallState s = installation.state();
            if (s.notice().isEmpty()) {
                return null;
            }
            String key = "notice." + s.notice();
            return new UpdateStatus(s.notice().equals("rolledBack") ? UpdateStatus.Kind.ROLLED_BACK : UpdateStatus.Kind.PROBLEM, runningVersion(),
                    s.noticeVersion(), UpdateText.get(locale, key, s.noticeVersion(), runningVersion(), s.noticeReason()), key);
        } catch (IOException e) {
            return null;
        }
    }

    /** One round; {@code progress} sees the download. Never throws: the outcome is the status. */
    public UpdateStatus run(Consumer<UpdateStatus> progress) {
        String running = runningVersion();
        try {
            UpdateStatus notice = notice();
            String problem = notice != null ? notice.message() : lastProblem;
            Path trustFile = runningHome.resolve(ReleaseTrust.FILE);
            ReleaseTrust trust = ReleaseTrust.load(trustFile);
            SettingsPacks packs = new SettingsPacks(dataDir, trust);
            UpdateAnswer answer = server.check(new UpdateCheck(workstationId, info().getProperty("platform", "?"), running, packs.newestReceived(),
                    problem));
            if (notice != null) {
                // Reported to the server (admins see it); the user was told at start.
                clearNotice();
            }
            for (PackageInfo p : answer.settingsPacks() == null ? java.util.List.<PackageInfo>of() : answer.settingsPacks()) {
                if (refused.contains(p.id())) {
                    continue;
                }
                Path f = server.download(p, dataDir.resolve(SettingsPacks.DIR).resolve("downloads"), n -> {
                });
                try {
                    LOG.log(System.Logger.Level.INFO, "Settings pack {0} received (effective {1})", p.version(), packs.receive(f).effective());
                } catch (PackageException e) {
                    refused.add(p.id());
                    Files.deleteIfExists(f);
                    throw e;
                }
            }
            for (String v : packs.applyDue(LocalDate.now(clock.withZone(VIETNAM)))) {
                LOG.log(System.Logger.Level.INFO, "Settings pack {0} applied", v);
            }
            PackageInfo offer = answer.install();
            lastProblem = null;
            if (offer == null) {
                String pending = installation.state().pending();
                return pending.isEmpty() ? current(running) : ready(running, pending);
            }
            if (installation.state().hasFailed(offer.version())) {
                throw new PackageException("package.failedBefore", offer.version());
            }
            if (installation.staged(offer.version())) {
                // Staged by an earlier round (or another instance): it only has to be started.
                installation.update(s -> {
                    s.pending(offer.version());
                    return null;
                });
                return ready(running, offer.version());
            }
            if (refused.contains(offer.id())) {
                throw new PackageException("package.refusedBefore", offer.version());
            }
            checkWritable();
            Path downloads = installation.updatesDir().resolve("downloads");
            Path file = server.download(offer, downloads, n -> progress.accept(new UpdateStatus(UpdateStatus.Kind.DOWNLOADING, running,
                    offer.version(), UpdateText.get(locale, "status.downloading", offer.version(), n * 100 / Math.max(1, offer.size())), null)));
            try (VerifiedPackage pkg = SignedPackage.open(file, trust, downloads.resolve("unpack-" + UUID.randomUUID() + ".zip"))) {
                String staged = new Stager(installation).stage(pkg, runningHome);
                LOG.log(System.Logger.Level.INFO, "Version {0} is ready: it starts at the next launch", staged);
                return ready(running, staged);
            } catch (PackageException e) {
                if (e.key().startsWith("package.")) {
                    // A package that fails its checks is never used: not kept, not retried in this run.
                    refused.add(offer.id());
                }
                throw e;
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (PackageException e) {
            if (QUIET.contains(e.key())) {
                // The sync status already says the server is out of reach; the next round comes soon.
                return new UpdateStatus(UpdateStatus.Kind.CURRENT, running, null, null, e.key());
            }
            String message = e.message(locale);
            if (!e.key().equals(lastProblemKey)) {
                LOG.log(System.Logger.Level.WARNING, "Update: " + e.message(Locale.ENGLISH), e.getCause());
            }
            lastProblemKey = e.key();
            lastProblem = message;
            return new UpdateStatus(UpdateStatus.Kind.PROBLEM, running, null, UpdateText.get(locale, "status.problem", message), e.key());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Update round failed", e);
            lastProblem = e.toString();
            return new UpdateStatus(UpdateStatus.Kind.PROBLEM, running, null, UpdateText.get(locale, "status.problem", e.toString()), "install.failed");
        }
    }

    private void clearNotice() throws IOException {
        installation.update(s -> {
            s.notice("", "", "");
            return null;
        });
    }

    private void checkWritable() throws PackageException {
        try {
            Files.createDirectories(installation.updatesDir());
            Path probe = Files.createTempFile(installation.updatesDir(), ".write", ".probe");
            Files.delete(probe);
        } catch (IOException | UnsupportedOperationException e) {
            throw new PackageException(e, "install.readOnly", installation.root());
        }
    }

    private UpdateStatus current(String running) {
        return new UpdateStatus(UpdateStatus.Kind.CURRENT, running, null, null, null);
    }

    private UpdateStatus ready(String running, String version) {
        return new UpdateStatus(UpdateStatus.Kind.READY, running, version, UpdateText.get(locale, "status.ready", version), null);
    }
}
