package vn.motcua.store;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals the change journal's records like the cache file they complete: AES-256-GCM under a key derived from the cache
 * key (HMAC-SHA256 with a fixed label, so the journal never holds the cache key itself), a random 12-byte nonce per
 * record. A record sealed under another key, or altered, does not open: to the journal it is damage.
 */
final class JournalSeal {
    private static final byte[] LABEL = "motcua-change-journal-1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    JournalSeal(CacheKey cacheKey) {
        byte[] k = cacheKey.bytes();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(k, "HmacSHA256"));
            byte[] derived = mac.doFinal(LABEL);
            this.key = new SecretKeySpec(derived, "AES");
            Arrays.fill(derived, (byte) 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        } finally {
            Arrays.fill(k, (byte) 0);
        }
    }

    /** {@code [nonce:12][ciphertext and tag]}. */
    byte[] seal(byte[] plain) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The record, or an exception when it was sealed under another key or altered. */
    byte[] open(byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < NONCE + TAG_BITS / 8) {
            throw new GeneralSecurityException("too short for a sealed record");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE));
        return c.doFinal(sealed, NONCE, sealed.length - NONCE);
    }
}
