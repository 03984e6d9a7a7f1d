package vn.motcua.sync.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.ServerProcess;
import vn.motcua.sync.testing.SyncWorld;

/**
 * The workstations' cache keys escrowed on the server are wrapped (AES-GCM) under a key kept outside the database:
 * the table never holds one in clear, a row from before is wrapped at the next start, the rotation command re-wraps
 * every row under a new key, and a wrapped key moved to another row does not open.
 */
class KeyEscrowAttackTest {
    @TempDir
    static Path dir;
    static SyncWorld world;
    static RawHttp raw;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        world = Worlds.start(dir, Map.of());
        raw = world.raw();
        token = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-keys");
    }

    @AfterAll
    static void stop() throws Exception {
        world.close();
    }

    private static String key(int n) {
        return String.format("%064x", n * 7919L + 1_000_000_007L);
    }

    private static List<String[]> rows() throws Exception {
        List<String[]> out = new ArrayList<>();
        try (Connection c = Worlds.h2(dir); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT cache_id, cache_key, key_id FROM workstation_key ORDER BY cache_id")) {
            while (r.next()) {
                out.add(new String[] { r.getString(1), r.getString(2), r.getString(3) });
            }
        }
        return out;
    }

    private static void put(String cacheId, String key) throws Exception {
        RawHttp.Reply r = raw.json("PUT", "/v1/workstation-keys/" + cacheId, token, Map.of("cacheId", cacheId, "key", key));
        assertEquals(200, r.status(), r.toString());
    }

    private static String get(String cacheId) throws Exception {
        RawHttp.Reply r = raw.get("/v1/workstation-keys/" + cacheId, token);
        assertEquals(200, r.status(), r.toString());
        return r.field("key");
    }

    private static Path keyFile() {
        return dir.resolve("server").resolve("data").resolve("key-wrap.keys");
    }

    @Test
    void keysAreWrappedAtRestRewrappedOnRotationAndBoundToTheirRow() throws Exception {
        put("0000aaaa-0001", key(1));
        put("0000aaaa-0002", key(2));
        assertEquals(key(1), get("0000aaaa-0001"));
        for (String[] row : rows()) {
            assertFalse(row[1].contains(key(1)) || row[1].contains(key(2)), "no key in clear: " + row[1]);
            assertNotNull(row[2], "the wrapping key is named");
        }
        // The wrapping key is in a file of the server's data folder, readable by its owner only, not in the database.
        String wrapKey = Files.readAllLines(keyFile()).stream().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
        assertTrue(Files.getPosixFilePermissions(keyFile()).toString().equals("[OWNER_READ, OWNER_WRITE]"));
        assertFalse(world.dump().contains(wrapKey.substring(wrapKey.indexOf(':') + 1)));

        // A row kept in clear by a server before server schema 7 is wrapped at the next start.
        try (Connection c = Worlds.h2(dir); PreparedStatement s = c.prepareStatement(
                "INSERT INTO workstation_key (cache_id, agency_code, cache_key, key_id, created_by, created_at) VALUES (?, ?, ?, NULL, ?, ?)")) {
            s.setString(1, "0000aaaa-0003");
            s.setString(2, vn.motcua.training.DemoData.communeCode());
            s.setString(3, key(3));
            s.setString(4, SyncWorld.CLERK);
            s.setTimestamp(5, Timestamp.from(Instant.now()));
            s.executeUpdate();
        }
        world.server.close();
        world.server.start();
        token = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-keys");
        String[] legacy = rows().stream().filter(r -> r[0].equals("0000aaaa-0003")).findFirst().orElseThrow();
        assertNotEquals(key(3), legacy[1], "wrapped at start");
        assertNotNull(legacy[2]);
        assertEquals(key(3), get("0000aaaa-0003"));
        String firstKeyId = legacy[2];

        // Rotation, as the README says: the server stopped, the command run, the server started again.
        world.server.close();
        Path config = dir.resolve("server").resolve("server.properties");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", ServerProcess.classPath(),
                "vn.motcua.server.ServerMain", config.toString(), "--rotate-wrap-key").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        System.out.println("[keys] rotation: " + out.strip());
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("re-wrapped 3 workstation keys"), out);
        assertEquals(2, Files.readAllLines(keyFile()).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).count(), "old key kept for reading");
        world.server.start();
        token = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-keys");
        for (String[] row : rows()) {
            assertNotEquals(firstKeyId, row[2], "every row under the new key: " + row[0]);
        }
        assertEquals(key(1), get("0000aaaa-0001"));
        assertEquals(key(3), get("0000aaaa-0003"));

        // Someone with write access to the table moves a wrapped key to another workstation's row: it does not open.
        String[] one = rows().get(0);
        try (Connection c = Worlds.h2(dir); PreparedStatement s = c.prepareStatement("UPDATE workstation_key SET cache_key = ? WHERE cache_id = ?")) {
            s.setString(1, one[1]);
            s.setString(2, "0000aaaa-0002");
            s.executeUpdate();
        }
        RawHttp.Reply moved = raw.get("/v1/workstation-keys/0000aaaa-0002", token);
        assertEquals(500, moved.status(), moved.toString());
        assertFalse(moved.body().contains(key(1)), "the moved key is not handed out");
    }
}
