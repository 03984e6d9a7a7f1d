package vn.motcua.sync.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import vn.motcua.sync.testing.DatabaseDump;
import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.RawSocket;
import vn.motcua.sync.testing.SyncWorld;

/**
 * Password guessing against a real server process. The server sits behind a trusted proxy on 127.0.0.1, so each
 * request's client address is the one the proxy forwards ({@code X-Forwarded-For}); a peer that is not a trusted
 * proxy cannot choose its address that way. Throttling counts in the database ({@code login_throttle}, the one table
 * a refused login may change).
 */
class LoginAttackTest {
    private static final String THROTTLE = "login_throttle";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static SyncWorld world;
    static RawHttp raw;

    @BeforeAll
    static void start() throws Exception {
        world = Worlds.start(dir, Map.of("login.account.free", "5", "login.address.free", "5", "login.delay.first.ms", "250",
                "login.delay.max.seconds", "600", "trusted.proxies", "127.0.0.1"));
        raw = world.raw();
    }

    @AfterAll
    static void stop() throws Exception {
        world.close();
    }

    private static RawHttp.Reply login(String username, String password, String address) throws Exception {
        String body = JSON.writeValueAsString(Map.of("username", username, "password", password, "workstationId", "WS-guess"));
        return raw.send("POST", "/v1/login", null, Map.of("Content-Type", "application/json", "X-Forwarded-For", address),
                BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    /** The wait the server set after the account's last failure (blocked_until − last failure), 0 when none. */
    private static long accountDelayMillis(String username) throws Exception {
        try (Connection c = Worlds.h2(dir); PreparedStatement s = c.prepareStatement(
                "SELECT last_failure_at, blocked_until FROM login_throttle WHERE subject_kind = 'account' AND subject = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), "a throttle row for " + username);
                Timestamp until = r.getTimestamp(2);
                return until == null ? 0 : Duration.between(r.getTimestamp(1).toInstant(), until.toInstant()).toMillis();
            }
        }
    }

    private static Instant blockedUntil(String kind, String subject) throws Exception {
        try (Connection c = Worlds.h2(dir); PreparedStatement s = c.prepareStatement(
                "SELECT blocked_until FROM login_throttle WHERE subject_kind = ? AND subject = ?")) {
            s.setString(1, kind);
            s.setString(2, subject);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getTimestamp(1) != null ? r.getTimestamp(1).toInstant() : null;
            }
        }
    }

    /** Waits out a refusal as the server announced it (the behaviour under test is a wait). */
    private static void waitAsTold(RawHttp.Reply r) throws InterruptedException {
        Thread.sleep(Long.parseLong(r.field("retryAfterMs")) + 10);
    }

    @Test
    void twoHundredWrongPasswordsAreThrottledWithGrowingWaits() throws Exception {
        String attacker = "10.0.0.66";
        DatabaseDump before = world.dump(THROTTLE);
        // Nine wrong passwords, each waiting out the previous refusal: five free, then 250 ms, doubling.
        List<Long> delays = new ArrayList<>();
        while (delays.size() < 9) {
            RawHttp.Reply r = login(SyncWorld.CLERK, "sai-" + delays.size(), attacker);
            if (r.status() == 429) {
                assertEquals("login.wait.account", r.code(), r.toString());
                waitAsTold(r);
                continue;
            }
            assertEquals(401, r.status(), r.toString());
            assertEquals("auth.failed", r.code());
            delays.add(accountDelayMillis(SyncWorld.CLERK));
        }
        System.out.println("[login] waits after each wrong password (ms): " + delays);
        assertEquals(List.of(0L, 0L, 0L, 0L, 250L, 500L, 1000L, 2000L, 4000L), delays);

        // Then as an attacker does: 200 more, as fast as the server answers.
        long started = System.nanoTime();
        int checked = 0;
        int refused = 0;
        for (int i = 0; i < 200; i++) {
            RawHttp.Reply r = login(SyncWorld.CLERK, "doan-" + i, attacker);
            if (r.status() == 401) {
                checked++;
            } else {
                assertEquals(429, r.status(), r.toString());
                assertNotNull(r.headers().get("retry-after"));
                assertTrue(r.message().contains("giây"), r.message());
                refused++;
            }
        }
        System.out.printf("[login] 200 wrong passwords in %d ms: %d checked, %d refused without checking%n",
                (System.nanoTime() - started) / 1_000_000, checked, refused);
        assertTrue(checked <= 2, checked + " passwords checked during the burst");

        // The wait is in force (renewed by one more failure if the burst ran past it) before the right password is tried.
        Instant until = blockedUntil("account", SyncWorld.CLERK);
        if (until == null || until.isBefore(Instant.now().plusSeconds(2))) {
            RawHttp.Reply r;
            while ((r = login(SyncWorld.CLERK, "them-mot-lan", attacker)).status() == 429) {
                waitAsTold(r);
            }
        }
        RawHttp.Reply right = login(SyncWorld.CLERK, SyncWorld.PASSWORD, attacker);
        assertEquals(429, right.status(), "the right password waits too: " + right);
        assertEquals("login.wait.account", right.code());
        RawHttp.Reply elsewhere = login(SyncWorld.CLERK, SyncWorld.PASSWORD, "10.0.0.77");
        assertEquals(429, elsewhere.status(), "the account waits from every address: " + elsewhere);
        RawHttp.Reply colleague = login(SyncWorld.HEAD, SyncWorld.PASSWORD, attacker);
        assertEquals(429, colleague.status(), "the attacker's address waits for every account: " + colleague);
        assertEquals("login.wait.address", colleague.code());
        before.assertSameAs(world.dump(THROTTLE), "wrong passwords");

        RawHttp.Reply other = login(SyncWorld.HEAD, SyncWorld.PASSWORD, "10.0.0.88");
        assertEquals(200, other.status(), "another account from another address is not held up: " + other);
    }

    /**
     * {@code n} wrong passwords for one account sent at the same instant, each from its own address: the attempts are
     * counted under the throttle row's lock before any password is checked, so exactly the free ones are checked (when
     * the first wait outlasts the burst). Returns [answers 401, answers 429].
     */
    static List<Integer> parallelGuesses(RawHttp raw, String account, int n) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(n);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String address = "10.7.0." + (i + 1);
            answers.add(pool.submit(() -> {
                go.await();
                String body = JSON.writeValueAsString(Map.of("username", account, "password", "doan-" + address, "workstationId", "WS"));
                return raw.send("POST", "/v1/login", null, Map.of("Content-Type", "application/json", "X-Forwarded-For", address),
                        BodyPublishers.ofString(body, StandardCharsets.UTF_8)).status();
            }));
        }
        go.countDown();
        int checked = 0;
        int waited = 0;
        for (java.util.concurrent.Future<Integer> f : answers) {
            int status = f.get();
            if (status == 401) {
                checked++;
            } else if (status == 429) {
                waited++;
            }
        }
        pool.shutdown();
        System.out.println("[login] " + n + " guesses at once: " + checked + " checked, " + waited + " refused");
        return List.of(checked, waited);
    }

    @Test
    void anUnknownUserIsAnsweredAsSlowlyAsAWrongPassword() throws Exception {
        DatabaseDump before = world.dump(THROTTLE);
        String[] known = { SyncWorld.SPECIALIST, "demo", "admin", SyncWorld.HEAD };
        List<Long> real = new ArrayList<>();
        List<Long> unknown = new ArrayList<>();
        login("khong.ai", "x", "10.3.0.1"); // warm-up, not counted
        for (int i = 0; i < 16; i++) {
            // Each from its own address and at most four per account: no throttle in the way.
            long a = timed(known[i % known.length], "sai-mat-khau", "10.1." + i + ".1");
            long b = timed("khong.co." + i, "sai-mat-khau", "10.2." + i + ".1");
            real.add(a);
            unknown.add(b);
        }
        long m1 = median(real);
        long m2 = median(unknown);
        System.out.printf("[login] median answer: wrong password of a real account %.1f ms, unknown user %.1f ms (ratio %.2f)%n", m1 / 1e6,
                m2 / 1e6, m2 / (double) m1);
        // Without the dummy hash an unknown user skipped Argon2id (milliseconds against hundreds); the bound only catches that.
        assertTrue(m2 > m1 / 3 && m2 < m1 * 3, "unknown " + m2 + " ns against real " + m1 + " ns");
        before.assertSameAs(world.dump(THROTTLE), "unknown users");
    }

    private static long timed(String user, String password, String address) throws Exception {
        long t = System.nanoTime();
        RawHttp.Reply r = login(user, password, address);
        long took = System.nanoTime() - t;
        assertEquals(401, r.status(), user + ": " + r);
        assertEquals("auth.failed", r.code(), "the same answer for both");
        return took;
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    @Test
    void aForwardedForFromAPeerThatIsNotATrustedProxyIsIgnored() throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("username", "xff.spoof", "password", "x", "workstationId", "WS"));
        RawSocket.Answer a = RawSocket.exchange(world.server.uri(), InetAddress.getByName("127.0.0.2"), "POST", "/v1/login",
                Map.of("Content-Type", "application/json", "Content-Length", Integer.toString(body.length), "X-Forwarded-For", "10.9.9.9"),
                RawSocket.repeated(body, (byte) 0, 0));
        assertEquals(401, a.status(), a.body());
        assertTrue(throttled("127.0.0.2"), "counted against the socket's address");
        assertFalse(throttled("10.9.9.9"), "not against the address the client claimed");
        // Through the trusted proxy, the nearest address the proxy did not add is the client's.
        assertEquals(401, login("xff.chain", "x", "203.0.113.9, 10.5.5.5").status());
        assertTrue(throttled("10.5.5.5"));
        assertFalse(throttled("203.0.113.9"));
    }

    private static boolean throttled(String address) throws Exception {
        try (Connection c = Worlds.h2(dir); PreparedStatement s = c.prepareStatement(
                "SELECT failures FROM login_throttle WHERE subject_kind = 'address' AND subject = ?")) {
            s.setString(1, address);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getInt(1) > 0;
            }
        }
    }
}
