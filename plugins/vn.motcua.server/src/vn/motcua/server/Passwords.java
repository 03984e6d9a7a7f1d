package vn.motcua.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes in the PHC string format of Argon2id ({@code $argon2id$v=19$m=…,t=…,p=1$salt$hash}); the
 * parameters travel with each hash, so they can be raised later without invalidating stored ones. Default
 * cost: OWASP's minimum for Argon2id (19 MiB, 2 passes).
 */
public final class Passwords {
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private final SecureRandom random = new SecureRandom();
    private final int memoryKiB;
    private final int passes;

    public Passwords() {
        this(19 * 1024, 2);
    }

    public Passwords(int memoryKiB, int passes) {
        this.memoryKiB = memoryKiB;
        this.passes = passes;
    }

    public String hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] h = derive(password, salt, memoryKiB, passes, 32);
        return "$argon2id$v=19$m=" + memoryKiB + ",t=" + passes + ",p=1$" + B64.encodeToString(salt) + "$" + B64.encodeToString(h);
    }

    /** Whether {@code stored} is an Argon2id hash this class can check (an account without a password holds "!"). */
    public static boolean isHash(String stored) {
        return stored != null && stored.matches("\\$argon2id\\$v=19\\$m=\\d{1,7},t=\\d{1,3},p=1\\$[A-Za-z0-9+/]{16,64}\\$[A-Za-z0-9+/]{16,128}");
    }

    public boolean verify(String password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 6 || !"argon2id".equals(parts[1])) {
            return false;
        }
        int m = 0;
        int t = 0;
        for (String kv : parts[3].split(",")) {
            String[] x = kv.split("=");
            if (x[0].equals("m")) {
                m = Integer.parseInt(x[1]);
            } else if (x[0].equals("t")) {
                t = Integer.parseInt(x[1]);
            }
        }
        byte[] salt = B64D.decode(parts[4]);
        byte[] expected = B64D.decode(parts[5]);
        return MessageDigest.isEqual(expected, derive(password, salt, m, t, expected.length));
    }

    private static byte[] derive(String password, byte[] salt, int m, int t, int length) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(m).withIterations(t).withParallelism(1).build());
        byte[] out = new byte[length];
        g.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
