package vn.motcua.sync.attack;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import vn.motcua.sync.testing.SyncWorld;

/** Attack tests' own worlds: a server with the settings under test, and its H2 database at a known address. */
final class Worlds {
    private Worlds() {
    }

    static String h2Url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("server").resolve("data").resolve("motcua-server").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=20000";
    }

    /** A world on H2 with {@code settings} added to the test server's. */
    static SyncWorld start(Path dir, Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent("db.url", h2Url(dir));
        return new SyncWorld(dir, all);
    }

    /** A connection to the world's H2 database while its server runs (to read what the server wrote, or to age rows). */
    static Connection h2(Path dir) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "sa");
        p.setProperty("password", "");
        return new org.h2.Driver().connect(h2Url(dir), p);
    }
}
