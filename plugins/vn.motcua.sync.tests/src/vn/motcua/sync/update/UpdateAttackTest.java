package vn.motcua.sync.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sync.testing.DatabaseDump;
import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.SyncWorld;

/**
 * Attacks on the update endpoints of a real server process, over raw HTTP: each is refused with a status and a reason
 * in the caller's language, and leaves the server's database and its package folder as they were.
 */
class UpdateAttackTest {
    @TempDir
    static Path dir;
    static UpdateWorld u;
    static RawHttp raw;
    static String admin;
    static String clerk;
    static Path good;
    static String goodId;

    @BeforeAll
    static void start() throws Exception {
        u = new UpdateWorld(dir, Map.of("update.max.package.mb", "1"));
        raw = u.world.raw();
        admin = raw.login("admin", "admin-pw-123", "admin-console");
        clerk = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-attack");
        good = u.clientPackage("0.1.0.2", null, u.province);
        RawHttp.Reply r = upload(admin, Files.readAllBytes(good));
        assertEquals(200, r.status(), r.toString());
        goodId = r.field("id");
    }

    @AfterAll
    static void stop() throws Exception {
        u.close();
    }

    /** With 100-continue: a refusal comes before the body; an attacker who sends it anyway only finds the connection closed. */
    static RawHttp.Reply upload(String token, byte[] body) throws Exception {
        return raw.send("PUT", "/v1/admin/updates/packages", token, Map.of("Content-Type", "application/octet-stream", "Expect", "100-continue"),
                BodyPublishers.ofByteArray(body));
    }

    private static List<String> stored() throws Exception {
        try (var files = Files.list(u.dir.resolve("world/server/data/updates"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void uploadsNeedAnAdministratorsSession() throws Exception {
        DatabaseDump before = u.world.dump("session_token");
        List<String> files = stored();
        byte[] body = Files.readAllBytes(u.clientPackage("0.1.0.3", null, u.province));
        assertEquals(401, upload(null, body).status());
        RawHttp.Reply r = upload(clerk, body);
        assertEquals(403, r.status(), r.toString());
        assertEquals("updates.forbidden", r.code());
        assertTrue(r.message().contains("không có quyền"), r.message());
        assertEquals(403, raw.json("PUT", "/v1/admin/updates/rollouts", clerk,
                Map.of("platform", UpdateWorld.PLATFORM, "version", "0.1.0.2", "agencies", List.of(), "percent", 100)).status());
        assertEquals(403, raw.get("/v1/admin/updates/workstations", clerk).status());
        assertEquals(403, raw.get("/v1/admin/updates/packages", clerk).status());
        before.assertSameAs(u.world.dump("session_token"), "uploads and releases without the admin role");
        assertEquals(files, stored());
    }

    @Test
    void anOversizedUploadIsRefusedAndNothingIsKept() throws Exception {
        DatabaseDump before = u.world.dump("session_token");
        List<String> files = stored();
        RawHttp.Reply r = upload(admin, new byte[(1 << 20) + 1]);
        assertEquals(413, r.status(), r.toString());
        assertEquals("updates.tooLarge", r.code());
        // Without a length announced (chunked), the cap holds while reading.
        RawHttp.Reply chunked = raw.send("PUT", "/v1/admin/updates/packages", admin, Map.of(),
                BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[(1 << 20) + (64 << 10)])));
        assertEquals(413, chunked.status(), chunked.toString());
        before.assertSameAs(u.world.dump("session_token"), "an oversized upload");
        assertEquals(files, stored());
    }

    @Test
    void aTamperedOrForeignPackageIsRefusedAndNotStored() throws Exception {
        DatabaseDump before = u.world.dump("session_token");
        List<String> files = stored();
        byte[] flipped = Files.readAllBytes(u.clientPackage("0.1.0.4", null, u.province));
        flipped[flipped.length / 2] ^= 0x01;
        RawHttp.Reply r = upload(admin, flipped);
        assertEquals(400, r.status(), r.toString());
        assertEquals("updates.refused", r.code());
        RawHttp.Reply foreign = raw.send("PUT", "/v1/admin/updates/packages", admin, Map.of("Accept-Language", "en"),
                BodyPublishers.ofByteArray(Files.readAllBytes(u.clientPackage("0.1.0.5", null, u.stranger))));
        assertEquals(400, foreign.status(), foreign.toString());
        assertTrue(foreign.message().contains("release key"), foreign.message());
        assertEquals(400, upload(admin, "not a package".getBytes()).status());
        before.assertSameAs(u.world.dump("session_token"), "tampered and foreign packages");
        assertEquals(files, stored());
    }

    @Test
    void downloadsNeedASessionAndAKnownPackage() throws Exception {
        assertEquals(401, raw.get("/v1/updates/packages/" + goodId, null).status());
        assertEquals(404, raw.get("/v1/updates/packages/" + "0".repeat(64), clerk).status());
        // Jetty itself refuses an encoded separator (400); what reaches us is refused as an unknown package (404).
        for (String id : List.of("..%2F..%2Fserver.properties", "..%2Fserver.properties", "%2e%2e", goodId.toUpperCase(), goodId + "0")) {
            RawHttp.Reply traversal = raw.get("/v1/updates/packages/" + id, clerk);
            assertTrue(traversal.status() == 404 || traversal.status() == 400, id + ": " + traversal);
            assertTrue(!traversal.body().contains("admin.password"), id);
        }
        RawHttp.Reply ok = raw.get("/v1/updates/packages/" + goodId, clerk);
        assertEquals(200, ok.status());
    }

    @Test
    void badRangesAreRefused() throws Exception {
        for (String range : List.of("bytes=abc", "bytes=0-1,5-6", "bytes=99999999-", "items=0-", "bytes=-500")) {
            RawHttp.Reply r = raw.send("GET", "/v1/updates/packages/" + goodId, clerk, Map.of("Range", range), BodyPublishers.noBody());
            assertEquals(416, r.status(), range + ": " + r);
            assertEquals("updates.badRange", r.code());
        }
        RawHttp.Reply part = raw.send("GET", "/v1/updates/packages/" + goodId, clerk, Map.of("Range", "bytes=10-19"), BodyPublishers.noBody());
        assertEquals(206, part.status());
        assertEquals("bytes 10-19/" + Files.size(good), part.headers().get("content-range"));
    }

    @Test
    void releasesOfMissingPackagesOrUnknownAgenciesAreRefused() throws Exception {
        DatabaseDump before = u.world.dump("session_token");
        Map<String, Object> base = Map.of("platform", UpdateWorld.PLATFORM, "version", "0.1.0.2", "agencies", List.of(), "percent", 100);
        RawHttp.Reply noPackage = raw.json("PUT", "/v1/admin/updates/rollouts", admin, Map.of("platform", UpdateWorld.PLATFORM, "version", "0.9.0.1",
                "agencies", List.of(), "percent", 100));
        assertEquals(409, noPackage.status(), noPackage.toString());
        assertEquals("updates.versionMissing", noPackage.code());
        RawHttp.Reply agency = raw.json("PUT", "/v1/admin/updates/rollouts", admin, Map.of("platform", UpdateWorld.PLATFORM, "version", "0.1.0.2",
                "agencies", List.of("NO-SUCH"), "percent", 100));
        assertEquals(400, agency.status(), agency.toString());
        assertEquals("updates.unknownAgency", agency.code());
        for (Map<String, Object> bad : List.of(with(base, "percent", 101), with(base, "percent", -1), with(base, "version", "../../x"),
                with(base, "agencies", List.of("a b")))) {
            RawHttp.Reply r = raw.json("PUT", "/v1/admin/updates/rollouts", admin, bad);
            assertEquals(400, r.status(), bad + ": " + r);
        }
        assertEquals(400, raw.json("PUT", "/v1/admin/updates/rollouts", admin, "{\"platform\":").status());
        before.assertSameAs(u.world.dump("session_token"), "refused releases");
    }

    @Test
    void aWorkstationReportsOnlyAsItselfAndOnlyWellFormedVersions() throws Exception {
        DatabaseDump before = u.world.dump("session_token");
        RawHttp.Reply odd = raw.json("POST", "/v1/updates/check", clerk, Map.of("workstationId", "WS-attack", "platform", UpdateWorld.PLATFORM,
                "version", "<script>"));
        assertEquals(400, odd.status(), odd.toString());
        assertEquals("updates.badCheck", odd.code());
        assertEquals(401, raw.json("POST", "/v1/updates/check", null, Map.of("platform", UpdateWorld.PLATFORM, "version", "0.1.0.1")).status());
        before.assertSameAs(u.world.dump("session_token"), "refused reports");
        RawHttp.Reply claim = raw.json("POST", "/v1/updates/check", clerk, Map.of("workstationId", "THE-HEADS-PC", "platform", UpdateWorld.PLATFORM,
                "version", "0.1.0.1", "problem", "x".repeat(5000)));
        assertEquals(200, claim.status(), claim.toString());
        RawHttp.Reply list = raw.get("/v1/admin/updates/workstations", admin);
        assertTrue(list.body().contains("\"workstationId\":\"WS-attack\""), list.body());
        assertTrue(!list.body().contains("THE-HEADS-PC"), "the session's workstation, not the body's claim");
        assertNotNull(list.field("workstations"));
    }

    private static Map<String, Object> with(Map<String, Object> m, String k, Object v) {
        Map<String, Object> c = new java.util.HashMap<>(m);
        c.put(k, v);
        return c;
    }
}
