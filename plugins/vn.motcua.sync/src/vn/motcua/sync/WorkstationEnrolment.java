package vn.motcua.sync;

import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import vn.motcua.core.model.User;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.UserKey;

/**
 * A user's first login on a workstation, checked by the sync server, after which they log in there offline.
 *
 * <p>On a new workstation (no key ring yet) the server's answer creates the data folder's cache key and key ring, and
 * the key is left with the server under the ring's random cache id. A colleague of the same agency logging in there
 * for the first time gets the key back from the server (only after logging in) and is added to the ring; so is a user
 * whose password was changed on the server. The ring entry — the cache key wrapped with a key derived from the
 * password — is the offline verifier from then on; the password itself is never stored. The same login makes the
 * user's signing key for this workstation and enrols it with the server with the user's own session.
 */
public final class WorkstationEnrolment {
    private static final System.Logger LOG = System.getLogger(WorkstationEnrolment.class.getName());
    private final Path dataDir;
    private final SyncClient client;
    private final String workstationId;
    private final Locale locale;

    /**
     * The unlocked cache key, the user's account as the server holds it (roles, agency) and their signing key made
     * here at this login (enrolled with the server already, unless that failed: the sync job tries again).
     */
    public record Enrolled(CacheKey key, User user, UserKey userKey) {
    }

    public WorkstationEnrolment(Path dataDir, SyncClient client, String workstationId, Locale locale) {
        this.dataDir = dataDir;
        this.client = client;
        this.workstationId = workstationId;
        this.locale = locale;
    }

    /**
     * Logs {@code username} in on the server and adds them to this data folder's key ring (creating it for a new
     * workstation). Nothing is written locally unless the server accepted the password and, for a new workstation,
     * took the key.
     *
     * @throws SyncException the server refused (wrong password, other agency, no key held) or cannot be reached; the
     *             message says which, in the user's language
     */
    public Enrolled enrol(String username, char[] password) throws SyncException, IOException {
        User user = client.login(username, password, workstationId).user();
        if (!CacheKeyRing.exists(dataDir)) {
            java.nio.file.Files.createDirectories(dataDir);
            CacheKeyRing ring = CacheKeyRing.create(dataDir, false);
            CacheKey key = CacheKey.generate();
            char[] hex = key.exportHex();
            try {
                client.putWorkstationKey(ring.cacheId(), hex);
            } finally {
                Arrays.fill(hex, '\0');
            }
            UserKey mine = ring.addUser(username, password, key, workstationId, Instant.now());
            enrolQuietly(mine);
            return new Enrolled(key, user, mine);
        }
        CacheKeyRing ring = CacheKeyRing.load(dataDir);
        if (ring.isDemo()) {
            throw new SyncException(SyncException.Kind.SERVER, SyncText.get(locale, "enrol.demo"), null);
        }
        char[] hex = client.workstationKey(ring.cacheId());
        CacheKey key;
        try {
            key = CacheKey.fromHex(CharBuffer.wrap(hex));
        } finally {
            Arrays.fill(hex, '\0');
        }
        // Also for a user already in the ring whose password was changed on the server: their entry is wrapped anew.
        UserKey mine = ring.addUser(username, password, key, workstationId, Instant.now());
        enrolQuietly(mine);
        return new Enrolled(key, user, mine);
    }

    /** The new key goes to the server with this login's session; if that fails now, the sync job's first round sends it. */
    private void enrolQuietly(UserKey mine) {
        try {
            enrolKey(dataDir, client, mine);
        } catch (SyncException | IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Signing key of {0} not enrolled yet: {1}", mine.username(), e.getMessage());
        }
    }

    /**
     * Enrols {@code key} with the server through {@code client}, logged in as the key's own user, unless the data
     * folder's key ring records that the server has it; records it then.
     *
     * @return true when it was sent now
     */
    public static boolean enrolKey(Path dataDir, SyncClient client, UserKey key) throws SyncException, IOException {
        CacheKeyRing ring = CacheKeyRing.exists(dataDir) ? CacheKeyRing.load(dataDir) : null;
        if (ring != null && ring.enrolled(key.username(), key.keyId())) {
            return false;
        }
        client.enrolKey(key.enrolment());
        if (ring != null) {
            ring.markEnrolled(key.username(), key.keyId(), Instant.now());
        }
        return true;
    }

    /** Whether users may be added online here: a new workstation, or a real (not demo) key ring. */
    public static boolean possible(Path dataDir) {
        try {
            return !CacheKeyRing.exists(dataDir) || !CacheKeyRing.load(dataDir).isDemo();
        } catch (IOException e) {
            return false;
        }
    }
}
