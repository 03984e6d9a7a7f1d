package vn.motcua.store.internal.search;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

/**
 * Every dossier's letters-only search tokens and reception time, held in memory, so a text search is answered
 * without reading each candidate's row. Those row reads — a page read and AES-decrypted per candidate, 15–25
 * thousand candidates for a common given name at a million dossiers — were most of a name search's 1–6 s. About 12
 * tokens per dossier are held as dictionary numbers (≈ 60 MB with the times at a million dossiers); words holding a
 * digit (codes, citizen IDs, phones) are not: they are selective and stay with SQL.
 *
 * <p>Two uses: {@link #answer} orders a plain text search (no other filter, newest first or by relevance) entirely
 * here, so only the shown page's rows are read; {@link #narrow} drops the candidates of a filtered search that cannot
 * match before SQL checks the rest. The tokens are those of {@code dossier.search_text}, which the SQL check reads,
 * so both give the same answer as the SQL-only path.
 *
 * <p>Kept exact: a snapshot is built in the background after the cache opens; each dossier write tells its new
 * tokens ({@link #written}) or removal ({@link #removed}) inside its transaction, and they take effect when it
 * commits ({@link #committed}; dropped on {@link #rolledBack}). Writes since the snapshot are kept apart and folded
 * into a new snapshot once there are many (a first sync writes a hundred thousand). A dossier it does not know —
 * briefly possible between a commit and {@link #committed} — makes it decline: the caller takes the SQL path.
 */
public final class SearchTokenMemory {
    /** How a snapshot reads the cache. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /** Codes of dossiers, by id: breaks ties of reception time (same microsecond) as the SQL order does. */
    @FunctionalInterface
    public interface Codes {
        Map<Long, String> of(long[] ids) throws SQLException;
    }

    /** "Never received" (a draft): lowest, as H2 sorts NULL. */
    static final long NO_TIME = Long.MIN_VALUE;

    /**
     * Every dossier's tokens at one moment: ids ascending; the tokens of {@code ids[i]} are
     * {@code tokens[offsets[i] .. offsets[i + 1])}, numbers into {@code dictionary}, which is sorted so that the
     * tokens starting with a word are one range of numbers; {@code received[i]} in microseconds.
     */
    private record Snapshot(long[] ids, int[] offsets, int[] tokens, long[] received, String[] dictionary, long[] cumulative) {
        /** Dossiers (at most: a dossier may hold several) having a token starting with {@code word}. */
        long dossiersWith(String word) {
            int[] r = range(word);
            return cumulative[r[1]] - cumulative[r[0]];
        }

        /** Dictionary numbers {@code [lo, hi)} of the tokens starting with {@code word}. */
        int[] range(String word) {
            return new int[] { lowerBound(word), lowerBound(DossierSearchSql.upperBound(word)) };
        }

        /** Dictionary number of exactly {@code word}, or -1. */
        int exact(String word) {
            int i = Arrays.binarySearch(dictionary, word);
            return i >= 0 ? i : -1;
        }

        private int lowerBound(String s) {
            int i = Arrays.binarySearch(dictionary, s);
            return i >= 0 ? i : -i - 1;
        }
    }

    /** A dossier as written since the snapshot (null tokens: removed); {@code seq} orders it against the next snapshot. */
    private record Written(long seq, String[] tokens, long received) {
    }

    private record Pending(long id, String[] tokens, long received) {
    }

    private final ConnectionSource connections;
    private final Lock writeLock;
    private final AtomicLong writes = new AtomicLong();
    private final ConcurrentHashMap<Long, Written> written = new ConcurrentHashMap<>();
    /** Writes of the transaction under way (one writer at a time: the cache's writer lock). */
    private final List<Pending> pending = new ArrayList<>();
    /** Words seen in writes, shared so each write holds references, not copies. */
    private final ConcurrentHashMap<String, String> words = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;
    private volatile boolean closed;
    private volatile int refoldAfter = 50_000;
    private Thread builder;
    private volatile Throwable lastFailure;

    /**
     * @param writeLock the cache's writer lock: every write is told under it, so taking it once tells which writes
     *                  have ended (and are therefore in a snapshot started after)
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

    /** True once a snapshot exists. */
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

    /** Above this many dossiers written since the snapshot, a new snapshot folds them in. */
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
     * A dossier's tokens and reception time as a write leaves them; in effect when the write commits. Call inside
     * the write's transaction (under the cache's writer lock).
     */
    public void written(long id, Collection<String> tokens, Instant receivedAt) {
        // What search_text holds (it is cut at its column size), so this answers as the SQL check does.
        String text = SearchTokens.searchText(new java.util.LinkedHashSet<>(tokens));
        String[] letters = Arrays.stream(text.split(" ")).filter(t -> !t.isEmpty() && held(t)).map(t -> words.computeIfAbsent(t, k -> k))
                .toArray(String[]::new);
        pending.add(new Pending(id, letters, micros(receivedAt)));
    }

    /** A dossier deleted by a write; in effect when it commits. */
    public void removed(long id) {
        pending.add(new Pending(id, null, NO_TIME));
    }

    /** The writes told since the last commit or rollback took effect (call after the commit, under the writer lock). */
    public void committed() {
        for (Pending p : pending) {
            written.put(p.id(), new Written(writes.incrementAndGet(), p.tokens(), p.received()));
        }
        pending.clear();
        if (written.size() > refoldAfter && snapshot != null) {
            synchronized (this) {
                if (builder == null && !closed) {
                    refold();
                }
            }
        }
    }

    /** The writes told since the last commit were rolled back. */
    public void rolledBack() {
        pending.clear();
    }

    /** Tokens held here: letters only (a word with a digit is a code, an ID or a phone). */
    static boolean held(String token) {
        return token.chars().noneMatch(Character::isDigit);
    }

    /** One known dossier: where it is in the snapshot (or -1) and what was written since (or null). */
    private record Known(int at, Written since) {
        boolean removed() {
            return since != null && since.tokens() == null;
        }
    }

    private Known known(Snapshot s, long id) {
        Written since = written.get(id);
        int at = since != null ? -1 : Arrays.binarySearch(s.ids(), id);
        return since == null && at < 0 ? null : new Known(at, since);
    }

    /**
     * The candidates that may have, for every one of {@code words}, a token starting with it — all of them while no
     * snapshot exists. Words with a digit are left to SQL; a dossier not known here is kept.
     */
    public long[] narrow(long[] candidates, List<String> words) {
        Snapshot s = snapshot;
        List<String> checked = words.stream().filter(SearchTokenMemory::held).toList();
        if (s == null || checked.isEmpty()) {
            return candidates;
        }
        Matcher m = new Matcher(s, checked);
        long[] out = new long[candidates.length];
        int n = 0;
        for (long id : candidates) {
            Known k = known(s, id);
            if (k == null || (!k.removed() && m.matchesAll(k))) {
                out[n++] = id;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * A plain text search answered here: of {@code candidates} (the dossiers having a token starting with
     * {@code words.get(0)}), those having a token starting with every other word, in list order — by relevance (how
     * many words are whole tokens, then newest) or newest first; ties of reception time by code, descending, as
     * {@link DossierSearchSql#orderBy}. Null when it cannot answer exactly (no snapshot yet, a word with a digit
     * beyond the first, a dossier it does not know): the caller takes the SQL path.
     */
    public long[] answer(long[] candidates, List<String> words, boolean byRelevance, Codes codes) throws SQLException {
        Snapshot s = snapshot;
        return s == null ? null : answer(s, candidates, words, 1, byRelevance, codes);
    }

    /**
     * A plain text search of letter words answered from memory alone, without the token index: every dossier is
     * checked here (rarest word first, so most fail at once — ~20 ms at a million dossiers), which also serves a
     * search of common words only ("nguyen van") exactly. Null while there is no snapshot or a word holds a digit.
     */
    public long[] answerAll(List<String> words, boolean byRelevance, Codes codes) throws SQLException {
        Snapshot s = snapshot;
        if (s == null || words.isEmpty() || words.stream().anyMatch(w -> !held(w))) {
            return null;
        }
        List<String> rarestFirst = new ArrayList<>(words);
        rarestFirst.sort(java.util.Comparator.comparingLong(s::dossiersWith));
        Matcher m = new Matcher(s, rarestFirst);
        long[] since = written.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        Matches found = new Matches();
        long[] ids = s.ids();
        for (int at = 0, w = 0; at < ids.length; at++) {
            while (w < since.length && since[w] < ids[at]) {
                w++;
            }
            if (w < since.length && since[w] == ids[at]) {
                continue; // written since: checked below
            }
            if (m.matchesAt(at)) {
                found.add(ids[at], s.received()[at], byRelevance ? wholeWords(s, new Known(at, null), words) : 0);
            }
        }
        for (Map.Entry<Long, Written> e : written.entrySet()) {
            Known k = new Known(-1, e.getValue());
            if (!k.removed() && m.matchesAll(k)) {
                found.add(e.getKey(), e.getValue().received(), byRelevance ? wholeWords(s, k, words) : 0);
            }
        }
        return found.ordered(codes);
    }

    /** The answer over {@code candidates}, which already match the words before {@code checkFrom}. */
    private long[] answer(Snapshot s, long[] candidates, List<String> words, int checkFrom, boolean byRelevance, Codes codes)
            throws SQLException {
        List<String> others = words.subList(checkFrom, words.size());
        if (others.stream().anyMatch(w -> !held(w)) || (byRelevance && words.stream().anyMatch(w -> !held(w)))) {
            return null;
        }
        Matcher m = new Matcher(s, others);
        Matches found = new Matches();
        for (long id : candidates) {
            Known k = known(s, id);
            if (k == null) {
                return null;
            }
            if (!k.removed() && m.matchesAll(k)) {
                found.add(id, k.since() != null ? k.since().received() : s.received()[k.at()], byRelevance ? wholeWords(s, k, words) : 0);
            }
        }
        return found.ordered(codes);
    }

    /** Matching dossiers with what orders them: relevance score, then reception time, newest first. */
    private static final class Matches {
        private long[] ids = new long[256];
        private long[] received = new long[256];
        private int[] score = new int[256];
        private int n;

        void add(long id, long time, int points) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                received = Arrays.copyOf(received, n * 2);
                score = Arrays.copyOf(score, n * 2);
            }
            ids[n] = id;
            received[n] = time;
            score[n] = points;
            n++;
        }

        /** The ids in list order; runs of equal score and time (the same microsecond) in code order, descending. */
        long[] ordered(Codes codes) throws SQLException {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Comparator<Integer> cmp = java.util.Comparator.<Integer>comparingInt(i -> -score[i]).thenComparing(i -> received[i],
                    java.util.Comparator.reverseOrder());
            Arrays.sort(order, cmp);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = ids[order[i]];
            }
            for (int from = 0; from < n;) {
                int to = from + 1;
                while (to < n && cmp.compare(order[from], order[to]) == 0) {
                    to++;
                }
                if (to - from > 1) {
                    long[] run = Arrays.copyOfRange(out, from, to);
                    Map<Long, String> code = codes.of(run);
                    Long[] boxed = Arrays.stream(run).boxed().toArray(Long[]::new);
                    Arrays.sort(boxed, java.util.Comparator.comparing((Long id) -> code.getOrDefault(id, "")).reversed());
                    for (int i = 0; i < boxed.length; i++) {
                        out[from + i] = boxed[i];
                    }
                }
                from = to;
            }
            return out;
        }
    }

    /** How many of {@code words} are whole tokens of the dossier. */
    private static int wholeWords(Snapshot s, Known k, List<String> words) {
        int n = 0;
        for (String w : words) {
            if (k.since() != null ? Arrays.asList(k.since().tokens()).contains(w) : hasToken(s, k.at(), s.exact(w))) {
                n++;
            }
        }
        return n;
    }

    private static boolean hasToken(Snapshot s, int at, int number) {
        for (int i = s.offsets()[at]; number >= 0 && i < s.offsets()[at + 1]; i++) {
            if (s.tokens()[i] == number) {
                return true;
            }
        }
        return false;
    }

    /** Checks words (letters only) against known dossiers. */
    private static final class Matcher {
        private final Snapshot s;
        private final List<String> words;
        private final int[][] ranges;

        Matcher(Snapshot s, List<String> words) {
            this.s = s;
            this.words = words;
            this.ranges = new int[words.size()][];
            for (int w = 0; w < ranges.length; w++) {
                ranges[w] = s.range(words.get(w));
            }
        }

        boolean matchesAt(int at) {
            for (int[] range : ranges) {
                if (!hasTokenIn(at, range)) {
                    return false;
                }
            }
            return true;
        }

        boolean matchesAll(Known k) {
            for (int w = 0; w < ranges.length; w++) {
                if (k.since() != null ? !hasPrefix(k.since().tokens(), words.get(w)) : !hasTokenIn(k.at(), ranges[w])) {
                    return false;
                }
            }
            return true;
        }

        private boolean hasTokenIn(int at, int[] range) {
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
    }

    private static long micros(Instant i) {
        // Rounded to the microsecond, as H2 stores TIMESTAMP(6): a time written since the snapshot compares as stored.
        return i == null ? NO_TIME : i.getEpochSecond() * 1_000_000 + (i.getNano() + 500) / 1_000;
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
        // Every write that took effect before the lock is taken has committed, so it is in the snapshot read after:
        // those Written entries can go once the new snapshot is in place. Later ones stay.
        long mark;
        writeLock.lock();
        try {
            mark = writes.get();
        } finally {
            writeLock.unlock();
        }
        Map<String, Integer> numbers = new HashMap<>();
        List<String> byNumber = new ArrayList<>();
        long[] ids = new long[1024];
        long[] received = new long[1024];
        int[] offsets = new int[1025];
        int[] tokens = new int[16 * 1024];
        int n = 0;
        int t = 0;
        try (Connection c = connections.get(); Statement st = c.createStatement()) {
            // Lazy: rows stream from the table instead of being gathered first.
            st.execute("SET LAZY_QUERY_EXECUTION TRUE");
            try (ResultSet r = st.executeQuery("SELECT id, search_text, received_at FROM dossier ORDER BY id")) {
                while (r.next()) {
                    if (closed) {
                        return;
                    }
                    if (n + 1 >= ids.length) {
                        ids = Arrays.copyOf(ids, ids.length * 2);
                        received = Arrays.copyOf(received, received.length * 2);
                        offsets = Arrays.copyOf(offsets, offsets.length * 2);
                    }
                    ids[n] = r.getLong(1);
                    received[n] = micros(ListSearch.instant(r.getObject(3)));
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
        // Entries per token, summed in dictionary order: a word's count is one subtraction (which word drives).
        long[] cumulative = new long[dictionary.length + 1];
        for (int i = 0; i < t; i++) {
            cumulative[tokens[i] + 1]++;
        }
        for (int i = 0; i < dictionary.length; i++) {
            cumulative[i + 1] += cumulative[i];
        }
        snapshot = new Snapshot(Arrays.copyOf(ids, n), Arrays.copyOf(offsets, n + 1), Arrays.copyOf(tokens, t), Arrays.copyOf(received, n),
                dictionary, cumulative);
        // A removed entry (null tokens) stays until a snapshot without the dossier: this one, if it is past the mark.
        written.values().removeIf(w -> w.seq() <= mark);
        words.keySet().retainAll(written.values().stream().filter(w -> w.tokens() != null).flatMap(w -> Arrays.stream(w.tokens()))
                .collect(java.util.stream.Collectors.toSet()));
    }
}
