package vn.motcua.sync.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.store.DossierDocuments;
import vn.motcua.sync.testing.DatabaseDump;
import vn.motcua.sync.testing.PostgresCluster;
import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.SyncWorld;

/**
 * The doors on PostgreSQL, where several server instances would share one database: guesses sent at once counted under
 * PostgreSQL's row locks, documents bound to the uploader's dossier and typed by their bytes, wrapped workstation keys,
 * number-block quotas and logout — server schema 7 on PostgreSQL.
 */
class PostgresDoorsTest {
    @TempDir
    Path dir;

    @Test
    void theDoorsHoldOnPostgres() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start();
                SyncWorld world = new SyncWorld(dir, Map.of("db.url", pg.url(), "db.user", "motcua", "db.password", "", "trusted.proxies", "127.0.0.1",
                        "login.delay.first.ms", "60000", "numberblocks.per.day", "2"))) {
            RawHttp raw = world.raw();
            DatabaseDump before = world.dump("login_throttle");
            assertEquals(List.of(5, 25), LoginAttackTest.parallelGuesses(raw, SyncWorld.SPECIALIST, 30));
            before.assertSameAs(world.dump("login_throttle"), "guesses on PostgreSQL");

            // A scan travels through the engine; the server types it by its bytes and records who proved to hold it.
            SyncWorld.Client a = world.client("pg-doc", SyncWorld.CLERK, Clock.systemUTC());
            String code = a.receive(SyncWorld.CLERK);
            a.sync();
            byte[] png = new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3, 4 };
            a.cache.documents().add(new DossierDocuments.NewDocument(code, DossierDocuments.Kind.ATTACHMENT, "ảnh/..\\chụp.png", "text/html", png,
                    SyncWorld.CLERK, ""));
            a.sync();
            String token = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-pg");
            String list = raw.get("/v1/documents?dossier=" + code, token).body();
            assertTrue(list.contains("\"mediaType\":\"image/png\""), list);
            assertTrue(list.contains("\"name\":\"chụp.png\""), list);
            try (Connection c = pg.connect("motcua"); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT dossier_code, proved_by FROM file_holder WHERE sha256 = '" + DossierDocuments.sha256(png) + "'")) {
                assertTrue(r.next());
                assertEquals(code, r.getString(1));
                assertEquals(SyncWorld.CLERK, r.getString(2));
            }

            String key = "a1b2c3d4".repeat(8);
            assertEquals(200, raw.json("PUT", "/v1/workstation-keys/00ff00ff-0001", token, Map.of("cacheId", "00ff00ff-0001", "key", key)).status());
            assertEquals(key, raw.get("/v1/workstation-keys/00ff00ff-0001", token).field("key"));
            assertFalse(world.dump().contains(key), "never in clear in PostgreSQL");

            String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
            assertEquals(200, raw.json("POST", "/v1/number-blocks", token, Map.of("day", today, "size", 50)).status());
            assertEquals(200, raw.json("POST", "/v1/number-blocks", token, Map.of("day", today, "size", 50)).status());
            DatabaseDump full = world.dump();
            RawHttp.Reply third = raw.json("POST", "/v1/number-blocks", token, Map.of("day", today, "size", 50));
            assertEquals(429, third.status(), third.toString());
            full.assertSameAs(world.dump(), "a number block over the quota on PostgreSQL");

            assertEquals(200, raw.send("POST", "/v1/logout", token, Map.of(), java.net.http.HttpRequest.BodyPublishers.noBody()).status());
            RawHttp.Reply after = raw.get("/v1/reference", token);
            assertEquals(401, after.status());
            assertNotEquals(null, after.message());
        }
    }
}
