package vn.motcua.update.install;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The launch scripts' update step, run with the installation's Java before and after the application when an update is
 * pending or on trial (plain Java, no OSGi; one implementation for {@code motcua.sh} and {@code motcua.cmd}):
 *
 * <pre>
 * java -cp &lt;vn.motcua.update jar&gt; vn.motcua.update.install.StartSwitch before &lt;installation&gt; &lt;data folder&gt;
 *     → line 1: the version home to start, line 2: "trial" or "normal"
 * java -cp … StartSwitch after &lt;installation&gt; &lt;data folder&gt; &lt;exit code&gt;
 *     → "rolled-back" (start again: the previous version) or "ok"
 * java -cp … StartSwitch rollback &lt;installation&gt;      (an administrator's manual rollback to the previous version)
 * </pre>
 *
 * A pending version starts on trial after the data folder's cache is copied to {@code backups/before-<version>/}. It
 * stays on trial until it reaches its first window ({@link Trial#confirm}); an exit with an error code, or
 * {@value #MAX_ATTEMPTS} starts without reaching it, rolls back: the previous version starts again on the cache as it
 * was before the trial (the trial's cache is set aside, never deleted) and the version is never installed again
 * automatically. If the cache cannot be copied (full disk), the update waits and the user is told once.
 */
public final class StartSwitch {
    /** Starts of a new version that may end without its first window (the user quit at the login) before it counts as failed. */
    public static final int MAX_ATTEMPTS = 3;
    static final String BACKUPS = "backups";
    /** The cache files that a new version may change (schema upgrade, new users in the key ring). */
    static final List<String> CACHE_FILES = List.of("motcua.mv.db", "motcua.keys");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Installation installation;
    private final PrintStream log;

    public StartSwitch(Installation installation, PrintStream log) {
        this.installation = installation;
        this.log = log;
    }

    /** What to start: a version's home and whether it is on trial. */
    public record Start(Path home, boolean trial) {
    }

    public Start before(Path dataDir) throws IOException {
        return installation.update(s -> {
            if (!s.trial().isEmpty()) {
                if (s.attempts() >= MAX_ATTEMPTS) {
                    rollBack(s, dataDir, "no first window after " + s.attempts() + " starts");
                    return new Start(installation.currentHome(s), false);
                }
                s.attempts(s.attempts() + 1);
                return new Start(installation.home(s.trial()), true);
            }
            String pending = s.pending();
            Path current = installation.currentHome(s);
            if (pending.isEmpty()) {
                return new Start(current, false);
            }
            if (!installation.staged(pending) || s.hasFailed(pending) || !newerThan(pending, current)) {
                s.pending("");
                return new Start(current, false);
            }
            if (cacheInUse(dataDir)) {
                // Another instance has this data folder open: this start will only be told so; the trial waits.
                return new Start(current, false);
            }
            try {
                backUpCache(dataDir, pending);
            } catch (IOException e) {
                log.println("[motcua] update " + pending + " postponed: the cache could not be backed up: " + e);
                s.pending("");
                s.notice("postponed", pending, e.getClass().getSimpleName() + ": " + e.getMessage());
                return new Start(current, false);
            }
            String from = current.equals(installation.root()) ? "" : s.current();
            log.println("[motcua] starting version " + pending + " on trial (previous: " + name(from) + ")");
            s.beginTrial(pending, from);
            return new Start(installation.home(pending), true);
        });
    }

    /** After the application ended with {@code exitCode}: true when the trial was rolled back (start again). */
    public boolean after(Path dataDir, int exitCode) throws IOException {
        return installation.update(s -> {
            if (s.trial().isEmpty() || exitCode == 0 || exitCode == 23) {
                // Confirmed, or ended by the user before its first window (a quit at the login): judged at the next start.
                return false;
            }
            rollBack(s, dataDir, "exit code " + exitCode);
            return true;
        });
    }

    /** An administrator's rollback: the previous version starts again; the current one is not installed again. */
    public String rollBackManually() throws IOException {
        return installation.update(s -> {
            String from = s.trial().isEmpty() ? s.current() : s.trial();
            if (from.isEmpty() && s.trial().isEmpty()) {
                return null;
            }
            String to = s.trial().isEmpty() ? s.previous() : s.trialFrom();
            s.endTrial();
            s.addFailed(from);
            s.current(to);
            s.previous("");
            s.pending("");
            s.notice("rolledBack", from, "manual");
            return name(to);
        });
    }

    /** A pending version older than what starts now (the installation was renewed meanwhile) is dropped. */
    private static boolean newerThan(String version, Path home) {
        try {
            return vn.motcua.update.Versions.newer(version, Installation.versionInfo(home).getProperty("version", ""));
        } catch (IOException e) {
            return true;
        }
    }

    private void rollBack(InstallState s, Path dataDir, String reason) throws IOException {
        String failed = s.trial();
        log.println("[motcua] version " + failed + " did not reach its first window (" + reason + "): going back to " + name(s.trialFrom()));
        s.addFailed(failed);
        s.current(s.trialFrom());
        s.endTrial();
        s.notice("rolledBack", failed, reason);
        if (cacheInUse(dataDir)) {
            log.println("[motcua] the cache of " + dataDir + " is open in another instance: it is left as it is");
        } else {
            restoreCache(dataDir, failed);
        }
    }

    private static String name(String version) {
        return version.isEmpty() ? "the installed version" : version;
    }

    /** True when a running instance holds the data folder's lock (the same lock the cache takes). */
    static boolean cacheInUse(Path dataDir) {
        Path lock = dataDir.resolve("motcua.lock");
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock l = ch.tryLock()) {
            return l == null;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return true;
        }
    }

    /** Copies the cache files to {@code backups/before-<version>/}, checking the free space first. */
    void backUpCache(Path dataDir, String version) throws IOException {
        Path target = dataDir.resolve(BACKUPS).resolve("before-" + version);
        long needed = 0;
        for (String f : CACHE_FILES) {
            Path p = dataDir.resolve(f);
            if (Files.isRegularFile(p)) {
                needed += Files.size(p);
            }
        }
        if (needed == 0) {
            return;
        }
        Files.createDirectories(target.getParent());
        long free = Files.getFileStore(target.getParent()).getUsableSpace();
        // A margin, so the copy does not leave the disk too full for the cache itself to grow.
        if (free < needed + (64L << 20)) {
            throw new java.nio.file.FileSystemException(dataDir.toString(), null,
                    "not enough free space (" + (free >> 20) + " MB free, " + ((needed >> 20) + 64) + " MB needed)");
        }
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        vn.motcua.update.FileTrees.delete(tmp);
        Files.createDirectories(tmp);
        try {
            for (String f : CACHE_FILES) {
                Path p = dataDir.resolve(f);
                if (Files.isRegularFile(p)) {
                    Files.copy(p, tmp.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            Files.writeString(tmp.resolve("backup.properties"), "version=" + version + "\ncreated=" + java.time.Instant.now() + "\n",
                    StandardCharsets.UTF_8);
            vn.motcua.update.FileTrees.delete(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            vn.motcua.update.FileTrees.delete(tmp);
            throw e;
        }
    }

    /**
     * Puts back the cache as it was before {@code version}'s trial; what the trial left is moved to
     * {@code backups/rolled-back-<version>-<time>/}, never deleted.
     */
    void restoreCache(Path dataDir, String version) throws IOException {
        Path backup = dataDir.resolve(BACKUPS).resolve("before-" + version);
        Path aside = dataDir.resolve(BACKUPS).resolve("rolled-back-" + version + "-" + LocalDateTime.now().format(STAMP));
        boolean hadBackup = Files.isRegularFile(backup.resolve("backup.properties"));
        for (String f : CACHE_FILES) {
            Path p = dataDir.resolve(f);
            if (Files.isRegularFile(p) && (hadBackup || f.equals(CACHE_FILES.get(0)))) {
                Files.createDirectories(aside);
                Files.move(p, aside.resolve(f));
            }
            if (hadBackup && Files.isRegularFile(backup.resolve(f))) {
                Files.copy(backup.resolve(f), p, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    public static void main(String[] args) {
        try {
            if (args.length >= 3 && args[0].equals("before")) {
                Start s = new StartSwitch(new Installation(Path.of(args[1])), System.err).before(Path.of(args[2]));
                System.out.println(s.home());
                System.out.println(s.trial() ? "trial" : "normal");
            } else if (args.length >= 4 && args[0].equals("after")) {
                boolean back = new StartSwitch(new Installation(Path.of(args[1])), System.err).after(Path.of(args[2]), Integer.parseInt(args[3]));
                System.out.println(back ? "rolled-back" : "ok");
            } else if (args.length >= 2 && args[0].equals("rollback")) {
                String to = new StartSwitch(new Installation(Path.of(args[1])), System.err).rollBackManually();
                System.out.println(to == null ? "MộtCửa Desk: no update is installed, nothing to roll back"
                        : "MộtCửa Desk: the next start runs " + to);
            } else {
                System.err.println("usage: StartSwitch before INSTALL DATA | after INSTALL DATA EXITCODE | rollback INSTALL");
                System.exit(2);
            }
        } catch (IOException | RuntimeException e) {
            // The installed version must still start: the scripts fall back to it when this step fails.
            System.err.println("[motcua] update step failed: " + e);
            System.exit(1);
        }
    }
}
