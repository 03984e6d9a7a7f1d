package vn.motcua.core.code;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The lookup secret printed on a receipt (mã tra cứu) next to the dossier code, so only the applicant can look the
 * dossier up. Only its salted, slow hash is kept with the dossier: the secret has 40 bits, so a plain hash of it
 * would be brute-forced from a stolen database in minutes; PBKDF2-HMAC-SHA256 with {@value #ITERATIONS} rounds makes
 * each guess cost as much as one check at a lookup desk.
 *
 * <p>Stored form: {@code pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>}.
 */
public final class LookupSecret {
    /** Letters and digits that cannot be mistaken for one another when read aloud or typed (no I, O, 0, 1). */
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final int ITERATIONS = 60_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LookupSecret() {
    }

    /** A new secret: eight characters in two groups, e.g. {@code K7QM-2RXD}. */
    public static String generate() {
        StringBuilder b = new StringBuilder(9);
        for (int i = 0; i < 8; i++) {
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
            if (i == 3) {
                b.append('-');
            }
        }
        return b.toString();
    }

    /** The stored form of {@code secret} with a fresh random salt. */
    public static String hash(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(derive(normalise(secret), salt, ITERATIONS));
    }

    /**
     * Whether {@code typed} is the secret behind {@code stored}. Case, spaces and the dash do not matter (people type
     * what they read); a malformed or missing stored value matches nothing.
     */
    public static boolean matches(String typed, String stored) {
        if (typed == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !SCHEME.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            if (iterations < 1 || iterations > 10_000_000) {
                return false;
            }
            return MessageDigest.isEqual(expected, derive(normalise(typed), salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What is hashed: the secret's letters and digits, upper case. */
    static String normalise(String secret) {
        return secret.replaceAll("[^A-Za-z0-9]", "").toUpperCase(Locale.ROOT);
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            // Every Java 21 runtime has PBKDF2WithHmacSHA256.
            throw new IllegalStateException(e);
        }
    }
}
