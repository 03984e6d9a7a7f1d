package vn.motcua.store;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

import vn.motcua.sync.api.Attribution;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.UserKeyEnrolment;

/**
 * One user's signing key on one workstation (docs/sync-protocol.md, "Who did it"): made at the user's first login
 * there, its private half kept only wrapped in the data folder's {@link CacheKeyRing} under the same
 * password-derived key as the user's cache-key entry, so it is unlocked only at that user's login. Every outbox
 * command the user makes is signed with it; its public half is enrolled with the server by the user's own session.
 * A colleague sharing the workstation shares the cache key but never this key.
 */
public final class UserKey {
    private final String username;
    private final String cacheId;
    private final String workstationId;
    private final Instant createdAt;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final String keyId;
    private final String proof;

    private UserKey(String username, String cacheId, String workstationId, Instant createdAt, PublicKey publicKey, PrivateKey privateKey,
            String proof) {
        this.username = Objects.requireNonNull(username);
        this.cacheId = Objects.requireNonNull(cacheId);
        this.workstationId = workstationId == null ? "" : workstationId;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.keyId = Attribution.keyId(publicKey.getEncoded());
        this.proof = proof != null ? proof : Attribution.sign(privateKey, Attribution.enrolmentBytes(enrolment(null)));
    }

    /** A new key for {@code username} on this workstation, with its enrolment proof. */
    public static UserKey generate(String username, String cacheId, String workstationId, Instant now) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(Attribution.ALGORITHM).generateKeyPair();
            return new UserKey(username, cacheId, workstationId, now, pair.getPublic(), pair.getPrivate(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable in this Java runtime", e);
        }
    }

    /** A key read back from its (authenticated, decrypted) encoding in the key ring. */
    static UserKey restore(String username, String cacheId, String workstationId, Instant createdAt, byte[] x509, byte[] pkcs8, String proof)
            throws GeneralSecurityException {
        KeyFactory f = KeyFactory.getInstance(Attribution.ALGORITHM);
        return new UserKey(username, cacheId, workstationId, createdAt, f.generatePublic(new X509EncodedKeySpec(x509)),
                f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)), proof);
    }

    public String username() {
        return username;
    }

    public String keyId() {
        return keyId;
    }

    public String workstationId() {
        return workstationId;
    }

    public String cacheId() {
        return cacheId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    byte[] publicEncoded() {
        return publicKey.getEncoded();
    }

    byte[] privateEncoded() {
        return privateKey.getEncoded();
    }

    String proof() {
        return proof;
    }

    /** What the user's session sends to enrol this key ({@code POST /v1/user-keys}). */
    public UserKeyEnrolment enrolment() {
        return enrolment(proof);
    }

    private UserKeyEnrolment enrolment(String withProof) {
        return new UserKeyEnrolment(username, keyId, Attribution.ALGORITHM, Base64.getEncoder().encodeToString(publicKey.getEncoded()), cacheId,
                workstationId, createdAt, withProof);
    }

    /** The signature (base64) of {@code data}. */
    public String sign(byte[] data) {
        return Attribution.sign(privateKey, data);
    }

    /** {@code command} signed by this key (its actor must be this key's user). */
    public PushCommand sign(PushCommand command) {
        if (!username.equals(command.event().actorUsername())) {
            throw new IllegalArgumentException(username + " cannot sign a change made by " + command.event().actorUsername());
        }
        PushCommand withKey = command.signed(keyId, null);
        return withKey.signed(keyId, sign(Attribution.commandBytes(withKey)));
    }

    @Override
    public String toString() {
        return "UserKey[" + username + ", " + keyId + "]";
    }
}
