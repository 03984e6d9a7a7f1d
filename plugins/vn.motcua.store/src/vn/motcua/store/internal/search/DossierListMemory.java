package vn.motcua.store.internal.search;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;

import vn.motcua.core.model.DeadlineClass;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.DossierFilter;

/**
 * What the dossier list searches, filters and orders by, for every dossier, held in memory: the letters-only search
 * tokens (as dictionary numbers, ~12 a dossier, and the other way round: each token's dossiers), reception and due
 * times, status, procedure and assignee — about 140 MB at a million dossiers. At that size a list query that reads candidate rows pays a page read and an AES
 * decryption per row (H2's encrypted file): 1–6 s for a name, 4–13 s for a filtered list. Here the same query is a
 * walk of arrays (the rarest word's dossiers, or every dossier's status for a list without text: ~10–20 ms at a
 * million) and only the shown page's rows are read. Words with a digit (codes,
 * citizen IDs, phones) are not held: they are selective and stay with SQL, which {@link #narrow} helps.
 *
 * <p>It must give exactly what the SQL path gives: the tokens are those of {@code dossier.search_text}, which the SQL
 * checks read; the deadline classes come from {@link DeadlineClass#of}, the rule the SQL filter mirrors; ties of
 * time are ordered by code, fetched for them. A snapshot is built in the background after the cache opens; each
 * dossier write tells the new columns ({@link #written}) or the removal ({@link #removed}) inside its transaction,
 * and they take effect when it commits ({@link #committed}; dropped on {@link #rolledBack}). Writes since the
 * snapshot are kept apart and folded into a new snapshot once there are many (a first sync writes a hundred
 * thousand). Until the first snapshot, and for what it does not hold, it declines and the SQL path answers.
 */
public final class DossierListMemory {
    /** How a snapshot reads the cache. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection get() throws SQLException;
    }

    /** Codes of dossiers, by id: breaks ties of time as the SQL order does. */
    @FunctionalInterface
    public interface Codes {
        Map<Long, String> of(long[] ids) throws SQLException;
    }

    /** The list's columns of one dossier as a write leaves it ({@code searchText}: the row's {@code search_text}). */
    public record Columns(String searchText, Instant received, String status, Instant due, String procedureCode,
            String assignee) {
    }

    /** "No time" (a draft's reception, a dossier without due date): lowest, as H2 sorts NULL. */
    static final long NO_TIME = Long.MIN_VALUE;
    private static final DossierStatus[] STATUSES = DossierStatus.values();

    /**
     * Every dossier at one moment: ids ascending; the tokens of {@code ids[i]} are
     * {@code tokens[offsets[i] .. offsets[i + 1])}, numbers into {@code dictionary}, which is sorted so that the
     * tokens starting with a word are one range of numbers; times in microseconds; procedure and assignee as
     * numbers into {@code procedures} and {@code assignees} (-1: none). {@code newest}, {@code soonest} and {@code byCode}
     * are the positions in the three list orders (received newest first, due soonest first, ties by code; by code),
     * read off the order indexes when the snapshot was built, so a list without text is a filtered walk, not a sort.
     */
    private record Snapshot(long[] ids, int[] offsets, int[] tokens, String[] dictionary, long[] cumulative, int[] postings, long[] received,
            long[] due, byte[] status, int[] procedure, String[] procedures, int[] assignee, String[] assignees, int[] newest, int[] soonest,
            int[] byCode) {
        /**
         * Positions of the dossiers having a token starting with {@code word}, ascending: the tokens' postings
         * ({@code postings[cumulative[t] .. cumulative[t + 1])} for token number t) merged through a bit set, as a
         * dossier may hold several tokens of the range.
         */
        int[] positionsWith(String word) {
            int[] r = range(word);
            long[] bits = new long[(ids.length + 63) >>> 6];
            int marked = 0;
            for (int p = (int) cumulative[r[0]]; p < (int) cumulative[r[1]]; p++) {
                int at = postings[p];
                bits[at >>> 6] |= 1L << at;
                marked++;
            }
            int[] out = new int[marked];
            int n = 0;
            for (int w = 0; w < bits.length; w++) {
                for (long b = bits[w]; b != 0; b &= b - 1) {
                    out[n++] = (w << 6) + Long.numberOfTrailingZeros(b);
                }
            }
            return Arrays.copyOf(out, n);
        }

        /** Dictionary numbers {@code [lo, hi)} of the tokens starting with {@code word}. */
        int[] range(String word) {
            return new int[] { lowerBound(dictionary, word), lowerBound(dictionary, DossierSearchSql.upperBound(word)) };
        }

        /** Dossiers (at most: a dossier may hold several) having a token starting with {@code word}. */
        long dossiersWith(String word) {
            int[] r = range(word);
            return cumulative[r[1]] - cumulative[r[0]];
        }

        /** Dictionary number of exactly {@code word}, or -1. */
        int exact(String word) {
            int i = Arrays.binarySearch(dictionary, word);
            return i >= 0 ? i : -1;
        }

        boolean hasToken(int at, int number) {
            for (int i = offsets[at]; number >= 0 && i < offsets[at + 1]; i++) {
                if (tokens[i] == number) {
                    return true;
                }
            }
            return false;
        }

        boolean hasTokenIn(int at, int[] range) {
            for (int i = offsets[at]; i < offsets[at + 1]; i++) {
                int t = tokens[i];
                if (t >= range[0] && t < range[1]) {
                    return true;
                }
            }
            return false;
        }
    }

    private static int lowerBound(String[] sorted, String s) {
        int i = Arrays.binarySearch(sorted, s);
        return i >= 0 ? i : -i - 1;
    }

    /** One dossier as written since the snapshot, in memory's terms. */
    private record Row(String[] tokens, long received, long due, byte status, String procedure, String assignee) {
        boolean hasPrefix(String word) {
            for (String t : tokens) {
                if (t.startsWith(word)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A write since the snapshot (null row: removed); {@code seq} orders it against the next snapshot. */
    private record Written(long seq, Row row) {
    }

    private record Pending(long id, Row row) {
    }

    private final ConnectionSource connections;
    private final Lock writeLock;
    private final AtomicLong writes = new AtomicLong();
    private final ConcurrentHashMap<Long, Written> written = new ConcurrentHashMap<>();
    /** Writes of the transaction under way (one writer at a time: the cache's writer lock). */
    private final List<Pending> pending = new ArrayList<>();
    /** Strings seen in writes, shared so each write holds references, not copies. */
    private final ConcurrentHashMap<String, String> strings = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;
    /**
     * The whole list, newest first, with reception times: read first when the cache opens (the order index alone,
     * seconds at a million), so the list opened at launch pages at once before the full snapshot (tens of seconds)
     * is built. Dropped when the snapshot is in place.
     */
    private record EarlyOrder(long[] ids, long[] received) {
    }

    private volatile EarlyOrder early;
    private volatile boolean closed;
    private volatile int refoldAfter = 50_000;
    private Thread builder;
    private volatile Throwable lastFailure;

    /**
     * @param writeLock the cache's writer lock: every write is told under it, so taking it once tells which writes
     *                  have ended (and are therefore in a snapshot started after)
     */
    public DossierListMemory(ConnectionSource connections, Lock writeLock) {
        this.connections = connections;
        this.writeLock = writeLock;
    }

    /** Starts building the first snapshot in the background (the cache is usable meanwhile: lists use SQL). */
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

    /** Reads the early order now, on this thread, without building a snapshot (tests of the early stage). */
    public void readEarlyOrder() throws SQLException {
        early = earlyOrder();
    }

    /** How much it can answer: 0 nothing yet, 1 the whole list newest first, 2 every list it answers. */
    public int stage() {
        return snapshot != null ? 2 : early != null ? 1 : 0;
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
                throw new IllegalStateException("the dossier list memory failed to build", lastFailure);
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
     * A dossier's columns as a write leaves them; in effect when the write commits. Call inside the write's
     * transaction (under the cache's writer lock).
     */
    public void written(long id, Columns c) {
        // The very search_text written (cut at its column size), so this answers as the SQL check does.
        String[] letters = Arrays.stream(c.searchText().split(" ")).filter(t -> !t.isEmpty() && held(t)).map(this::shared).toArray(String[]::new);
        pending.add(new Pending(id, new Row(letters, micros(c.received()), micros(c.due()), (byte) DossierStatus.valueOf(c.status()).ordinal(),
                shared(c.procedureCode()), shared(c.assignee()))));
    }

    private String shared(String s) {
        return s == null ? null : strings.computeIfAbsent(s, k -> k);
    }

    /** A dossier deleted by a write; in effect when it commits. */
    public void removed(long id) {
        pending.add(new Pending(id, null));
    }

    /** The writes told since the last commit or rollback take effect (call after the commit, under the writer lock). */
    public void committed() {
        for (Pending p : pending) {
            written.put(p.id(), new Written(writes.incrementAndGet(), p.row()));
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

    /**
     * The candidates that may have, for every one of {@code words}, a token starting with it — all of them while no
     * snapshot exists. Words with a digit are left to SQL; a dossier not known here is kept.
     */
    public long[] narrow(long[] candidates, List<String> words) {
        Snapshot s = snapshot;
        List<String> checked = words.stream().filter(DossierListMemory::held).toList();
        if (s == null || checked.isEmpty()) {
            return candidates;
        }
        Check check = new Check(s, checked, null, null);
        long[] out = new long[candidates.length];
        int n = 0;
        for (long id : candidates) {
            Written since = written.get(id);
            int at = since != null ? -1 : Arrays.binarySearch(s.ids(), id);
            boolean keep = since == null && at < 0 // unknown here: SQL decides
                    || (since != null ? since.row() != null && check.row(since.row()) : check.at(at));
            if (keep) {
                out[n++] = id;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The dossiers of a list query in list order, answered here: the dossiers having the query's rarest word (from its
     * postings) are checked against the other words and the filter, then ordered; without text, the dossiers in list
     * order are checked against the filter (the whole list of a million in a few milliseconds, and any page of it
     * at once — SQL's OFFSET walks the order index up to the page: seconds deep in a million). Null when it cannot
     * answer exactly — no snapshot yet, a word with a digit, a text search ordered by code, or a list in code order
     * with more than {@link #CODE_ORDER_WRITES} matching dossiers written since the snapshot: the caller takes SQL.
     *
     * @param fieldCodes the codes of the filter's field's procedures (null: no field filter)
     */
    public long[] answer(List<String> words, DossierFilter f, Set<String> fieldCodes, Codes codes) throws SQLException {
        Snapshot s = snapshot;
        if (s == null) {
            EarlyOrder e = early;
            boolean newest = f.sort() == DossierFilter.Sort.RECEIVED_NEWEST || f.sort() == DossierFilter.Sort.RELEVANCE;
            return e != null && newest && ListSearch.wholeList(f) ? wholeListNewest(e, codes) : null;
        }
        if (words.stream().anyMatch(w -> !held(w))) {
            return null;
        }
        if (words.isEmpty()) {
            return inListOrder(s, f, fieldCodes, codes);
        }
        if (f.sort() == DossierFilter.Sort.CODE) {
            return null;
        }
        List<String> rarestFirst = new ArrayList<>(words);
        rarestFirst.sort(Comparator.comparingLong(s::dossiersWith));
        Check check = new Check(s, rarestFirst, f, fieldCodes);
        boolean relevance = f.sort() == DossierFilter.Sort.RELEVANCE && !words.isEmpty();
        boolean byDue = f.sort() == DossierFilter.Sort.DUE_SOONEST;
        long[] since = written.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        Matches found = new Matches(byDue);
        long[] ids = s.ids();
        // Only the dossiers having the rarest word are looked at (its postings).
        int[] positions = s.positionsWith(rarestFirst.get(0));
        for (int k = 0, w = 0; k < positions.length; k++) {
            int at = positions[k];
            while (w < since.length && since[w] < ids[at]) {
                w++;
            }
            if (w < since.length && since[w] == ids[at]) {
                continue; // written since: checked below
            }
            if (check.at(at)) {
                found.add(ids[at], byDue ? s.due()[at] : s.received()[at], relevance ? wholeWords(s, at, words) : 0);
            }
        }
        for (Map.Entry<Long, Written> e : written.entrySet()) {
            Row r = e.getValue().row();
            if (r != null && check.row(r)) {
                found.add(e.getKey(), byDue ? r.due() : r.received(), relevance ? (int) words.stream().filter(Arrays.asList(r.tokens())::contains).count() : 0);
            }
        }
        return found.ordered(codes);
    }

    /** The whole list newest first from the early order, with the dossiers written since put in at their places. */
    private long[] wholeListNewest(EarlyOrder e, Codes codes) throws SQLException {
        if (written.isEmpty()) {
            return e.ids();
        }
        long[] out = new long[e.ids().length];
        long[] outTime = new long[out.length];
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            if (!written.containsKey(e.ids()[i])) {
                out[n] = e.ids()[i];
                outTime[n++] = e.received()[i];
            }
        }
        List<long[]> extra = new ArrayList<>();
        for (Map.Entry<Long, Written> w : written.entrySet()) {
            if (w.getValue().row() != null) {
                extra.add(new long[] { w.getKey(), w.getValue().row().received() });
            }
        }
        return extra.isEmpty() ? Arrays.copyOf(out, n) : merge(out, outTime, n, extra, DossierFilter.Sort.RECEIVED_NEWEST, codes);
    }

    /**
     * A list without text: the snapshot's dossiers in list order that meet the filter, with the matching dossiers
     * written since merged in at their places (a tie of time is settled by code, fetched for the few compared).
     */
    private long[] inListOrder(Snapshot s, DossierFilter f, Set<String> fieldCodes, Codes codes) throws SQLException {
        DossierFilter.Sort sort = f.sort() == DossierFilter.Sort.RELEVANCE ? DossierFilter.Sort.RECEIVED_NEWEST : f.sort();
        boolean byDue = sort == DossierFilter.Sort.DUE_SOONEST;
        int[] order = switch (sort) {
            case DUE_SOONEST -> s.soonest();
            case CODE -> s.byCode();
            default -> s.newest();
        };
        long[] times = byDue ? s.due() : s.received();
        Check check = new Check(s, List.of(), f, fieldCodes);
        boolean[] since = new boolean[s.ids().length];
        List<long[]> extra = new ArrayList<>(); // {id, time} of matching dossiers written since the snapshot
        for (Map.Entry<Long, Written> e : written.entrySet()) {
            int at = Arrays.binarySearch(s.ids(), e.getKey());
            if (at >= 0) {
                since[at] = true;
            }
            Row r = e.getValue().row();
            if (r != null && check.row(r)) {
                extra.add(new long[] { e.getKey(), byDue ? r.due() : r.received() });
            }
        }
        long[] out = new long[order.length];
        long[] outTime = new long[order.length];
        int n = 0;
        for (int at : order) {
            if (!since[at] && check.at(at)) {
                out[n] = s.ids()[at];
                outTime[n++] = times[at];
            }
        }
        if (extra.isEmpty()) {
            return Arrays.copyOf(out, n);
        }
        if (sort == DossierFilter.Sort.CODE && extra.size() > CODE_ORDER_WRITES) {
            return null; // each would be placed by fetching ~20 codes of the list: SQL's index is cheaper
        }
        return merge(out, outTime, n, extra, sort, codes);
    }

    /**
     * {@code out[0..n)} (in list order {@code sort}, times in {@code outTime}) with the dossiers {@code extra} ({id,
     * time}) put in at their places.
     */
    private static long[] merge(long[] out, long[] outTime, int n, List<long[]> extra, DossierFilter.Sort sort, Codes codes) throws SQLException {
        Map<Long, String> code = new HashMap<>(codes.of(extra.stream().mapToLong(e -> e[0]).toArray()));
        ListOrder listOrder = new ListOrder(sort, code, codes);
        extra.sort((a, b) -> listOrder.compare(a[1], a[0], b[1], b[0]));
        long[] merged = new long[n + extra.size()];
        int m = 0;
        int from = 0;
        for (long[] e : extra) {
            // The first of the rest that comes after e: binary search (a code is fetched only on a tie of time).
            int lo = from;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (listOrder.compare(outTime[mid], out[mid], e[1], e[0]) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            System.arraycopy(out, from, merged, m, lo - from);
            m += lo - from;
            merged[m++] = e[0];
            from = lo;
        }
        System.arraycopy(out, from, merged, m, n - from);
        return merged;
    }

    /** Most matching dossiers written since the snapshot that a list in code order places among the snapshot's. */
    static final int CODE_ORDER_WRITES = 200;

    /**
     * The list orders of {@link DossierSearchSql#orderBy} without text: time (newest or soonest first), then code; or
     * code alone.
     */
    private static final class ListOrder {
        private final DossierFilter.Sort sort;
        private final Map<Long, String> code;
        private final Codes codes;

        ListOrder(DossierFilter.Sort sort, Map<Long, String> code, Codes codes) {
            this.sort = sort;
            this.code = code;
            this.codes = codes;
        }

        int compare(long timeA, long idA, long timeB, long idB) {
            int byTime = switch (sort) {
                case DUE_SOONEST -> Long.compare(timeA, timeB);
                case CODE -> 0;
                default -> Long.compare(timeB, timeA);
            };
            if (byTime != 0 || idA == idB) {
                return byTime;
            }
            int byCode = codeOf(idA).compareTo(codeOf(idB));
            return sort == DossierFilter.Sort.RECEIVED_NEWEST ? -byCode : byCode;
        }

        private String codeOf(long id) {
            String c = code.get(id);
            if (c == null) {
                try {
                    c = codes.of(new long[] { id }).getOrDefault(id, "");
                } catch (SQLException e) {
                    throw new IllegalStateException("the codes of dossiers of equal time could not be read", e);
                }
                code.put(id, c);
            }
            return c;
        }
    }

    /** How many of {@code words} are whole tokens of the dossier at {@code at}. */
    private static int wholeWords(Snapshot s, int at, List<String> words) {
        int n = 0;
        for (String w : words) {
            if (s.hasToken(at, s.exact(w))) {
                n++;
            }
        }
        return n;
    }

    /** A list query's conditions (words and filter), on the snapshot's arrays or on a row written since. */
    private static final class Check {
        private final Snapshot s;
        private final List<String> words;
        private final int[][] ranges;
        private final boolean[] statuses;
        private final DossierFilter.Deadline deadline;
        private final String procedure;
        private final int procedureNumber;
        private final Set<String> fieldCodes;
        private final boolean[] fieldNumbers;
        private final String assignee;
        private final int assigneeNumber;
        private final long from;
        private final long to;

        Check(Snapshot s, List<String> words, DossierFilter f, Set<String> fieldCodes) {
            this.s = s;
            this.words = words;
            this.ranges = new int[words.size()][];
            for (int w = 0; w < ranges.length; w++) {
                ranges[w] = s.range(words.get(w));
            }
            if (f != null && !f.statuses().isEmpty()) {
                statuses = new boolean[STATUSES.length];
                for (String name : f.statuses()) {
                    // A status name the model does not know matches nothing, as in SQL.
                    Arrays.stream(STATUSES).filter(st -> st.name().equals(name)).forEach(st -> statuses[st.ordinal()] = true);
                }
            } else {
                statuses = null;
            }
            deadline = f == null ? null : f.deadline();
            procedure = f == null ? null : f.procedureCode();
            procedureNumber = procedure == null ? -1 : Arrays.asList(s.procedures()).indexOf(procedure);
            this.fieldCodes = fieldCodes;
            if (fieldCodes != null) {
                fieldNumbers = new boolean[s.procedures().length];
                for (int i = 0; i < fieldNumbers.length; i++) {
                    fieldNumbers[i] = fieldCodes.contains(s.procedures()[i]);
                }
            } else {
                fieldNumbers = null;
            }
            assignee = f == null ? null : f.assignee();
            assigneeNumber = assignee == null ? -1 : Arrays.asList(s.assignees()).indexOf(assignee);
            from = f == null || f.receivedFrom() == null ? NO_TIME : micros(f.receivedFrom());
            to = f == null || f.receivedTo() == null ? Long.MAX_VALUE : micros(f.receivedTo());
        }

        /** The dossier at {@code at} in the snapshot meets every condition. */
        boolean at(int at) {
            for (int[] range : ranges) {
                if (!s.hasTokenIn(at, range)) {
                    return false;
                }
            }
            return filter(s.status()[at], s.due()[at], s.received()[at])
                    && (procedure == null || s.procedure()[at] == procedureNumber && procedureNumber >= 0)
                    && (fieldNumbers == null || fieldNumbers[s.procedure()[at]])
                    && (assignee == null || s.assignee()[at] == assigneeNumber && assigneeNumber >= 0);
        }

        /** A dossier written since the snapshot meets every condition. */
        boolean row(Row r) {
            for (String w : words) {
                if (!r.hasPrefix(w)) {
                    return false;
                }
            }
            return filter(r.status(), r.due(), r.received()) && (procedure == null || procedure.equals(r.procedure()))
                    && (fieldCodes == null || fieldCodes.contains(r.procedure())) && (assignee == null || assignee.equals(r.assignee()));
        }

        private boolean filter(byte status, long due, long received) {
            if (statuses != null && !statuses[status]) {
                return false;
            }
            if (deadline != null) {
                DeadlineClass c = DeadlineClass.of(STATUSES[status], due == NO_TIME ? null : instant(due), deadline.now(), deadline.dueSoonUntil());
                if (c == null || !deadline.classes().contains(c)) {
                    return false;
                }
            }
            // received_at >= from AND received_at < to: a dossier without reception time fails any bound.
            return (from == NO_TIME && to == Long.MAX_VALUE) || (received != NO_TIME && received >= from && received < to);
        }
    }

    /** Matching dossiers with what orders them. */
    private static final class Matches {
        private final boolean byDue;
        private long[] ids = new long[256];
        private long[] time = new long[256];
        private int[] score = new int[256];
        private int n;

        /**
         * @param byDue due time ascending (no due date first), ties by code ascending; otherwise relevance score, then
         *              reception newest first (none last), ties by code descending — the orders of
         *              {@link DossierSearchSql#orderBy}
         */
        Matches(boolean byDue) {
            this.byDue = byDue;
        }

        void add(long id, long t, int points) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                time = Arrays.copyOf(time, n * 2);
                score = Arrays.copyOf(score, n * 2);
            }
            ids[n] = id;
            time[n] = t;
            score[n] = points;
            n++;
        }

        long[] ordered(Codes codes) throws SQLException {
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Comparator<Integer> cmp = byDue ? Comparator.comparingLong(i -> time[i])
                    : Comparator.<Integer>comparingInt(i -> -score[i]).thenComparing(i -> time[i], Comparator.reverseOrder());
            Arrays.sort(order, cmp);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = ids[order[i]];
            }
            // Runs of the same score and time are put in code order, fetched for them.
            for (int start = 0; start < n;) {
                int end = start + 1;
                while (end < n && cmp.compare(order[start], order[end]) == 0) {
                    end++;
                }
                if (end - start > 1) {
                    long[] run = Arrays.copyOfRange(out, start, end);
                    Map<Long, String> code = codes.of(run);
                    Comparator<Long> byCode = Comparator.comparing((Long id) -> code.getOrDefault(id, ""));
                    Long[] boxed = Arrays.stream(run).boxed().toArray(Long[]::new);
                    Arrays.sort(boxed, byDue ? byCode : byCode.reversed());
                    for (int i = 0; i < boxed.length; i++) {
                        out[start + i] = boxed[i];
                    }
                }
                start = end;
            }
            return out;
        }
    }

    private static long micros(Instant i) {
        // Rounded to the microsecond, as H2 stores TIMESTAMP(6): a time written since the snapshot compares as stored.
        return i == null ? NO_TIME : i.getEpochSecond() * 1_000_000 + (i.getNano() + 500) / 1_000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }

    /** Builds a new snapshot on a background thread; the caller holds this object's monitor. */
    private void refold() {
        builder = new Thread(() -> {
            try {
                build();
            } catch (Throwable e) {
                // Lists keep working through SQL; the failure is kept for awaitReady to report.
                lastFailure = e;
            } finally {
                synchronized (this) {
                    builder = null;
                }
            }
        }, "motcua-dossier-list-memory");
        builder.setDaemon(true);
        builder.setPriority(Thread.MIN_PRIORITY);
        builder.start();
    }

    /** Numbers for strings, in order of first appearance. */
    private static final class Numbering {
        final Map<String, Integer> numbers = new HashMap<>();
        final List<String> byNumber = new ArrayList<>();

        int of(String s) {
            if (s == null) {
                return -1;
            }
            Integer n = numbers.get(s);
            if (n == null) {
                n = byNumber.size();
                numbers.put(s, n);
                byNumber.add(s);
            }
            return n;
        }
    }

    /**
     * Positions (into {@code ids}) of the dossiers in list order {@code sort}, as SQL orders the list; a dossier
     * written meanwhile may be missing or extra here — it is in {@link #written}, which overrides the snapshot.
     * Null if the cache is closing.
     */
    private int[] order(Statement st, DossierFilter.Sort sort, long[] ids, int n) throws SQLException {
        int[] out = new int[n];
        int k = 0;
        String sql = "SELECT d.id FROM dossier d" + DossierSearchSql.orderBy(DossierFilter.all().withSort(sort), List.of(), new ArrayList<>());
        try (ResultSet r = st.executeQuery(sql)) {
            while (r.next()) {
                if (closed) {
                    return null;
                }
                int at = Arrays.binarySearch(ids, 0, n, r.getLong(1));
                if (at >= 0 && k < n) {
                    out[k++] = at;
                }
            }
        }
        return k == n ? out : Arrays.copyOf(out, k);
    }

    /** The whole list newest first with reception times, off the order index; null if the cache is closing. */
    private EarlyOrder earlyOrder() throws SQLException {
        long[] ids = new long[1024];
        long[] received = new long[1024];
        int n = 0;
        try (Connection c = connections.get(); Statement st = c.createStatement()) {
            st.execute("SET LAZY_QUERY_EXECUTION TRUE");
            String sql = "SELECT d.id, d.received_at FROM dossier d"
                    + DossierSearchSql.orderBy(DossierFilter.all().withSort(DossierFilter.Sort.RECEIVED_NEWEST), List.of(), new ArrayList<>());
            try (ResultSet r = st.executeQuery(sql)) {
                while (r.next()) {
                    if (closed) {
                        return null;
                    }
                    if (n == ids.length) {
                        ids = Arrays.copyOf(ids, n * 2);
                        received = Arrays.copyOf(received, n * 2);
                    }
                    ids[n] = r.getLong(1);
                    received[n++] = micros(ListSearch.instant(r.getObject(2)));
                }
            } finally {
                st.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
        return new EarlyOrder(Arrays.copyOf(ids, n), Arrays.copyOf(received, n));
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
        if (snapshot == null) {
            EarlyOrder first = earlyOrder();
            if (first == null) {
                return;
            }
            early = first;
        }
        Numbering words = new Numbering();
        Numbering procedures = new Numbering();
        Numbering assignees = new Numbering();
        int capacity = 1024;
        long[] ids = new long[capacity];
        long[] received = new long[capacity];
        long[] due = new long[capacity];
        byte[] status = new byte[capacity];
        int[] procedure = new int[capacity];
        int[] assignee = new int[capacity];
        int[] offsets = new int[capacity + 1];
        int[] tokens = new int[16 * 1024];
        int n = 0;
        int t = 0;
        int[] newest;
        int[] soonest;
        int[] byCode;
        try (Connection c = connections.get(); Statement st = c.createStatement()) {
            // Lazy: rows stream from the table instead of being gathered first.
            st.execute("SET LAZY_QUERY_EXECUTION TRUE");
            try (ResultSet r = st.executeQuery(
                    "SELECT id, search_text, received_at, due_at, status, procedure_code, assignee FROM dossier ORDER BY id")) {
                while (r.next()) {
                    if (closed) {
                        return;
                    }
                    if (n + 1 >= capacity) {
                        capacity *= 2;
                        ids = Arrays.copyOf(ids, capacity);
                        received = Arrays.copyOf(received, capacity);
                        due = Arrays.copyOf(due, capacity);
                        status = Arrays.copyOf(status, capacity);
                        procedure = Arrays.copyOf(procedure, capacity);
                        assignee = Arrays.copyOf(assignee, capacity);
                        offsets = Arrays.copyOf(offsets, capacity + 1);
                    }
                    ids[n] = r.getLong(1);
                    for (String token : r.getString(2).split(" ")) {
                        if (token.isEmpty() || !held(token)) {
                            continue;
                        }
                        if (t == tokens.length) {
                            tokens = Arrays.copyOf(tokens, tokens.length * 2);
                        }
                        tokens[t++] = words.of(token);
                    }
                    received[n] = micros(ListSearch.instant(r.getObject(3)));
                    due[n] = micros(ListSearch.instant(r.getObject(4)));
                    status[n] = (byte) DossierStatus.valueOf(r.getString(5)).ordinal();
                    procedure[n] = procedures.of(r.getString(6));
                    assignee[n] = assignees.of(r.getString(7));
                    offsets[++n] = t;
                }
                if (closed) {
                    return;
                }
                // The three list orders, off their indexes (index entries only, no row read).
                newest = order(st, DossierFilter.Sort.RECEIVED_NEWEST, ids, n);
                soonest = order(st, DossierFilter.Sort.DUE_SOONEST, ids, n);
                byCode = order(st, DossierFilter.Sort.CODE, ids, n);
                if (newest == null || soonest == null || byCode == null) {
                    return;
                }
            } finally {
                st.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
        // Renumber the words in dictionary order, so the tokens starting with a word are one range of numbers.
        String[] dictionary = words.byNumber.toArray(String[]::new);
        Arrays.sort(dictionary);
        int[] renumber = new int[dictionary.length];
        for (int i = 0; i < dictionary.length; i++) {
            renumber[words.numbers.get(dictionary[i])] = i;
        }
        for (int i = 0; i < t; i++) {
            tokens[i] = renumber[tokens[i]];
        }
        // Entries per token, summed in dictionary order: a word's count is one subtraction (which word to check first),
        // and where its postings start.
        long[] cumulative = new long[dictionary.length + 1];
        for (int i = 0; i < t; i++) {
            cumulative[tokens[i] + 1]++;
        }
        for (int i = 0; i < dictionary.length; i++) {
            cumulative[i + 1] += cumulative[i];
        }
        // Postings: for each token, the positions of the dossiers holding it, ascending (positions are visited in order).
        int[] postings = new int[t];
        int[] next = new int[dictionary.length];
        for (int i = 0; i < dictionary.length; i++) {
            next[i] = (int) cumulative[i];
        }
        for (int at = 0; at < n; at++) {
            for (int i = offsets[at]; i < offsets[at + 1]; i++) {
                postings[next[tokens[i]]++] = at;
            }
        }
        snapshot = new Snapshot(Arrays.copyOf(ids, n), Arrays.copyOf(offsets, n + 1), Arrays.copyOf(tokens, t), dictionary, cumulative,
                postings, Arrays.copyOf(received, n), Arrays.copyOf(due, n), Arrays.copyOf(status, n), Arrays.copyOf(procedure, n),
                procedures.byNumber.toArray(String[]::new), Arrays.copyOf(assignee, n), assignees.byNumber.toArray(String[]::new), newest, soonest,
                byCode);
        early = null;
        // A removal stays until a snapshot without the dossier: this one, if it is past the mark.
        written.values().removeIf(w -> w.seq() <= mark);
        strings.keySet().retainAll(written.values().stream().filter(w -> w.row() != null)
                .flatMap(w -> java.util.stream.Stream.concat(Arrays.stream(w.row().tokens()),
                        java.util.stream.Stream.of(w.row().procedure(), w.row().assignee())))
                .filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet()));
    }
}
