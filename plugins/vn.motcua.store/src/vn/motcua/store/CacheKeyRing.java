package vn.motcua.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The data folder's key ring ({@code motcua.keys}): the cache key wrapped once per local user with a key derived
 * from that user's password (Argon2id), so the key is never on disk in clear and only someone who knows a
 * user's password opens the cache. Unwrapping with AES-GCM doubles as the offline password check: a wrong
 * password fails the authentication tag, and nothing else about the password is stored.
 *
 * <p>Limits (documented in docs/architecture.md): anyone with a user's password reads the whole cache; the key is
 * in memory while the product runs; if every user forgets their password the cache cannot be opened and is
 * rebuilt by a first sync.
 */
public final class CacheKeyRing {
    /** The key ring's file name in the data folder. */
    public static final String FILE = "motcua.keys";
    private static final int FORMAT = 1;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,59}");
    /** Argon2id cost: ~0.3 s and 64 MiB on an old office PC; stored per entry so it can be raised later. */
    static final int MEMORY_KIB = 65_536;
    static final int ITERATIONS = 3;
    static final int PARALLELISM = 1;

    private final Path file;
    private final Properties props;

    private CacheKeyRing(Path file, Properties props) {
        this.file = file;
        this.props = props;
    }

    /** The key ring file of a data folder. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(FILE);
    }

    /** True when the data folder has a key ring (an encrypted cache). */
    public static boolean exists(Path dataDir) {
        return Files.isRegularFile(file(dataDir));
    }

    /** Reads a data folder's key ring. */
    public static CacheKeyRing load(Path dataDir) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file(dataDir))) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        if (!Integer.toString(FORMAT).equals(p.getProperty("format"))) {
            throw new IOException("Unknown key ring format in " + file(dataDir));
        }
        return new CacheKeyRing(file(dataDir), p);
    }

    /**
     * A new, empty key ring for a new cache (written with the first {@link #addUser}).
     *
     * @param demo true for a demo or training cache, whose users' passwords are public: the product may then
     *             log a named demo user in without asking
     */
    public static CacheKeyRing create(Path dataDir, boolean demo) throws IOException {
        if (exists(dataDir)) {
            throw new IOException("A key ring already exists in " + dataDir);
        }
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(FORMAT));
        p.setProperty("cache-id", UUID.randomUUID().toString());
        p.setProperty("demo", Boolean.toString(demo));
        return new CacheKeyRing(file(dataDir), p);
    }

    /** The random identifier of this data folder's cache (the server keeps the cache's key under it). */
    public String cacheId() {
        return props.getProperty("cache-id");
    }

    /** A demo or training cache: every password in it is published in the user guide. */
    public boolean isDemo() {
        return Boolean.parseBoolean(props.getProperty("demo"));
    }

    /** Users who can unlock the cache, sorted. */
    public Set<String> users() {
        Set<String> out = new TreeSet<>();
        for (String k : props.stringPropertyNames()) {
            if (k.startsWith("user.") && k.endsWith(".wrapped")) {
                out.add(k.substring(5, k.length() - 8));
            }
        }
        return out;
    }

    public boolean hasUser(String username) {
        return props.containsKey("user." + username + ".wrapped");
    }

    /**
     * The cache key, unwrapped with the user's password.
     *
     * @throws WrongPasswordException unknown user or wrong password (not told apart, on purpose)
     */
    public CacheKey unlock(String username, char[] password) throws WrongPasswordException {
        String wrapped = props.getProperty("user." + username + ".wrapped");
        String salt = props.getProperty("user." + username + ".salt");
        String kdf = props.getProperty("user." + username + ".kdf");
        if (wrapped == null || salt == null || kdf == null) {
            throw new WrongPasswordException();
        }
        int[] cost = parseCost(kdf);
        byte[] kek = derive(password, Base64.getDecoder().decode(salt), cost[0], cost[1], cost[2]);
        byte[] blob = Base64.getDecoder().decode(wrapped);
        byte[] plain = null;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, blob, 0, 12));
            c.updateAAD(aad(username));
            plain = c.doFinal(blob, 12, blob.length - 12);
            return new CacheKey(plain);
        } catch (AEADBadTagException e) {
            throw new WrongPasswordException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable in this Java runtime", e);
        } finally {
            Arrays.fill(kek, (byte) 0);
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /** Gives {@code username} (with {@code password}) a wrapped copy of {@code key}, replacing theirs; saves. */
    public void addUser(String username, char[] password, CacheKey key) throws IOException {
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("Invalid username: " + username);
        }
        if (password.length == 0) {
            throw new IllegalArgumentException("Empty password");
        }
        byte[] salt = new byte[16];
        byte[] iv = new byte[12];
        SecureRandom rnd = new SecureRandom();
        rnd.nextBytes(salt);
        rnd.nextBytes(iv);
        byte[] kek = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        byte[] raw = key.bytes();
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(aad(username));
            byte[] ct = c.doFinal(raw);
            byte[] blob = ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array();
            props.setProperty("user." + username + ".kdf", "argon2id;m=" + MEMORY_KIB + ";t=" + ITERATIONS + ";p=" + PARALLELISM);
            props.setProperty("user." + username + ".salt", Base64.getEncoder().encodeToString(salt));
            props.setProperty("user." + username + ".wrapped", Base64.getEncoder().encodeToString(blob));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable in this Java runtime", e);
        } finally {
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(raw, (byte) 0);
        }
        save();
    }

    /** Removes a user's copy of the key; the last one cannot be removed (the cache would be lost). */
    public void removeUser(String username) throws IOException {
        if (!hasUser(username)) {
            return;
        }
        if (users().size() == 1) {
            throw new IllegalStateException("The last user of a cache cannot be removed");
        }
        for (String suffix : new String[] { ".kdf", ".salt", ".wrapped" }) {
            props.remove("user." + username + suffix);
        }
        save();
    }

    /** Written to a temporary file and moved over the old one: a crash leaves the old or the new ring, whole. */
    private void save() throws IOException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            props.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                    "MộtCửa Desk key ring: the cache key wrapped per user (Argon2id + AES-GCM). Do not edit.");
            out.flush();
        }
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private byte[] aad(String username) {
        return ("motcua-cache-key|" + props.getProperty("cache-id") + "|" + username).getBytes(StandardCharsets.UTF_8);
    }

    private static int[] parseCost(String kdf) throws WrongPasswordException {
        // "argon2id;m=65536;t=3;p=1"
        String[] parts = kdf.split(";");
        if (parts.length != 4 || !parts[0].equals("argon2id")) {
            throw new WrongPasswordException();
        }
        return new int[] { Integer.parseInt(parts[1].substring(2)), Integer.parseInt(parts[2].substring(2)),
                Integer.parseInt(parts[3].substring(2)) };
    }

    static byte[] derive(char[] password, byte[] salt, int memoryKib, int iterations, int parallelism) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withSalt(salt)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism).build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] pw = new byte[utf8.remaining()];
        utf8.get(pw);
        if (utf8.hasArray()) {
            Arrays.fill(utf8.array(), (byte) 0);
        }
        byte[] out = new byte[32];
        try {
            gen.generateBytes(pw, out);
            return out;
        } finally {
            Arrays.fill(pw, (byte) 0);
        }
    }

    /** Unknown user or wrong password. */
    public static final class WrongPasswordException extends Exception {
        private static final long serialVersionUID = 1L;

        public WrongPasswordException() {
            super("Wrong username or password");
        }
    }
}
