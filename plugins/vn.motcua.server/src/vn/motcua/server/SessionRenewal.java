package vn.motcua.server;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import vn.motcua.sync.api.Attribution;
import vn.motcua.sync.api.Messages.LoginChallenge;
import vn.motcua.sync.api.Messages.LoginResponse;
import vn.motcua.sync.api.Messages.RenewRequest;

/**
 * A new session without a password (docs/sync-protocol.md, "Who did it"): the workstation signs a one-time challenge
 * of this server with the logged-in user's enrolled key, so a PC left running keeps syncing past its token's expiry
 * while no password stays in its memory. Challenges are stateless (random nonce, expiry and an HMAC under a key made at
 * start; a restart simply makes the client ask again); a nonce is accepted once.
 */
final class SessionRenewal {
    private static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(2);
    private static final int NONCE = 16;
    private static final int TAG = 16;
    private final SyncService service;
    private final ServerDatabase db;
    private final Clock clock;
    private final byte[] secret = new byte[32];
    private final SecureRandom random = new SecureRandom();
    /** Nonces already used, until their challenge expires. */
    private final Map<String, Instant> used = new ConcurrentHashMap<>();

    SessionRenewal(SyncService service, ServerDatabase db, Clock clock) {
        this.service = service;
        this.db = db;
        this.clock = clock;
        random.nextBytes(secret);
    }

    LoginChallenge challenge() {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        Instant expires = clock.instant().plus(CHALLENGE_LIFETIME);
        ByteBuffer b = ByteBuffer.allocate(NONCE + 8 + TAG).put(nonce).putLong(expires.getEpochSecond());
        b.put(tag(b.array(), NONCE + 8));
        return new LoginChallenge(Base64.getUrlEncoder().withoutPadding().encodeToString(b.array()), expires);
    }

    /**
     * A session for the key's user when the challenge is this server's, unexpired and unused, the key is enrolled for
     * that user, not revoked, made for the workstation named, the user active, and the signature verifies. Every
     * refusal is a 401: the workstation then asks its user to log in again.
     */
    LoginResponse renew(RenewRequest r, Locale locale) throws SyncService.Refusal, SQLException {
        if (r == null || r.username() == null || r.keyId() == null || r.challenge() == null || r.signature() == null || r.workstationId() == null
                || r.workstationId().length() > 100) {
            throw failed(locale);
        }
        String nonce = validNonce(r.challenge());
        if (nonce == null) {
            throw new SyncService.Refusal(401, "renew.challenge", SyncService.text(locale, "renew.challenge"));
        }
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            Optional<UserKeys.Stored> key = UserKeys.find(c, r.keyId());
            Optional<SyncService.StoredUser> account = SyncService.user(c, r.username());
            if (key.isEmpty() || account.isEmpty() || !account.get().active() || !key.get().username().equals(r.username())
                    || key.get().publicKey() == null || (!key.get().workstation().isEmpty() && !key.get().workstation().equals(r.workstationId()))
                    || !Attribution.verify(key.get().publicKey(), Attribution.renewalBytes(r), r.signature())) {
                throw failed(locale);
            }
            if (key.get().revokedAt() != null) {
                throw new SyncService.Refusal(401, "renew.revoked", SyncService.text(locale, "renew.revoked", r.username()));
            }
            Instant now = clock.instant();
            used.values().removeIf(expiry -> expiry.isBefore(now));
            if (used.putIfAbsent(nonce, now.plus(CHALLENGE_LIFETIME)) != null) {
                throw new SyncService.Refusal(401, "renew.challenge", SyncService.text(locale, "renew.challenge"));
            }
            return service.issueToken(c, account.get().user(), r.workstationId(), false);
        }
    }

    private static SyncService.Refusal failed(Locale locale) {
        return new SyncService.Refusal(401, "renew.failed", SyncService.text(locale, "renew.failed"));
    }

    /** The challenge's nonce when it is one of ours and unexpired, else null. */
    private String validNonce(String challenge) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(challenge);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length != NONCE + 8 + TAG) {
            return null;
        }
        byte[] expected = tag(raw, NONCE + 8);
        if (!MessageDigest.isEqual(expected, java.util.Arrays.copyOfRange(raw, NONCE + 8, raw.length))) {
            return null;
        }
        long expires = ByteBuffer.wrap(raw, NONCE, 8).getLong();
        if (Instant.ofEpochSecond(expires).isBefore(clock.instant())) {
            return null;
        }
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(raw, NONCE));
    }

    private byte[] tag(byte[] data, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(data, 0, length);
            return java.util.Arrays.copyOf(mac.doFinal(), TAG);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
