package vn.motcua.sync.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.RenewRequest;
import vn.motcua.sync.api.Messages.UserKeyEnrolment;

/**
 * Who did it: the bytes a user's signing key signs, defined once for both sides (docs/sync-protocol.md, "Who did
 * it"). Each text is UTF-8 lines {@code name=value\n} in a fixed order, values escaped ({@code \\} → {@code \\\\},
 * newline → {@code \\n}, carriage return → {@code \\r}), null written as empty. Keys are Ed25519: deterministic
 * signatures (no random nonce to get wrong on an old office PC), 32-byte keys. The JDK makes and encodes them
 * (standard X.509 / PKCS#8); signing and checking go through Bouncy Castle's Ed25519, about twenty times faster than
 * the JDK's here (docs/benchmarks.md, "Who did it"), which matters on the server: every pushed change is checked.
 */
public final class Attribution {
    public static final String ALGORITHM = "Ed25519";
    /** First line of {@link #commandBytes}. */
    public static final String COMMAND_FORMAT = "motcua-command/1";
    /** First line of {@link #enrolmentBytes}. */
    public static final String KEY_FORMAT = "motcua-user-key/1";
    /** First line of {@link #renewalBytes}. */
    public static final String RENEW_FORMAT = "motcua-renew/1";
    private static final SyncJson CANONICAL = SyncJson.canonical();

    private Attribution() {
    }

    /**
     * What a command's signature covers: the mutation id, the dossier code, the key id, every field of the event
     * (actor, role, workstation, action, sequence, statuses, time, reason, form, assignee, new due time, target
     * agency), and the SHA-256 of the dossier after it ({@link #afterHash}).
     */
    public static byte[] commandBytes(PushCommand c) {
        DossierEvent e = c.event();
        return new Lines(COMMAND_FORMAT).add("mutationId", c.mutationId()).add("dossierCode", c.dossierCode()).add("keyId", c.keyId())
                .add("sequence", Long.toString(e.sequence())).add("action", e.action().name()).add("fromStatus", name(e.fromStatus()))
                .add("toStatus", name(e.toStatus())).add("actor", e.actorUsername()).add("role", e.actorRole().name())
                .add("workstation", e.workstationId()).add("at", e.at().toString()).add("reason", e.reason()).add("formNumber", e.formNumber())
                .add("assignee", e.assignee()).add("newDueAt", e.newDueAt() == null ? null : e.newDueAt().toString())
                .add("targetAgency", e.targetAgencyCode()).add("after", afterHash(c.after())).bytes();
    }

    /**
     * SHA-256 (hex) of the dossier's canonical JSON: the protocol's mapping with properties in name order and null or
     * empty values left out, no spaces; "-" when there is none.
     */
    public static String afterHash(Dossier after) {
        return after == null ? "-" : HexFormat.of().formatHex(sha256(CANONICAL.write(after)));
    }

    /** What a key's enrolment proof covers. */
    public static byte[] enrolmentBytes(UserKeyEnrolment k) {
        return new Lines(KEY_FORMAT).add("username", k.username()).add("keyId", k.keyId()).add("algorithm", k.algorithm())
                .add("publicKey", k.publicKey()).add("cacheId", k.cacheId()).add("workstation", k.workstationId())
                .add("createdAt", k.createdAt() == null ? null : k.createdAt().toString()).bytes();
    }

    /** What a session renewal's signature covers (the server's challenge makes each one single-use). */
    public static byte[] renewalBytes(RenewRequest r) {
        return new Lines(RENEW_FORMAT).add("username", r.username()).add("keyId", r.keyId()).add("workstation", r.workstationId())
                .add("challenge", r.challenge()).bytes();
    }

    /** A key's id: SHA-256 of its X.509 encoding, base64url without padding (43 characters). */
    public static String keyId(byte[] x509) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(x509));
    }

    /** An Ed25519 public key from its base64 X.509 encoding. */
    public static PublicKey publicKey(String base64) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not base64", e);
        }
    }

    /** The signature (base64) of {@code data}. */
    public static String sign(PrivateKey key, byte[] data) {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, new Ed25519PrivateKeyParameters(raw(key.getEncoded(), PKCS8_PREFIX)));
        s.update(data, 0, data.length);
        return Base64.getEncoder().encodeToString(s.generateSignature());
    }

    /** Whether {@code signature} (base64) is {@code key}'s over {@code data}; false for anything malformed. */
    public static boolean verify(PublicKey key, byte[] data, String signature) {
        if (key == null || signature == null || signature.length() > 200) {
            return false;
        }
        try {
            byte[] sig = Base64.getDecoder().decode(signature);
            if (sig.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
                return false;
            }
            Ed25519Signer s = new Ed25519Signer();
            s.init(false, new Ed25519PublicKeyParameters(raw(key.getEncoded(), X509_PREFIX)));
            s.update(data, 0, data.length);
            return s.verifySignature(sig);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** RFC 8410 encodings of an Ed25519 key: a fixed prefix, then the 32 raw bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private static byte[] raw(byte[] encoded, byte[] prefix) {
        if (encoded.length != prefix.length + 32 || !Arrays.equals(encoded, 0, prefix.length, prefix, 0, prefix.length)) {
            throw new IllegalArgumentException("not an Ed25519 key in its RFC 8410 encoding");
        }
        return Arrays.copyOfRange(encoded, prefix.length, encoded.length);
    }

    /** Whether a command carries its actor's signature fields (it may still be false). */
    public static boolean isSigned(PushCommand c) {
        return c.keyId() != null && !c.keyId().isEmpty() && c.signature() != null && !c.signature().isEmpty();
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The escaped {@code name=value} lines. */
    private static final class Lines {
        private final StringBuilder text = new StringBuilder();

        Lines(String format) {
            add("format", format);
        }

        Lines add(String name, String value) {
            text.append(name).append('=');
            if (value != null) {
                for (int i = 0; i < value.length(); i++) {
                    char ch = value.charAt(i);
                    switch (ch) {
                    case '\\' -> text.append("\\\\");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(ch);
                    }
                }
            }
            text.append('\n');
            return this;
        }

        byte[] bytes() {
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The canonical text of bytes made here (for the server's evidence rows). */
    public static String text(byte[] canonical) {
        return new String(canonical, StandardCharsets.UTF_8);
    }
}
