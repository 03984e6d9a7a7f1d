package vn.motcua.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Login throttling per account and per client address, kept in the database ({@code login_throttle}, server schema 7)
 * so that several server instances on one PostgreSQL share it and a restart forgets nothing.
 *
 * <p>An attempt is counted <em>before</em> its password is checked, under the rows' locks: parallel attempts are all
 * counted, and a success gives its count back. Past the free failures, each further failure doubles the wait before
 * the next attempt; during a wait every attempt — with the right password too — is refused (429) without checking
 * anything and without being counted, so an attacker gets one guess per wait while a user who mistyped can still get
 * in once it has passed. Unknown usernames are throttled exactly like real ones (the answer never tells them apart).
 */
final class LoginGuard {
    static final String ACCOUNT = "account";
    static final String ADDRESS = "address";
    private static final String UNIQUE_VIOLATION = "23505";
    private final ServerDatabase db;
    private final Safeguards rules;
    private final Clock clock;

    LoginGuard(ServerDatabase db, Safeguards rules, Clock clock) {
        this.db = db;
        this.rules = rules;
        this.clock = clock;
    }

    /** An attempt that passed the throttle and was counted. */
    record Attempt(String account, String address) {
    }

    /** Refuses while a wait is running (account or address), else counts the attempt as a failure until it succeeds. */
    Attempt begin(String username, String address, Locale locale) throws SyncService.Refusal, SQLException {
        String account = accountKey(username);
        for (int attempt = 0;; attempt++) {
            try (ServerDatabase.Pooled p = db.borrow()) {
                Connection c = p.connection();
                c.setAutoCommit(false);
                try {
                    Instant now = clock.instant();
                    // Always the account first, then the address: two logins never wait on each other's locks in a cycle.
                    Row a = lock(c, ACCOUNT, account, now);
                    Row b = lock(c, ADDRESS, address, now);
                    Instant until = later(a.waitingUntil(now), b.waitingUntil(now));
                    if (until != null) {
                        c.rollback();
                        Duration wait = Duration.between(now, until);
                        boolean byAccount = a.waitingUntil(now) != null && !a.waitingUntil(now).isBefore(until);
                        throw new RetryLater(byAccount ? "login.wait.account" : "login.wait.address",
                                SyncService.text(locale, byAccount ? "login.wait.account" : "login.wait.address", (wait.toMillis() + 999) / 1000),
                                wait);
                    }
                    count(c, a, rules.accountFreeFailures(), now);
                    count(c, b, rules.addressFreeFailures(), now);
                    c.commit();
                    return new Attempt(account, address);
                } catch (SQLException e) {
                    c.rollback();
                    // Two first attempts of one account at once: the loser inserted the same row; read it again.
                    if (UNIQUE_VIOLATION.equals(e.getSQLState()) && attempt < 3) {
                        continue;
                    }
                    throw e;
                }
            }
        }
    }

    /** The password was right: the account starts again from zero and the address gets this attempt's count back. */
    void succeeded(Attempt attempt) throws SQLException {
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            try (PreparedStatement s = c.prepareStatement("DELETE FROM login_throttle WHERE subject_kind = ? AND subject = ?")) {
                s.setString(1, ACCOUNT);
                s.setString(2, attempt.account());
                s.executeUpdate();
            }
            // Not a reset: one good password of an office must not wipe what an attacker behind the same address did.
            // Below the free failures again, the wait this attempt's count started is lifted (an earlier one had ended,
            // or this attempt would not have been let through).
            try (PreparedStatement s = c.prepareStatement("UPDATE login_throttle SET failures = failures - 1, "
                    + "blocked_until = CASE WHEN failures - 1 < ? THEN NULL ELSE blocked_until END WHERE subject_kind = ? AND subject = ? AND failures > 0")) {
                s.setInt(1, rules.addressFreeFailures());
                s.setString(2, ADDRESS);
                s.setString(3, attempt.address());
                s.executeUpdate();
            }
        }
    }

    /** Throttle rows with no failure for {@code login.forget.minutes}: forgotten. */
    int purge(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM login_throttle WHERE last_failure_at < ? AND (blocked_until IS NULL OR blocked_until < ?)")) {
            Instant now = clock.instant();
            s.setTimestamp(1, Timestamp.from(now.minus(rules.forgetFailuresAfter())));
            s.setTimestamp(2, Timestamp.from(now));
            return s.executeUpdate();
        }
    }

    /** The wait after the {@code failures}-th failure, given {@code free} ones: none, then first, 2×first, 4×first… ≤ max. */
    Duration delayAfter(int failures, int free) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - free, 40);
        long millis = rules.firstDelay().toMillis() << Math.min(doublings, 30);
        return Duration.ofMillis(Math.min(millis, rules.maxDelay().toMillis()));
    }

    /** Usernames are compared as the server stores them; the key is bounded whatever was sent. */
    static String accountKey(String username) {
        String u = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return u.length() > 100 ? u.substring(0, 100) : u;
    }

    private record Row(String kind, String subject, int failures, Instant blockedUntil) {
        Instant waitingUntil(Instant now) {
            return blockedUntil != null && blockedUntil.isAfter(now) ? blockedUntil : null;
        }
    }

    /**
     * Locks the row (made if missing) and reads it: the lock is taken by an UPDATE, which works on the newest committed
     * version on H2 and PostgreSQL alike, and the row is read after it in the same transaction.
     */
    private Row lock(Connection c, String kind, String subject, Instant now) throws SQLException {
        int locked;
        try (PreparedStatement s = c.prepareStatement("UPDATE login_throttle SET failures = failures WHERE subject_kind = ? AND subject = ?")) {
            s.setString(1, kind);
            s.setString(2, subject);
            locked = s.executeUpdate();
        }
        if (locked == 0) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO login_throttle (subject_kind, subject, failures, last_failure_at, blocked_until) VALUES (?, ?, 0, ?, NULL)")) {
                s.setString(1, kind);
                s.setString(2, subject);
                s.setTimestamp(3, Timestamp.from(now));
                s.executeUpdate();
            }
            return new Row(kind, subject, 0, null);
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT failures, last_failure_at, blocked_until FROM login_throttle WHERE subject_kind = ? AND subject = ?")) {
            s.setString(1, kind);
            s.setString(2, subject);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                Instant last = r.getTimestamp(2).toInstant();
                Timestamp blocked = r.getTimestamp(3);
                Instant until = blocked == null ? null : blocked.toInstant();
                boolean forgotten = last.plus(rules.forgetFailuresAfter()).isBefore(now) && (until == null || until.isBefore(now));
                return new Row(kind, subject, forgotten ? 0 : r.getInt(1), until);
            }
        }
    }

    private void count(Connection c, Row row, int free, Instant now) throws SQLException {
        int failures = row.failures() + 1;
        Duration wait = delayAfter(failures, free);
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE login_throttle SET failures = ?, last_failure_at = ?, blocked_until = ? WHERE subject_kind = ? AND subject = ?")) {
            s.setInt(1, failures);
            s.setTimestamp(2, Timestamp.from(now));
            s.setTimestamp(3, wait.isZero() ? null : Timestamp.from(now.plus(wait)));
            s.setString(4, row.kind());
            s.setString(5, row.subject());
            s.executeUpdate();
        }
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
