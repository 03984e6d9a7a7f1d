package vn.motcua.update.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * An installed MộtCửa Desk (the folder holding {@code motcua.sh}/{@code motcua.cmd}): its own files are the version it
 * was installed with; updates live beside them in {@code updates/versions/<version>/} (each a complete
 * {@code plugins/}, {@code configuration/}, {@code motcua.ini}, {@code motcua-version.properties},
 * {@code release-certificate.pem}) and {@code updates/state.properties} says which one starts ({@link InstallState}).
 * Nothing of a running version is ever overwritten: a new version is a new folder, so the previous one stays whole for a
 * rollback. Plain Java: the launch step uses it before the OSGi framework exists.
 */
public final class Installation {
    public static final String UPDATES = "updates";
    public static final String VERSIONS = "versions";
    public static final String STATE = "state.properties";
    /** In every version's home: {@code version=}, {@code platform=} (written by the build). */
    public static final String VERSION_FILE = "motcua-version.properties";
    /** Written last into a staged version, after every file was checked against the signed manifest. */
    public static final String STAGED = ".staged";
    /** System property the launch scripts set to the installation folder. */
    public static final String PROPERTY = "motcua.install";
    /** Serialises read-modify-write of the state among this JVM's threads (the file lock covers other processes). */
    private static final Object IN_PROCESS = new Object();

    private final Path root;

    public Installation(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The installation this JVM was started from by the launch scripts, if any (not in tests or the IDE). */
    public static java.util.Optional<Installation> ofRunning() {
        String p = System.getProperty(PROPERTY);
        return p == null || p.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(new Installation(Path.of(p)));
    }

    public Path root() {
        return root;
    }

    public Path updatesDir() {
        return root.resolve(UPDATES);
    }

    public Path versionsDir() {
        return updatesDir().resolve(VERSIONS);
    }

    /** Where {@code version} lives: the installation itself for the empty name, else its folder under versions/. */
    public Path home(String version) {
        return version == null || version.isEmpty() ? root : versionsDir().resolve(version);
    }

    /**
     * The home of the version that starts when nothing is pending: {@code current} of the state, unless the installation's
     * own files are as new or newer (it was installed again from a newer archive or installer, which wins).
     */
    public Path currentHome(InstallState s) {
        String cur = s.current();
        if (cur.isEmpty() || !Files.isDirectory(home(cur))) {
            return root;
        }
        try {
            String base = versionInfo(root).getProperty("version", "");
            return vn.motcua.update.Versions.valid(base) && !vn.motcua.update.Versions.newer(cur, base) ? root : home(cur);
        } catch (IOException e) {
            return home(cur);
        }
    }

    public boolean staged(String version) {
        return !version.isEmpty() && Files.isRegularFile(home(version).resolve(STAGED));
    }

    /** {@code version} and {@code platform} of a version's home. */
    public static Properties versionInfo(Path home) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(home.resolve(VERSION_FILE))) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    public InstallState state() throws IOException {
        Path f = updatesDir().resolve(STATE);
        if (!Files.isRegularFile(f)) {
            return new InstallState();
        }
        try (Reader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            return InstallState.read(r);
        }
    }

    /** Reads, changes and writes the state under a lock shared with the other processes of this installation. */
    public <T> T update(StateChange<T> change) throws IOException {
        Files.createDirectories(updatesDir());
        synchronized (IN_PROCESS) {
            try (FileChannel ch = FileChannel.open(updatesDir().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = ch.lock()) {
                InstallState s = state();
                T result = change.apply(s);
                Path tmp = updatesDir().resolve(STATE + ".tmp");
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    s.write(w);
                }
                Files.move(tmp, updatesDir().resolve(STATE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return result;
            }
        }
    }

    /** A change of the state under the lock. */
    @FunctionalInterface
    public interface StateChange<T> {
        T apply(InstallState state) throws IOException;
    }

}
