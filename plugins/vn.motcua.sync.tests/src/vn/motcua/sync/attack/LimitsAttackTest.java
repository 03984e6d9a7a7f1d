package vn.motcua.sync.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sync.testing.DatabaseDump;
import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.RawSocket;
import vn.motcua.sync.testing.SyncWorld;

/**
 * Request limits against a real server process: bodies refused before they are read (a declared 200 MB body at once,
 * a chunked one cut off at the limit, the server's heap staying small), JSON nested too deep or with a huge string, a
 * push with too many commands counted while streaming, query parameters that are not numbers, number-block flooding.
 * Each is refused with its status and a reason, and the database is unchanged.
 */
class LimitsAttackTest {
    private static final long MB = 1024 * 1024;
    @TempDir
    static Path dir;
    static SyncWorld world;
    static RawHttp raw;
    static String token;

    @BeforeAll
    static void start() throws Exception {
        world = Worlds.start(dir, Map.of("numberblocks.per.day", "3", "numberblocks.max.size", "100", "login.delay.first.ms", "60000"));
        raw = world.raw();
        token = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-limits");
    }

    @AfterAll
    static void stop() throws Exception {
        world.close();
    }

    private static long heapUsed() throws Exception {
        return Long.parseLong(raw.get("/v1/health", null).field("heapUsed"));
    }

    @Test
    void aBodyDeclaredAt200MegabytesIsRefusedBeforeItIsRead() throws Exception {
        DatabaseDump before = world.dump();
        long heapBefore = heapUsed();
        long declared = 200 * MB;
        byte[] start = "{\"commands\":[".getBytes(StandardCharsets.UTF_8);
        RawSocket.Answer a = RawSocket.exchange(world.server.uri(), null, "POST", "/v1/push",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json", "Content-Length", Long.toString(declared)),
                RawSocket.repeated(start, (byte) ' ', declared - start.length));
        long heapAfter = heapUsed();
        System.out.printf("[limits] 200 MB declared: %d %s after %.1f MB written; server heap %d MB before, %d MB after%n", a.status(), a.code(),
                a.bodyBytesWritten() / (double) MB, heapBefore / MB, heapAfter / MB);
        assertEquals(413, a.status(), a.body());
        assertEquals("bodyTooLarge", a.code());
        assertTrue(a.body().contains("777"), "the limit (16,777,216 bytes) named: " + a.body());
        // Answered while the body was still on its way: the server did not wait for it (loopback buffers hold a few MB).
        assertTrue(a.bodyBytesWritten() < 32 * MB, a.bodyBytesWritten() + " bytes written before the answer");
        assertTrue(heapAfter < 128 * MB, "server heap " + heapAfter);
        before.assertSameAs(world.dump(), "a 200 MB push");
    }

    @Test
    void aChunkedBodyIsCutOffAtTheLimit() throws Exception {
        DatabaseDump before = world.dump();
        byte[] start = "{\"commands\":[".getBytes(StandardCharsets.UTF_8);
        // Whitespace is valid JSON between tokens: only the body limit can stop this one.
        RawSocket.Answer a = RawSocket.exchange(world.server.uri(), null, "POST", "/v1/push",
                Map.of("Authorization", "Bearer " + token, "Content-Type", "application/json", "Transfer-Encoding", "chunked"),
                RawSocket.chunked(start, (byte) ' ', 200 * MB));
        long heap = heapUsed();
        System.out.printf("[limits] 200 MB chunked: %d %s after %.1f MB written; server heap %d MB%n", a.status(), a.code(),
                a.bodyBytesWritten() / (double) MB, heap / MB);
        assertEquals(413, a.status(), a.body());
        assertEquals("bodyTooLarge", a.code());
        assertTrue(a.bodyBytesWritten() >= 16 * MB, "read up to the limit");
        assertTrue(a.bodyBytesWritten() < 48 * MB, a.bodyBytesWritten() + " bytes written before the answer");
        assertTrue(heap < 128 * MB, "server heap " + heap);
        before.assertSameAs(world.dump(), "a chunked 200 MB push");
    }

    /** Thirty guesses at one account sent at the same instant: all counted under the row's lock, only the five free ones checked. */
    @Test
    void guessesSentAllAtOnceAreAllCounted() throws Exception {
        DatabaseDump before = world.dump("login_throttle");
        // An unknown account is throttled exactly like a real one.
        assertEquals(java.util.List.of(5, 25), LoginAttackTest.parallelGuesses(raw, "khong.ton.tai", 30));
        before.assertSameAs(world.dump("login_throttle"), "guesses sent at once");
    }

    @Test
    void aLoginLargerThanALoginIsRefusedAtOnce() throws Exception {
        DatabaseDump before = world.dump();
        RawHttp.Reply r = raw.json("POST", "/v1/login", null, Map.of("username", "a".repeat(5000), "password", "x", "workstationId", "WS"));
        assertEquals(413, r.status(), r.toString());
        assertEquals("bodyTooLarge", r.code());
        before.assertSameAs(world.dump(), "an oversized login");
    }

    @Test
    void deeplyNestedJsonIsRefused() throws Exception {
        DatabaseDump before = world.dump();
        // In a field the server does not even use: the parser still walks it, and stops at depth 64.
        String nested = "{\"extra\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"commands\":[]}";
        RawHttp.Reply r = raw.json("POST", "/v1/push", token, nested);
        assertEquals(400, r.status(), r.toString());
        assertEquals("jsonLimit", r.code());
        assertTrue(r.message().contains("64"), r.message());
        RawHttp.Reply login = raw.json("POST", "/v1/login", null, "{\"username\":\"x\",\"extra\":" + "{\"a\":".repeat(100) + "1" + "}".repeat(100) + "}");
        assertEquals(400, login.status(), login.toString());
        assertEquals("jsonLimit", login.code());
        before.assertSameAs(world.dump(), "deeply nested JSON");
    }

    @Test
    void aHugeStringIsRefused() throws Exception {
        DatabaseDump before = world.dump();
        String huge = "{\"commands\":[{\"mutationId\":\"m1\",\"dossierCode\":\"" + "A".repeat(3 * 1024 * 1024) + "\"}]}";
        RawHttp.Reply r = raw.json("POST", "/v1/push", token, huge);
        assertEquals(400, r.status(), r.toString());
        assertEquals("jsonLimit", r.code());
        before.assertSameAs(world.dump(), "a 3 MB string");
    }

    @Test
    void tooManyCommandsAreCountedWhileStreaming() throws Exception {
        DatabaseDump before = world.dump();
        StringBuilder b = new StringBuilder("{\"workstationId\":\"WS-limits\",\"commands\":[");
        for (int i = 0; i < 5000; i++) {
            b.append(i == 0 ? "" : ",").append("{\"mutationId\":\"m").append(i).append("\",\"dossierCode\":\"X\"}");
        }
        RawHttp.Reply r = raw.json("POST", "/v1/push", token, b.append("]}").toString());
        assertEquals(413, r.status(), r.toString());
        assertEquals("tooMany", r.code());
        assertTrue(r.message().contains("200"), r.message());
        before.assertSameAs(world.dump(), "a push of 5,000 commands");
    }

    @Test
    void queryParametersThatAreNotNumbersInRangeAreRefusedNamingThem() throws Exception {
        DatabaseDump before = world.dump();
        for (String q : new String[] { "after=abc", "after=-1", "limit=0", "limit=100000", "limit=9999999999999999999999", "after=1e3" }) {
            RawHttp.Reply r = raw.get("/v1/pull?" + q, token);
            assertEquals(400, r.status(), q + ": " + r);
            assertEquals("badParameter", r.code());
            assertTrue(r.message().contains(q.substring(0, q.indexOf('='))), r.message());
        }
        RawHttp.Reply chunk = raw.send("PUT", "/v1/files/" + "a".repeat(64) + "?dossier=X&offset=zero&total=10", token,
                Map.of("Content-Type", "application/octet-stream"), java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[10]));
        assertEquals(400, chunk.status(), chunk.toString());
        assertEquals("badParameter", chunk.code());
        before.assertSameAs(world.dump(), "bad query parameters");
    }

    @Test
    void numberBlocksAreLimitedPerWorkstationAndDay() throws Exception {
        String t = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-flood");
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        for (int i = 0; i < 3; i++) {
            RawHttp.Reply ok = raw.json("POST", "/v1/number-blocks", t, Map.of("day", today.toString(), "size", 50));
            assertEquals(200, ok.status(), ok.toString());
        }
        DatabaseDump before = world.dump();
        for (int i = 0; i < 50; i++) {
            RawHttp.Reply r = raw.json("POST", "/v1/number-blocks", t, Map.of("day", today.toString(), "size", 50));
            assertEquals(429, r.status(), r.toString());
            assertEquals("numberBlock.quota", r.code());
            assertNotNull(r.headers().get("retry-after"));
        }
        RawHttp.Reply big = raw.json("POST", "/v1/number-blocks", t, Map.of("day", today.toString(), "size", 100_000));
        assertEquals(400, big.status(), big.toString());
        assertEquals("numberBlock.size", big.code());
        RawHttp.Reply far = raw.json("POST", "/v1/number-blocks", t, Map.of("day", today.plusDays(400).toString(), "size", 50));
        assertEquals(400, far.status(), far.toString());
        assertEquals("numberBlock.day", far.code());
        before.assertSameAs(world.dump(), "number-block flooding");
        // Another workstation of the agency is not held up by this one's quota.
        String other = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-other");
        assertEquals(200, raw.json("POST", "/v1/number-blocks", other, Map.of("day", today.toString(), "size", 50)).status());
    }

    @Test
    void aWorkstationOverItsQuotaKeepsSyncingAndNumbering() throws Exception {
        SyncWorld.Client c = world.client("quota", SyncWorld.CLERK, java.time.Clock.systemUTC());
        String agency = vn.motcua.training.DemoData.communeCode();
        int left = 0;
        for (int i = 0; i < 5; i++) {
            // A threshold above what it holds: it asks every time, and is refused from the fourth time on.
            left = c.engine.topUpNumbers(agency, 1_000, 50);
        }
        assertEquals(150, left, "three blocks of 50, then refusals that stop nothing");
        String code = c.receive(SyncWorld.CLERK);
        c.sync();
        assertTrue(c.cache.sync().pendingCount() == 0, "the dossier " + code + " went to the server");
    }
}
