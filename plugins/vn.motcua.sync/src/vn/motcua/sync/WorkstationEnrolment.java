package vn.motcua.sync;

import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import vn.motcua.core.model.User;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheKeyRing;

/**
 * A user's first login on a workstation, checked by the sync server, after which they log in there offline.
 *
 * <p>On a new workstation (no key ring yet) the server's answer creates the data folder's cache key and key ring, and
 * the key is left with the server under the ring's random cache id. A colleague of the same agency logging in there
 * for the first time gets the key back from the server (only after logging in) and is added to the ring; so is a user
 * whose password was changed on the server. The ring entry — the cache key wrapped with a key derived from the
 * password — is the offline verifier from then on; the password itself is never stored.
 */
public final class WorkstationEnrolment {
    private final Path dataDir;
    private final SyncClient client;
    private final String workstationId;
    private final Locale locale;

    /** The unlocked cache key and the user's account as the server holds it (roles, agency). */
    public record Enrolled(CacheKey key, User user) {
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
            ring.addUser(username, password, key);
            return new Enrolled(key, user);
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
        ring.addUser(username, password, key);
        return new Enrolled(key, user);
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
