package vn.motcua.store.internal.search;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

/**
 * The letters-only search tokens of every dossier, held in memory, so that a text search's candidates (the rarest
 * word's dossiers, from the token index) are checked against its other words without reading each candidate's row.
 * Those row reads — a page read and AES-decrypted per candidate, 15–25 thousand candidates for a common given name
 * at a million dossiers — were most of a name search's 1–6 s. About 12 tokens per dossier are held as dictionary
 * numbers (≈ 50 MB at a million dossiers); words holding a digit (codes, citizen IDs, phones) are not: they are
 * selective and stay checked in SQL.
 *
 * <p>It only ever narrows, and errs on the side of keeping: a dossier it does not know is kept, and the SQL check
 * that follows ({@link DossierSearchSql#candidateCheck}) stays the exact one. So it must hold at least every token a
 * dossier has: it is built from a snapshot in the background, and every dossier write adds its tokens
 * ({@link #written}) inside its transaction, before the commit, never removing any (a token taken away or rolled back
 * only leaves one more candidate to check). Writes since the snapshot are kept apart and folded into a new snapshot
 * once there are many of them (a first sync writes a hundred thousand).
 */
public final class SearchTokenMemory {
    /** How a snapshot reads the cache. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /**
     * Every dossier's tokens at one moment: ids ascending; the tokens of {@code ids[i]} are
     * {@code tokens[offsets[i] .. offsets[i + 1])}, numbers into {@code dictionary}, which is sorted so that the
     * tokens starting with a word are one range of numbers.
     */
    private record Snapshot(long[] ids, int[] offsets, int[] tokens, String[] dictionary) {
        /** Dictionary numbers {@code [lo, hi)} of the tokens starting with {@code word}. */
        int[] range(String word) {
            return new int[] { lowerBound(word), lowerBound(DossierSearchSql.upperBound(word)) };
        }

        private int lowerBound(String s) {
            int i = Arrays.binarySearch(dictionary, s);
            return i >= 0 ? i : -i - 1;
        }
    }

    /** Tokens a write added after a snapshot's mark; {@code seq} orders them against the next snapshot. */
    private record Written(long seq, String[] tokens) {
    }

    private final ConnectionSource connections;
    private final Lock writeLock;
    private final AtomicLong writes = new AtomicLong();
    private final ConcurrentHashMap<Long, Written> written = new ConcurrentHashMap<>();
    /** Words seen in writes, shared so each write holds references, not copies. */
    private final ConcurrentHashMap<String, String> words = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;
    private volatile boolean closed;
    private volatile int refoldAfter = 50_000;
    private Thread builder;
    private volatile Throwable lastFailure;

    /**
     * @param writeLock the cache's writer lock: every {@link #written} call happens while a writer holds it, so
     *                  taking it once tells which writes have ended (and are therefore in a snapshot started after)
     */
    public SearchTokenMemory(ConnectionSource connections, Lock writeLock) {
        this.connections = connections;
        this.writeLock = writeLock;
    }

    /** Starts building the first snapshot in the background (the cache is usable meanwhile: searches use SQL). */
    public synchronized void start() {
        if (builder == null && !closed) {
            refold();
        }
    }

    /** Stops a build under way and waits for it (the cache is closing). */
    public void close() {
        closed = true;
        Thread b;
        synchronized (this) {
            b = builder;
        }
        if (b != null) {
            try {
                b.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once a snapshot exists: from then on {@link #narrow} narrows. */
    public boolean ready() {
        return snapshot != null;
    }

    /** Waits up to {@code millis} for {@link #ready()} (tests, benchmarks). */
    public boolean awaitReady(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!ready() && System.nanoTime() < end) {
            if (lastFailure != null) {
                throw new IllegalStateException("search token memory failed to build", lastFailure);
            }
            Thread.sleep(20);
        }
        return ready();
    }

    /** Below this many dossiers written since the snapshot they are kept apart; above, a new snapshot folds them in. */
    public void refoldAfter(int n) {
        refoldAfter = n;
    }

    /** Dossiers written since the snapshot and not folded into one yet. */
    public int writtenSinceSnapshot() {
        return written.size();
    }

    /** Whether a new snapshot is being built. */
    public synchronized boolean building() {
        return builder != null;
    }

    /**
     * A dossier write's tokens, added to what is known of the dossier. Call inside the write's transaction, under the
     * cache's writer lock, before it commits.
     */
    public void written(long id, Collection<String> tokens) {
        String[] letters = tokens.stream().filter(SearchTokenMemory::held).map(t -> words.computeIfAbsent(t, k -> k)).toArray(String[]::new);
        long seq = writes.incrementAndGet();
        written.merge(id, new Written(seq, letters), (old, now) -> {
            String[] both = java.util.stream.Stream.concat(Arrays.stream(old.tokens()), Arrays.stream(now.tokens())).distinct()
                    .toArray(String[]::new);
            return new Written(now.seq(), both);
        });
        if (written.size() > refoldAfter && snapshot != null) {
            synchronized (this) {
                if (builder == null && !closed) {
                    refold();
                }
            }
        }
    }

    /** Tokens held here: letters only (a word with a digit is a code, an ID or a phone). */
    static boolean held(String token) {
        return token.chars().noneMatch(Character::isDigit);
    }

    /**
     * The candidates that may have, for every one of {@code words}, a token starting with it — all of them while no
     * snapshot exists. Words with a digit are left to SQL.
     */
    public long[] narrow(long[] candidates, List<String> words) {
        Snapshot s = snapshot;
        List<String> checked = words.stream().filter(SearchTokenMemory::held).toList();
        if (s == null || checked.isEmpty()) {
            return candidates;
        }
        int[][] ranges = new int[checked.size()][];
        for (int w = 0; w < ranges.length; w++) {
            ranges[w] = s.range(checked.get(w));
        }
        long[] out = new long[candidates.length];
        int n = 0;
        for (long id : candidates) {
            int at = Arrays.binarySearch(s.ids(), id);
            Written since = written.get(id);
            boolean keep = at < 0 && since == null; // unknown here: keep it for SQL to decide
            if (!keep) {
                keep = true;
                for (int w = 0; w < ranges.length && keep; w++) {
                    keep = (at >= 0 && hasTokenIn(s, at, ranges[w])) || (since != null && hasPrefix(since.tokens(), checked.get(w)));
                }
            }
            if (keep) {
                out[n++] = id;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean hasTokenIn(Snapshot s, int at, int[] range) {
        for (int i = s.offsets()[at]; i < s.offsets()[at + 1]; i++) {
            int t = s.tokens()[i];
            if (t >= range[0] && t < range[1]) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasPrefix(String[] tokens, String word) {
        for (String t : tokens) {
            if (t.startsWith(word)) {
                return true;
            }
        }
        return false;
    }

    /** Builds a new snapshot on a background thread; the caller holds this object's monitor. */
    private void refold() {
        builder = new Thread(() -> {
            try {
                build();
            } catch (Throwable e) {
                // Searches keep working through SQL; the failure is kept for awaitReady to report.
                lastFailure = e;
            } finally {
                synchronized (this) {
                    builder = null;
                }
            }
        }, "motcua-search-token-memory");
        builder.setDaemon(true);
        builder.setPriority(Thread.MIN_PRIORITY);
        builder.start();
    }

    private void build() throws SQLException {
        // Every write that ends before the lock is taken is in the snapshot read after it: those Written entries
        // can go once the new snapshot is in place. Later ones stay.
        long mark;
        writeLock.lock();
        try {
            mark = writes.get();
        } finally {
            writeLock.unlock();
        }
        Map<String, Integer> numbers = new HashMap<>();
        List<String> byNumber = new java.util.ArrayList<>();
        long[] ids = new long[1024];
        int[] offsets = new int[1025];
        int[] tokens = new int[16 * 1024];
        int n = 0;
        int t = 0;
        try (Connection c = connections.get(); Statement st = c.createStatement()) {
            // Lazy: rows stream from the table instead of being gathered first.
            st.execute("SET LAZY_QUERY_EXECUTION TRUE");
            try (ResultSet r = st.executeQuery("SELECT id, search_text FROM dossier ORDER BY id")) {
                while (r.next()) {
                    if (closed) {
                        return;
                    }
                    if (n + 1 >= ids.length) {
                        ids = Arrays.copyOf(ids, ids.length * 2);
                        offsets = Arrays.copyOf(offsets, offsets.length * 2);
                    }
                    ids[n] = r.getLong(1);
                    for (String token : r.getString(2).split(" ")) {
                        if (token.isEmpty() || !held(token)) {
                            continue;
                        }
                        Integer number = numbers.get(token);
                        if (number == null) {
                            number = byNumber.size();
                            numbers.put(token, number);
                            byNumber.add(token);
                        }
                        if (t == tokens.length) {
                            tokens = Arrays.copyOf(tokens, tokens.length * 2);
                        }
                        tokens[t++] = number;
                    }
                    offsets[++n] = t;
                }
            } finally {
                st.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
        // Renumber in dictionary order, so the tokens starting with a word are one range of numbers.
        String[] dictionary = byNumber.toArray(String[]::new);
        Arrays.sort(dictionary);
        int[] renumber = new int[dictionary.length];
        for (int i = 0; i < dictionary.length; i++) {
            renumber[numbers.get(dictionary[i])] = i;
        }
        for (int i = 0; i < t; i++) {
            tokens[i] = renumber[tokens[i]];
        }
        snapshot = new Snapshot(Arrays.copyOf(ids, n), Arrays.copyOf(offsets, n + 1), Arrays.copyOf(tokens, t), dictionary);
        written.values().removeIf(w -> w.seq() <= mark);
        words.keySet().retainAll(written.values().stream().flatMap(w -> Arrays.stream(w.tokens())).collect(java.util.stream.Collectors.toSet()));
    }
}
