package vn.motcua.server;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Bearer tokens: 32 random bytes, stored only as their SHA-256 ({@code session_token}). Revoked at logout, when an
 * admin changes the user's password or deactivates the account; purged once expired (at each login and by the
 * housekeeping). {@code SyncService.authenticate} reads them back.
 */
final class Tokens {
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration lifetime;

    Tokens(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    record Issued(String token, Instant expiresAt) {
    }

    /** @param byPassword opened by password (may enrol a signing key while fresh), or renewed with the user's key */
    Issued issue(Connection c, String username, String workstation, boolean byPassword) throws SQLException {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO session_token (token_hash, username, workstation, expires_at, opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, SyncService.sha256(token));
            s.setString(2, username);
            s.setString(3, workstation == null ? "" : workstation.length() > 100 ? workstation.substring(0, 100) : workstation);
            s.setTimestamp(4, Timestamp.from(expires));
            s.setString(5, byPassword ? "password" : "key");
            s.setTimestamp(6, Timestamp.from(now));
            s.executeUpdate();
        }
        return new Issued(token, expires);
    }

    /** Logout: this token only. */
    static boolean revoke(Connection c, String bearer) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM session_token WHERE token_hash = ?")) {
            s.setString(1, SyncService.sha256(bearer.strip()));
            return s.executeUpdate() > 0;
        }
    }

    /** Every token of a user (password changed, account deactivated), in the caller's transaction. */
    static int revokeUser(Connection c, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM session_token WHERE username = ?")) {
            s.setString(1, username);
            return s.executeUpdate();
        }
    }

    int purgeExpired(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM session_token WHERE expires_at < ?")) {
            s.setTimestamp(1, Timestamp.from(clock.instant()));
            return s.executeUpdate();
        }
    }
}
