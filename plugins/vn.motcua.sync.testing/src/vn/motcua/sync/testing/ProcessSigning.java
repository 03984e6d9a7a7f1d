package vn.motcua.sync.testing;

import java.nio.file.Path;
import java.time.Instant;

import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.LocalCache;
import vn.motcua.store.UserKey;
import vn.motcua.sync.SyncClient;

/**
 * A workstation process of the tests (feeder, kill storm) signs its user's changes as the product does: the user's key
 * kept in the data folder's key ring, so a process started again after a kill signs with the same key, and enrolled
 * with the server once, by the user's own fresh login.
 */
public final class ProcessSigning {
    private ProcessSigning() {
    }

    /** Signs the changes {@code username} makes in {@code cache} from now on; {@code client} is logged in as them by password. */
    public static UserKey signAs(LocalCache cache, Path data, CacheKey key, SyncClient client, String username, char[] password, String workstation)
            throws Exception {
        CacheKeyRing ring = CacheKeyRing.exists(data) ? CacheKeyRing.load(data) : CacheKeyRing.create(data, false);
        UserKey mine = ring.hasUser(username) ? ring.open(username, password, workstation, Instant.now()).userKey()
                : ring.addUser(username, password, key, workstation, Instant.now());
        if (!ring.enrolled(username, mine.keyId())) {
            client.enrolKey(mine.enrolment());
            ring.markEnrolled(username, mine.keyId(), Instant.now());
        }
        cache.signCommandsWith(mine);
        return mine;
    }
}
