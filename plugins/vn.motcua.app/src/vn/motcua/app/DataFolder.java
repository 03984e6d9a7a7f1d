package vn.motcua.app;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a user's cache and settings live: {@code -Dmotcua.data=…} if given (the launch scripts pass it),
 * else the platform's per-user data folder. Never the installation folder, so updates keep user data.
 */
public final class DataFolder {
    public static final String PROPERTY = "motcua.data";

    private DataFolder() {
    }

    public static Path resolve() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String home = System.getProperty("user.home");
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null ? local : home, "MotCua Desk");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(home, ".local", "share")).resolve("motcua-desk");
    }
}
