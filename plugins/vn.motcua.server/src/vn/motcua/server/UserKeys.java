package vn.motcua.server;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import vn.motcua.core.model.Role;
import vn.motcua.sync.api.Attribution;
import vn.motcua.sync.api.Messages.UserKeyEnrolment;
import vn.motcua.sync.api.Messages.UserKeyRevocation;
import vn.motcua.sync.api.Messages.UserKeyState;

/**
 * Users' public signing keys (server schema 8, {@code user_key}): enrolled by the user's own session with a proof
 * made by the key itself, listed to the user or an admin, revoked by an admin or the user. What a key may sign is
 * decided by {@link CommandAuthenticity} and {@link SessionRenewal}.
 */
final class UserKeys {
    /** More active keys than a person could have used (one per workstation they ever logged in on): refused. */
    static final int MAX_ACTIVE_PER_USER = 100;
    /** How long after a password login its session may enrol a key (the client enrols right after logging in). */
    static final java.time.Duration FRESH_LOGIN = java.time.Duration.ofMinutes(10);
    private final ServerDatabase db;
    private final Clock clock;

    /** An enrolled key; {@code revokedAt} null while it counts. */
    record Stored(String keyId, String username, PublicKey publicKey, String cacheId, String workstation, Instant createdAt, Instant enrolledAt,
            Instant revokedAt, String revokedBy) {
        UserKeyState state() {
            return new UserKeyState(username, keyId, cacheId, workstation, createdAt, enrolledAt, revokedAt, revokedBy);
        }
    }

    UserKeys(ServerDatabase db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Enrols the caller's own key, from a session opened by password at most {@link #FRESH_LOGIN} ago. The same key again is answered with what the server holds (a retried request); a
     * revoked key is refused (409), as are keys for another user (403) and keys whose proof does not verify (400).
     */
    UserKeyState enrol(SyncService.Caller caller, UserKeyEnrolment e, Locale locale) throws SyncService.Refusal, SQLException {
        if (e == null || e.username() == null || e.keyId() == null || e.publicKey() == null || e.cacheId() == null || e.workstationId() == null
                || e.createdAt() == null || e.proof() == null || e.publicKey().length() > 200 || e.workstationId().length() > 100
                || !e.cacheId().matches("[0-9a-fA-F-]{8,64}") || !Attribution.ALGORITHM.equals(e.algorithm())) {
            throw new SyncService.Refusal(400, "userKey.invalid", SyncService.text(locale, "userKey.invalid"));
        }
        if (!e.username().equals(caller.user().username())) {
            throw new SyncService.Refusal(403, "userKey.otherUser", SyncService.text(locale, "userKey.otherUser", caller.user().username(), e.username()));
        }
        // Only a session opened by password minutes ago: a renewed session (a key) or an old token cannot mint keys.
        Instant since = caller.passwordLoginAt();
        if (since == null || since.plus(FRESH_LOGIN).isBefore(clock.instant())) {
            throw new SyncService.Refusal(403, "userKey.freshLogin", SyncService.text(locale, "userKey.freshLogin", FRESH_LOGIN.toMinutes()));
        }
        PublicKey key;
        try {
            key = Attribution.publicKey(e.publicKey());
        } catch (GeneralSecurityException x) {
            throw new SyncService.Refusal(400, "userKey.invalid", SyncService.text(locale, "userKey.invalid"));
        }
        if (!Attribution.keyId(key.getEncoded()).equals(e.keyId()) || !Attribution.verify(key, Attribution.enrolmentBytes(e), e.proof())) {
            throw new SyncService.Refusal(400, "userKey.proof", SyncService.text(locale, "userKey.proof"));
        }
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            Optional<Stored> held = find(c, e.keyId());
            if (held.isPresent()) {
                if (!held.get().username().equals(e.username()) || held.get().revokedAt() != null) {
                    throw new SyncService.Refusal(409, "userKey.revoked", SyncService.text(locale, "userKey.revoked", e.keyId()));
                }
                return held.get().state();
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM user_key WHERE username = ? AND revoked_at IS NULL")) {
                s.setString(1, e.username());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) >= MAX_ACTIVE_PER_USER) {
                        throw new SyncService.Refusal(409, "userKey.tooMany", SyncService.text(locale, "userKey.tooMany", MAX_ACTIVE_PER_USER));
                    }
                }
            }
            Instant now = clock.instant();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO user_key (key_id, username, algorithm, public_key, cache_id, workstation, "
                    + "created_at, enrolled_at, enrolled_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, e.keyId());
                s.setString(2, e.username());
                s.setString(3, e.algorithm());
                s.setString(4, e.publicKey());
                s.setString(5, e.cacheId());
                s.setString(6, e.workstationId());
                s.setTimestamp(7, Timestamp.from(e.createdAt()));
                s.setTimestamp(8, Timestamp.from(now));
                s.setString(9, caller.workstation());
                s.executeUpdate();
            }
            return new UserKeyState(e.username(), e.keyId(), e.cacheId(), e.workstationId(), e.createdAt(), now, null, null);
        }
    }

    /** The keys of {@code username}, to that user or an admin. */
    List<UserKeyState> list(SyncService.Caller caller, String username, Locale locale) throws SyncService.Refusal, SQLException {
        mayManage(caller, username, locale);
        try (ServerDatabase.Pooled p = db.borrow()) {
            return states(p.connection(), username);
        }
    }

    /** Revokes one key of a user, or all of them: an admin, or the user themselves. */
    List<UserKeyState> revoke(SyncService.Caller caller, UserKeyRevocation r, Locale locale) throws SyncService.Refusal, SQLException {
        if (r == null || r.username() == null) {
            throw new SyncService.Refusal(400, "userKey.invalid", SyncService.text(locale, "userKey.invalid"));
        }
        mayManage(caller, r.username(), locale);
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            if (r.keyId() != null && find(c, r.keyId()).filter(k -> k.username().equals(r.username())).isEmpty()) {
                throw new SyncService.Refusal(404, "userKey.none", SyncService.text(locale, "userKey.none", r.keyId(), r.username()));
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE user_key SET revoked_at = ?, revoked_by = ? WHERE username = ? AND revoked_at IS NULL"
                    + (r.keyId() == null ? "" : " AND key_id = ?"))) {
                s.setTimestamp(1, Timestamp.from(clock.instant()));
                s.setString(2, caller.user().username());
                s.setString(3, r.username());
                if (r.keyId() != null) {
                    s.setString(4, r.keyId());
                }
                s.executeUpdate();
            }
            return states(c, r.username());
        }
    }

    private static void mayManage(SyncService.Caller caller, String username, Locale locale) throws SyncService.Refusal {
        if (!caller.user().username().equals(username) && !caller.user().roles().contains(Role.ADMIN)) {
            throw new SyncService.Refusal(403, "forbidden", SyncService.text(locale, "forbidden", caller.user().username(),
                    SyncService.text(locale, "role.userKeys", username)));
        }
    }

    private static List<UserKeyState> states(Connection c, String username) throws SQLException {
        List<UserKeyState> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE username = ? ORDER BY enrolled_at, key_id")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(stored(r).state());
                }
            }
        }
        return out;
    }

    /** The key {@code keyId} as enrolled (whoever it belongs to), if any. */
    static Optional<Stored> find(Connection c, String keyId) throws SQLException {
        if (keyId == null || keyId.length() > 64) {
            return Optional.empty();
        }
        try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE key_id = ?")) {
            s.setString(1, keyId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(stored(r)) : Optional.empty();
            }
        }
    }

    private static final String SELECT = "SELECT key_id, username, public_key, cache_id, workstation, created_at, enrolled_at, revoked_at, revoked_by"
            + " FROM user_key";

    private static Stored stored(ResultSet r) throws SQLException {
        PublicKey key;
        try {
            key = Attribution.publicKey(r.getString(3));
        } catch (GeneralSecurityException e) {
            // Checked at enrolment; a row altered in the database counts for nothing.
            key = null;
        }
        return new Stored(r.getString(1), r.getString(2), key, r.getString(4), r.getString(5), instant(r.getTimestamp(6)),
                instant(r.getTimestamp(7)), instant(r.getTimestamp(8)), r.getString(9));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
