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
import java.time.Instant;
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
 * <p>Each user's signing key ({@link UserKey}) is wrapped here too, under the same password-derived key as their
 * cache-key entry, so it is unlocked only at that user's login (docs/sync-protocol.md, "Who did it").
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
        byte[] kek = kek(username, password);
        try {
            return cacheKey(username, kek);
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    /** What a login unlocks: the cache key and the user's own signing key ({@code created} at this login, or not). */
    public record Unlocked(CacheKey cacheKey, UserKey userKey, boolean created) {
    }

    /**
     * A login: the cache key and the user's signing key, both unwrapped with the one key derived from the password. The
     * signing key is made (and the ring saved) when the user has none here yet — their first login after the upgrade
     * that brought signed changes — or when theirs was made under another workstation name (the events it signs must
     * name the workstation it was enrolled for).
     *
     * @throws WrongPasswordException unknown user or wrong password (not told apart, on purpose)
     */
    public Unlocked open(String username, char[] password, String workstationId, Instant now) throws WrongPasswordException, IOException {
        byte[] kek = kek(username, password);
        try {
            CacheKey cacheKey = cacheKey(username, kek);
            UserKey mine = signingKey(username, kek);
            if (mine != null && mine.workstationId().equals(workstationId == null ? "" : workstationId)) {
                return new Unlocked(cacheKey, mine, false);
            }
            UserKey made = UserKey.generate(username, cacheId(), workstationId, now);
            wrapSigningKey(made, kek);
            save();
            return new Unlocked(cacheKey, made, true);
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    /** Whether the server has taken the user's current signing key (as this workstation recorded it). */
    public boolean enrolled(String username, String keyId) {
        return keyId.equals(props.getProperty("signing." + username + ".key-id")) && props.containsKey("signing." + username + ".enrolled");
    }

    /** Records that the server took the user's current signing key {@code keyId}; saves. */
    public void markEnrolled(String username, String keyId, Instant at) throws IOException {
        if (keyId.equals(props.getProperty("signing." + username + ".key-id"))) {
            props.setProperty("signing." + username + ".enrolled", at.toString());
            save();
        }
    }

    /** The key derived from the password with the parameters of the user's entry. */
    private byte[] kek(String username, char[] password) throws WrongPasswordException {
        String salt = props.getProperty("user." + username + ".salt");
        String kdf = props.getProperty("user." + username + ".kdf");
        if (props.getProperty("user." + username + ".wrapped") == null || salt == null || kdf == null) {
            throw new WrongPasswordException();
        }
        int[] cost = parseCost(kdf);
        return derive(password, Base64.getDecoder().decode(salt), cost[0], cost[1], cost[2]);
    }

    private CacheKey cacheKey(String username, byte[] kek) throws WrongPasswordException {
        byte[] plain = null;
        try {
            plain = decrypt(kek, props.getProperty("user." + username + ".wrapped"), aad(username));
            return new CacheKey(plain);
        } catch (AEADBadTagException e) {
            throw new WrongPasswordException();
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * The user's signing key, or null when they have none here or its entry does not open (wrapped under an earlier
     * password, or altered): a new one is made then.
     */
    private UserKey signingKey(String username, byte[] kek) {
        String keyId = props.getProperty("signing." + username + ".key-id");
        String wrapped = props.getProperty("signing." + username + ".wrapped");
        if (keyId == null || wrapped == null) {
            return null;
        }
        byte[] plain = null;
        try {
            plain = decrypt(kek, wrapped, signingAad(username, keyId));
            String[] f = new String(plain, StandardCharsets.UTF_8).split("\n", -1);
            UserKey k = UserKey.restore(username, cacheId(), f[2], Instant.parse(f[3]), Base64.getDecoder().decode(f[1]),
                    Base64.getDecoder().decode(f[0]), f[4]);
            return k.keyId().equals(keyId) ? k : null;
        } catch (GeneralSecurityException | RuntimeException e) {
            return null;
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    /**
     * The private half with everything the enrolment says about the key, encrypted under the password-derived key:
     * someone who can edit this file cannot swap in a key of their own for the user's session to enrol.
     */
    private void wrapSigningKey(UserKey k, byte[] kek) {
        if (k.workstationId().contains("\n")) {
            throw new IllegalArgumentException("A workstation name cannot hold a line break");
        }
        byte[] plain = (Base64.getEncoder().encodeToString(k.privateEncoded()) + "\n" + Base64.getEncoder().encodeToString(k.publicEncoded())
                + "\n" + k.workstationId() + "\n" + k.createdAt() + "\n" + k.proof()).getBytes(StandardCharsets.UTF_8);
        try {
            props.setProperty("signing." + k.username() + ".key-id", k.keyId());
            props.setProperty("signing." + k.username() + ".wrapped", encrypt(kek, plain, signingAad(k.username(), k.keyId())));
            props.remove("signing." + k.username() + ".enrolled");
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private byte[] signingAad(String username, String keyId) {
        return ("motcua-user-key|" + props.getProperty("cache-id") + "|" + username + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decrypt(byte[] kek, String wrapped, byte[] aad) throws AEADBadTagException {
        byte[] blob = Base64.getDecoder().decode(wrapped);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, blob, 0, 12));
            c.updateAAD(aad);
            return c.doFinal(blob, 12, blob.length - 12);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable in this Java runtime", e);
        }
    }

    private static String encrypt(byte[] kek, byte[] plain, byte[] aad) {
        byte[] iv = new byte[12];
        new SecureRandom().nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD(aad);
            byte[] ct = c.doFinal(plain);
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + ct.length).put(iv).put(ct).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable in this Java runtime", e);
        }
    }

    /**
     * Gives {@code username} (with {@code password}) a wrapped copy of {@code key}, replacing theirs; saves. A signing
     * key of theirs wrapped under the old password is dropped (it could no longer be opened): their next login makes a
     * new one.
     */
    public void addUser(String username, char[] password, CacheKey key) throws IOException {
        byte[] kek = wrapCacheKey(username, password, key);
        Arrays.fill(kek, (byte) 0);
        dropSigningKey(username);
        save();
    }

    /**
     * As {@link #addUser(String, char[], CacheKey)} at a user's online first login here (or after their password was
     * changed on the server), making their signing key in the same step: one key derivation, one save.
     */
    public UserKey addUser(String username, char[] password, CacheKey key, String workstationId, Instant now) throws IOException {
        byte[] kek = wrapCacheKey(username, password, key);
        try {
            UserKey made = UserKey.generate(username, cacheId(), workstationId, now);
            wrapSigningKey(made, kek);
            save();
            return made;
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    private void dropSigningKey(String username) {
        for (String suffix : new String[] { ".key-id", ".wrapped", ".enrolled" }) {
            props.remove("signing." + username + suffix);
        }
    }

    /** Wraps the cache key for the user under a fresh salt; returns the derived key (the caller clears it). */
    private byte[] wrapCacheKey(String username, char[] password, CacheKey key) {
        if (!USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("Invalid username: " + username);
        }
        if (password.length == 0) {
            throw new IllegalArgumentException("Empty password");
        }
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] kek = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM);
        byte[] raw = key.bytes();
        try {
            props.setProperty("user." + username + ".kdf", "argon2id;m=" + MEMORY_KIB + ";t=" + ITERATIONS + ";p=" + PARALLELISM);
            props.setProperty("user." + username + ".salt", Base64.getEncoder().encodeToString(salt));
            props.setProperty("user." + username + ".wrapped", encrypt(kek, raw, aad(username)));
            return kek;
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
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
        dropSigningKey(username);
        save();
    }

    /** Written to a temporary file and moved over the old one: a crash leaves the old or the new ring, whole. */
    private void save() throws IOException {
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            props.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8),
                    "MộtCửa Desk key ring: the cache key and each user's signing key, wrapped per user (Argon2id + AES-GCM). Do not edit.");
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
