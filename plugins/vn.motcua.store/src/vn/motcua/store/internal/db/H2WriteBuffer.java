package vn.motcua.store.internal.db;

import java.lang.reflect.Field;
import java.sql.Connection;

/**
 * How much changed data H2 keeps in memory before it writes pages in the middle of a transaction.
 *
 * <p>H2's MVStore writes every changed page once its estimate of unsaved memory passes a fixed 19 MB, whether or
 * not the transaction has committed; H2 does not expose the MVStore's {@code autoCommitBufferSize} in its URL. A
 * pulled page of 1,000 dossiers passes that mark about six times (the estimate counts a page again at each change),
 * and each mid-transaction write re-encrypts every leaf that the scattered index entries of the last few hundred
 * dossiers touched (search tokens, citizen IDs, phones): storing a 100,000-dossier first sync wrote 890 MB and took
 * 42 s; with this buffer 334 MB and 25 s (a probe of the store's first-sync path; docs/benchmarks.md). Commits still write at once (WRITE_DELAY=0), so durability is
 * unchanged: only writes of not-yet-committed data are saved.
 *
 * <p>The setting is not public, so it is set by reflection, and failing that the cache works as before (slower bulk
 * loads); {@link #current} lets a test see which happened.
 */
public final class H2WriteBuffer {
    /** The MVStore estimate allowed before a mid-transaction write: one pulled page of 1,000 dossiers fits. */
    public static final int BYTES = 128 << 20;

    private H2WriteBuffer() {
    }

    /** Sets the buffer of the H2 database behind {@code c}; false (and the cache as it was) when H2 does not let us. */
    public static boolean widen(Connection c) {
        try {
            Object store = mvStore(c);
            Field f = store.getClass().getDeclaredField("autoCommitMemory");
            f.setAccessible(true);
            if (f.getInt(store) < BYTES) {
                f.setInt(store, BYTES);
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | java.sql.SQLException e) {
            System.getLogger(H2WriteBuffer.class.getName()).log(System.Logger.Level.WARNING,
                    "H2's write buffer stays at its default (bulk loads such as a first sync will be slower): " + e);
            return false;
        }
    }

    /** The buffer in bytes of the H2 database behind {@code c} (for tests). */
    public static int current(Connection c) throws ReflectiveOperationException, java.sql.SQLException {
        Object store = mvStore(c);
        return (Integer) store.getClass().getMethod("getAutoCommitMemory").invoke(store);
    }

    /**
     * JdbcConnection → session → database → H2 store → MVStore. Reflective: H2's bundle exports none of the
     * classes in between ({@code org.h2.engine}, {@code org.h2.mvstore.db}).
     */
    private static Object mvStore(Connection c) throws ReflectiveOperationException, java.sql.SQLException {
        Object session = call(c.unwrap(org.h2.jdbc.JdbcConnection.class), "getSession");
        Object database = call(session, "getDatabase");
        Object h2Store = call(database, "getStore");
        return call(h2Store, "getMvStore");
    }

    private static Object call(Object target, String method) throws ReflectiveOperationException {
        Object out = target.getClass().getMethod(method).invoke(target);
        if (out == null) {
            throw new IllegalStateException(target.getClass().getName() + "." + method + "() is null");
        }
        return out;
    }
}
