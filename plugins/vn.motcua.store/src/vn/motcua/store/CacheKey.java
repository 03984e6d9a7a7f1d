package vn.motcua.store;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import javax.security.auth.Destroyable;

/**
 * The secret that encrypts one data folder's cache file: 32 random bytes, made once when the cache is created
 * and never written to disk in clear — only wrapped per user in the {@link CacheKeyRing}. H2 encrypts the whole
 * file with it (AES, XTS mode), so citizens' personal data, the search index and the audit log are unreadable
 * without a user's password.
 */
public final class CacheKey implements Destroyable {
    static final int LENGTH = 32;
    private final byte[] bytes;
    private boolean destroyed;

    CacheKey(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("A cache key has " + LENGTH + " bytes");
        }
        this.bytes = bytes.clone();
    }

    /** A new random key, for a new cache. */
    public static CacheKey generate() {
        byte[] b = new byte[LENGTH];
        new SecureRandom().nextBytes(b);
        try {
            return new CacheKey(b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    /**
     * The key in hex, for tools its owner runs by hand (benchmarks, a recovery by an admin). Whoever holds it
     * reads the cache: never write it next to a real cache.
     */
    public char[] exportHex() {
        return filePassword();
    }

    /** The key {@link #exportHex()} gave. */
    public static CacheKey fromHex(CharSequence hex) {
        return new CacheKey(HexFormat.of().parseHex(hex));
    }

    byte[] bytes() {
        check();
        return bytes.clone();
    }

    /** H2's file password: the key in hex. A fresh array the caller clears. */
    char[] filePassword() {
        check();
        return HexFormat.of().formatHex(bytes).toCharArray();
    }

    private void check() {
        if (destroyed) {
            throw new IllegalStateException("The cache key was destroyed");
        }
    }

    @Override
    public void destroy() {
        Arrays.fill(bytes, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "CacheKey[hidden]";
    }
}
