package vn.motcua.store.internal.search;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import vn.motcua.store.DossierFilter;
import vn.motcua.store.internal.search.DossierSearchSql.CandidateCheck;
import vn.motcua.store.internal.search.DossierSearchSql.Sql;

/**
 * How the dossier list finds its rows, on plain JDBC (measured at a million dossiers, see docs/benchmarks.md).
 *
 * <p>Without text the list's SQL reads an index in list order. With text there are two ways, chosen by how many
 * index entries the query's rarest word has (an index-only count):
 * <ul>
 * <li><b>Candidates</b> (rarest word under {@link #CANDIDATE_LIMIT} entries — any search with a given name, an ID,
 * a phone or a code): the rarest word's dossiers come from the token index and, for the words of procedure names,
 * from the procedures' word index and the dossiers' procedure index; they are checked against every word and the
 * filters by primary key in chunks, and are ordered here. Count exact, any sort, relevance too.
 * H2 given the same as one statement ({@code id IN (subquery)} or a join) materialises or misplans it: seconds.
 * <li><b>Broad</b> (every word common, e.g. "nguyen van"): the list's order index is read and every word checked
 * on search_text until the page is full; the count stops at {@link #BROAD_COUNT_CAP} ("more than 1,000"), as
 * nobody reads further — they type one more word.
 * </ul>
 */
public final class ListSearch {
    /**
     * Above this many index entries for its rarest word, a text search is broad. High enough that any search with
     * a given name stays a candidate search (complete and exact even for a common full name at a million
     * dossiers: a broad scan for a rare combination would read most of the table).
     */
    public static final int CANDIDATE_LIMIT = 100_000;
    /** A broad search counts exactly up to here, then says "more than". */
    public static final int BROAD_COUNT_CAP = 1_000;
    private static final int CHUNK = 256;

    /** How many dossiers match: exact, or at least {@code value} when not exact. */
    public record Count(long value, boolean exact) {
    }

    /** A text search's decision: the candidates in list order (candidate mode) or null for a broad search. */
    public record Plan(List<String> words, long[] orderedIds) {
        public boolean broad() {
            return orderedIds == null && !words.isEmpty();
        }
    }

    private ListSearch() {
    }

    /** Decides how to run {@code f} and, for a candidate search, finds and orders every match. */
    public static Plan plan(Connection c, DossierFilter f) throws SQLException {
        return plan(c, f, CANDIDATE_LIMIT, new TokenStatistics());
    }

    /**
     * {@link #plan(Connection, DossierFilter)} with another threshold (tests reach broad mode on small data) and
     * the statistics to use.
     */
    public static Plan plan(Connection c, DossierFilter f, int candidateLimit, TokenStatistics stats) throws SQLException {
        return plan(c, f, candidateLimit, stats, null);
    }

    /**
     * {@link #plan(Connection, DossierFilter, int, TokenStatistics)} asking the cache's dossier list memory first: it
     * answers most text searches and filtered lists without reading rows, and narrows the candidates of the rest
     * (null: SQL only).
     */
    public static Plan plan(Connection c, DossierFilter f, int candidateLimit, TokenStatistics stats, DossierListMemory memory)
            throws SQLException {
        List<String> words = SearchTokens.queryWords(f.text());
        if (memory != null) {
            // Answered in memory when it can: no index probe, no row read until the page is shown.
            Set<String> fieldCodes = f.fieldName() == null ? null : fieldCodes(c, f.fieldName());
            long[] ids = memory.answer(words, f, fieldCodes, codes(c));
            if (ids != null) {
                return new Plan(words, ids);
            }
        }
        if (words.isEmpty()) {
            return new Plan(words, null);
        }
        long[] driving = new long[1];
        Map<String, List<String>> procedures = new HashMap<>();
        List<String> ordered = mostSelectiveFirst(c, words, driving, candidateLimit, stats, procedures);
        if (driving[0] >= candidateLimit) {
            return new Plan(ordered, null);
        }
        return new Plan(ordered, candidates(c, f, ordered, procedureCodes(c, ordered.get(0), procedures), memory));
    }

    /** The codes of the procedures having a name word starting with {@code word}, asked once per plan. */
    private static List<String> procedureCodes(Connection c, String word, Map<String, List<String>> known) throws SQLException {
        List<String> codes = known.get(word);
        if (codes == null) {
            codes = new ArrayList<>();
            Sql sql = DossierSearchSql.procedureCodes(word);
            try (PreparedStatement p = prepare(c, sql.sql(), sql.params(), 1); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    codes.add(r.getString(1));
                }
            }
            known.put(word, codes);
        }
        return codes;
    }

    /**
     * A word's candidates counted up to {@code cap}: its token index entries plus the dossiers of the procedures
     * with a name word it starts (index entries both; a dossier in both is counted twice, which only weighs the plan).
     */
    private static long selectivity(Connection c, String word, int cap, Map<String, List<String>> procedures) throws SQLException {
        long n = single(c, DossierSearchSql.selectivity(word, cap));
        List<String> codes = procedureCodes(c, word, procedures);
        return codes.isEmpty() || n >= cap ? n : n + single(c, DossierSearchSql.procedureSelectivity(codes, cap));
    }

    /** The whole list: no text, no condition besides the order (code order included). */
    public static boolean wholeList(DossierFilter f) {
        return SearchTokens.queryWords(f.text()).isEmpty() && f.statuses().isEmpty() && f.deadline() == null && f.procedureCode() == null
                && f.fieldName() == null && f.assignee() == null && f.receivedFrom() == null && f.receivedTo() == null;
    }

    /** The codes of a field's procedures (any version), as the SQL filter's subquery finds them. */
    private static Set<String> fieldCodes(Connection c, String field) throws SQLException {
        Set<String> codes = new java.util.HashSet<>();
        Sql sql = DossierSearchSql.fieldCodes(field);
        try (PreparedStatement p = prepare(c, sql.sql(), sql.params(), 1); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                codes.add(r.getString(1));
            }
        }
        return codes;
    }

    /** Codes by id, for the in-memory answer's ties of time. */
    private static DossierListMemory.Codes codes(Connection c) {
        return ids -> {
            Map<Long, String> out = new HashMap<>();
            for (int from = 0; from < ids.length; from += CHUNK) {
                long[] chunk = Arrays.copyOfRange(ids, from, Math.min(ids.length, from + CHUNK));
                try (PreparedStatement p = c.prepareStatement(DossierSearchSql.codes(chunk.length).sql())) {
                    for (int i = 0; i < chunk.length; i++) {
                        p.setLong(i + 1, chunk[i]);
                    }
                    try (ResultSet r = p.executeQuery()) {
                        while (r.next()) {
                            out.put(r.getLong(1), r.getString(2));
                        }
                    }
                }
            }
            return out;
        };
    }

    /** Words ordered rarest first; {@code drivingCount[0]} = index entries of the first, capped at the limit. */
    private static List<String> mostSelectiveFirst(Connection c, List<String> words, long[] drivingCount, int limit,
            TokenStatistics stats, Map<String, List<String>> procedures) throws SQLException {
        Map<String, Long> hits = new HashMap<>();
        for (String w : words) {
            Long known = stats.get(w);
            hits.put(w, known != null ? known : selectivity(c, w, DossierSearchSql.FIRST_CAP, procedures));
        }
        if (hits.values().stream().allMatch(n -> n >= DossierSearchSql.FIRST_CAP)) {
            // Every word is common: look closer, or "nguyen" might drive where "hung" would do 25 times less work.
            int cap = Math.max(limit, DossierSearchSql.FIRST_CAP);
            for (String w : words) {
                Long known = stats.get(w);
                long n = known != null ? known : selectivity(c, w, cap, procedures);
                hits.put(w, n);
                if (n >= DossierSearchSql.FIRST_CAP) {
                    // Only counts past the first probe are worth remembering: those are the costly ones.
                    stats.put(w, n);
                }
            }
        }
        List<String> ordered = new ArrayList<>(words);
        ordered.sort(Comparator.<String>comparingLong(hits::get).thenComparing(Comparator.comparingInt(String::length).reversed()));
        drivingCount[0] = hits.get(ordered.get(0));
        return ordered;
    }

    /**
     * Planner statistics: index entries per query word (capped), remembered across searches because counting
     * a common word's entries costs ~10 ms at a million dossiers and common words recur in every name. Only the
     * choice of plan depends on them, never the results, so slightly stale numbers are harmless; they are
     * forgotten after {@link #FORGET_AFTER} writes, and the map is bounded.
     */
    public static final class TokenStatistics {
        static final int FORGET_AFTER = 5_000;
        private static final int MAX_WORDS = 10_000;
        private final java.util.concurrent.ConcurrentHashMap<String, Long> counts = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.function.LongSupplier version;
        private volatile long filledAt;

        /** Statistics that never expire (one-off plans). */
        public TokenStatistics() {
            this(() -> 0);
        }

        /** Statistics forgotten as {@code writeVersion} advances. */
        public TokenStatistics(java.util.function.LongSupplier writeVersion) {
            this.version = writeVersion;
            this.filledAt = writeVersion.getAsLong();
        }

        Long get(String word) {
            long now = version.getAsLong();
            if (now - filledAt > FORGET_AFTER) {
                counts.clear();
                filledAt = now;
            }
            return counts.get(word);
        }

        void put(String word, long n) {
            if (counts.size() >= MAX_WORDS) {
                counts.clear();
            }
            counts.put(word, n);
        }
    }

    private record Match(long id, Instant received, Instant due, String code, int score) {
    }

    private static long[] candidates(Connection c, DossierFilter f, List<String> words, List<String> procedureCodes, DossierListMemory memory)
            throws SQLException {
        java.util.stream.LongStream.Builder found = java.util.stream.LongStream.builder();
        Sql cand = DossierSearchSql.candidates(words.get(0), procedureCodes);
        try (PreparedStatement p = prepare(c, cand.sql(), cand.params(), 1); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                found.add(r.getLong(1));
            }
        }
        long[] ids = found.build().toArray();
        if (memory != null) {
            // The words checked in memory first (the driving one too: a procedure's dossiers are candidates of each word
            // of its name): only the dossiers that may match are read below.
            ids = memory.narrow(ids, words);
        }
        // In key order, neighbours in the file are read together.
        Arrays.sort(ids);
        List<Match> matches = new ArrayList<>();
        CandidateCheck check = DossierSearchSql.candidateCheck(f, words, CHUNK);
        try (PreparedStatement p = c.prepareStatement(check.sql())) {
            int i = 1;
            for (Object o : check.before()) {
                p.setObject(i++, o);
            }
            int idStart = i;
            i += CHUNK;
            for (Object o : check.after()) {
                p.setObject(i++, o);
            }
            for (int from = 0; from < ids.length; from += CHUNK) {
                for (int k = 0; k < CHUNK; k++) {
                    // Short last chunk: -1 is no dossier's id.
                    p.setLong(idStart + k, from + k < ids.length ? ids[from + k] : -1L);
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        matches.add(new Match(r.getLong(1), instant(r.getObject(2)), instant(r.getObject(3)), r.getString(4), r.getInt(5)));
                    }
                }
            }
        }
        matches.sort(order(f.sort()));
        return matches.stream().mapToLong(Match::id).toArray();
    }

    /** The list orders of {@link DossierSearchSql#orderBy}, as H2 sorts them (NULL lowest). */
    private static Comparator<Match> order(DossierFilter.Sort sort) {
        Comparator<Instant> nullsLow = Comparator.nullsFirst(Comparator.naturalOrder());
        Comparator<Match> newest = Comparator.comparing(Match::received, nullsLow).reversed()
                .thenComparing(Comparator.comparing(Match::code).reversed());
        return switch (sort) {
            case RECEIVED_NEWEST -> newest;
            case DUE_SOONEST -> Comparator.comparing(Match::due, nullsLow).thenComparing(Match::code);
            case CODE -> Comparator.comparing(Match::code);
            case RELEVANCE -> Comparator.comparingInt(Match::score).reversed().thenComparing(newest);
        };
    }

    /** The count of a filter with this plan. */
    public static Count count(Connection c, DossierFilter f, Plan plan) throws SQLException {
        if (plan.orderedIds() != null) {
            return new Count(plan.orderedIds().length, true);
        }
        if (plan.broad()) {
            long n = single(c, DossierSearchSql.countUpTo(f, plan.words(), BROAD_COUNT_CAP));
            return n > BROAD_COUNT_CAP ? new Count(BROAD_COUNT_CAP, false) : new Count(n, true);
        }
        return new Count(single(c, DossierSearchSql.count(f, List.of())), true);
    }

    /** One page of rows: {code, applicant, procedure code, procedure name, field, received, due, status, assignee}. */
    public static List<Object[]> page(Connection c, DossierFilter f, Plan plan, int offset, int limit) throws SQLException {
        if (plan.orderedIds() != null) {
            long[] all = plan.orderedIds();
            int from = Math.min(offset, all.length);
            return rows(c, Arrays.copyOfRange(all, from, Math.min(all.length, from + limit)));
        }
        // The page's ids first (index only where the list's order index serves), then their rows: a deep page
        // never reads the rows it skips.
        Sql sql = plan.broad() ? DossierSearchSql.broadPageIds(f, plan.words(), offset, limit) : DossierSearchSql.pageIds(f, offset, limit);
        java.util.stream.LongStream.Builder ids = java.util.stream.LongStream.builder();
        try (PreparedStatement p = prepare(c, sql.sql(), sql.params(), 1); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                ids.add(r.getLong(1));
            }
        }
        return rows(c, ids.build().toArray());
    }

    /** The list rows of {@code ids}, in the order given (a dossier deleted meanwhile is left out). */
    private static List<Object[]> rows(Connection c, long[] ids) throws SQLException {
        if (ids.length == 0) {
            return List.of();
        }
        Sql sql = DossierSearchSql.rows(ids.length);
        Map<Long, Object[]> byId = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement(sql.sql())) {
            for (int i = 0; i < ids.length; i++) {
                p.setLong(i + 1, ids[i]);
            }
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    byId.put(r.getLong(10), row(r));
                }
            }
        }
        List<Object[]> out = new ArrayList<>(ids.length);
        for (long id : ids) {
            Object[] row = byId.get(id);
            if (row != null) {
                out.add(row);
            }
        }
        return out;
    }

    /**
     * Every row of the list in its order, to {@code sink} until it returns false: one forward read (H2's lazy
     * execution, so rows are not gathered first) instead of OFFSET pages that walk the index again from the start
     * each time. For exports of whole lists.
     */
    public static long each(Connection c, DossierFilter f, Plan plan, java.util.function.Predicate<Object[]> sink) throws SQLException {
        long n = 0;
        if (plan.orderedIds() != null) {
            for (int offset = 0;; offset += 1_000) {
                List<Object[]> rows = page(c, f, plan, offset, 1_000);
                for (Object[] r : rows) {
                    n++;
                    if (!sink.test(r)) {
                        return n;
                    }
                }
                if (offset + 1_000 >= plan.orderedIds().length) {
                    return n;
                }
            }
        }
        Sql sql = plan.broad() ? DossierSearchSql.broadPage(f, plan.words(), 0, Integer.MAX_VALUE)
                : DossierSearchSql.page(f, List.of(), 0, Integer.MAX_VALUE);
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION TRUE");
        }
        try (PreparedStatement p = prepare(c, sql.sql(), sql.params(), 1); ResultSet r = p.executeQuery()) {
            while (r.next()) {
                n++;
                if (!sink.test(row(r))) {
                    break;
                }
            }
        } finally {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("SET LAZY_QUERY_EXECUTION FALSE");
            }
        }
        return n;
    }

    private static Object[] row(ResultSet r) throws SQLException {
        return new Object[] { r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), instant(r.getObject(6)),
                instant(r.getObject(7)), r.getString(8), r.getString(9) };
    }

    private static long single(Connection c, Sql sql) throws SQLException {
        try (PreparedStatement p = prepare(c, sql.sql(), sql.params(), 1); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, List<Object> params, int first) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        for (int i = 0; i < params.size(); i++) {
            p.setObject(first + i, params.get(i));
        }
        return p;
    }

    public static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("Unexpected timestamp type " + v.getClass().getName());
    }
}
