package vn.motcua.sync;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Where this workstation syncs: {@code -Dmotcua.server=URL}, else the environment's {@code MOTCUA_SERVER}, else
 * {@code server.url} in the data folder's {@code sync.properties}; none means offline only. The interval
 * ({@code sync.interval.seconds}, default 2) keeps a change on one workstation visible on another within 5 s.
 */
public record SyncSettings(URI server, Duration interval, Duration maxBackoff) {
    public static final String FILE = "sync.properties";

    /**
     * The training workspace's server: only {@code training.server.url} of its own {@code sync.properties} — never
     * {@code -Dmotcua.server}, {@code MOTCUA_SERVER} or {@code server.url}, which name the production server.
     */
    public static Optional<SyncSettings> resolveTraining(Path trainingDataDir) throws IOException {
        Properties p = new Properties();
        Path file = trainingDataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        String url = p.getProperty("training.server.url", "").strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        long seconds = Long.parseLong(p.getProperty("sync.interval.seconds", "2").strip());
        return Optional.of(new SyncSettings(URI.create(url.endsWith("/") ? url : url + "/"), Duration.ofSeconds(Math.max(1, seconds)),
                Duration.ofMinutes(5)));
    }

    /** The key of the server address in {@code sync.properties}: the training one in a training workspace. */
    public static String urlKey(boolean training) {
        return training ? "training.server.url" : "server.url";
    }

    /** The address as saved (may be empty), for the settings dialog. */
    public static String savedUrl(Path dataDir, boolean training) throws IOException {
        return load(dataDir).getProperty(urlKey(training), "").strip();
    }

    /**
     * Null when {@code url} is usable (empty = no server), else the problem's message key: {@code settings.badUrl}, or
     * {@code settings.plainHttp} for {@code http://} to another machine (passwords and citizens' data would cross the
     * network readable). Messages take the address and {@link #httpsSuggestion} as arguments.
     */
    public static String check(String url) {
        String u = url.strip();
        if (u.isEmpty()) {
            return null;
        }
        try {
            URI parsed = URI.create(u);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || parsed.getHost() == null) {
                return "settings.badUrl";
            }
            return allowedTransport(parsed) ? null : "settings.plainHttp";
        } catch (IllegalArgumentException e) {
            return "settings.badUrl";
        }
    }

    /** https anywhere; http only to this machine itself (a local demo or test server). */
    public static boolean allowedTransport(URI server) {
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(java.util.Locale.ROOT);
        return scheme.equals("https") || scheme.equals("http") && isLoopback(server.getHost());
    }

    /** {@code localhost} or a loopback IP literal (127.0.0.0/8, ::1); never resolved through DNS. */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    /** The same address with https, to show as the fix. */
    public static String httpsSuggestion(String url) {
        String u = url.strip();
        return u.regionMatches(true, 0, "http://", 0, 7) ? "https://" + u.substring(7) : u;
    }

    /** Writes the address (other keys kept), atomically; it applies from the next start. */
    public static void saveUrl(Path dataDir, boolean training, String url) throws IOException {
        Properties p = load(dataDir);
        p.setProperty(urlKey(training), url.strip());
        Files.createDirectories(dataDir);
        Path tmp = Files.createTempFile(dataDir, ".sync", ".properties");
        try (java.io.Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, "MộtCửa Desk sync settings");
        }
        Files.move(tmp, dataDir.resolve(FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Properties load(Path dataDir) throws IOException {
        Properties p = new Properties();
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        return p;
    }

    public static Optional<SyncSettings> resolve(Path dataDir, Map<String, String> env) throws IOException {
        Properties p = new Properties();
        Path file = dataDir.resolve(FILE);
        if (Files.isRegularFile(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        String url = System.getProperty("motcua.server");
        if (url == null || url.isBlank()) {
            url = env.get("MOTCUA_SERVER");
        }
        if (url == null || url.isBlank()) {
            url = p.getProperty("server.url", "");
        }
        if (url.isBlank()) {
            return Optional.empty();
        }
        long seconds = Long.parseLong(p.getProperty("sync.interval.seconds", "2").strip());
        return Optional.of(new SyncSettings(URI.create(url.strip().endsWith("/") ? url.strip() : url.strip() + "/"),
                Duration.ofSeconds(Math.max(1, seconds)), Duration.ofMinutes(5)));
    }
}
