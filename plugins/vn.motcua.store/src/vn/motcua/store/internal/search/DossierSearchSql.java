package vn.motcua.store.internal.search;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import vn.motcua.core.model.DeadlineClass;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.DossierFilter;

/**
 * The SQL of the dossier list, in one place so the store (through EclipseLink) and the benchmark's raw-JDBC
 * baseline run the very same statements. Plain {@code ?} parameters, bound in the order of {@link Sql#params()}.
 *
 * <p>Text search: a query word {@code w} matches a dossier whose {@code search_text} (its tokens between spaces) has a
 * token that starts with {@code w}. The most selective word drives: its candidates are the dossiers of the range
 * {@code [w, w + U+FFFF)} of the token index (one range scan), and — since schema 11 the words of the procedure's
 * code and name are not in that index — the dossiers of the procedures having such a word in that range (their codes first,
 * {@link #procedureCodes}, then the dossiers' procedure index with the codes bound: H2 given the codes as a subquery
 * reads a row per index entry). Every word, the driving one too, is checked on each candidate's
 * {@code search_text} with {@code LIKE '% w%'}, which costs nothing more than the row already being read; so a
 * procedure's dossiers are found only by the words of the name they were written with, as the dossier list memory
 * (which reads search_text) finds them. Words are expected most-selective first: see {@link #mostSelectiveFirst}.
 */
public final class DossierSearchSql {
    /** A statement and its parameters. */
    public record Sql(String sql, List<Object> params) {
    }

    /**
     * How many token rows a selectivity probe counts at most: a first, cheap probe tells rare words from common
     * ones; when every word fills it, all are probed again up to the second cap, so that at a million dossiers
     * a given name ("hung": ~15,000 rows) still beats a surname ("nguyen": ~380,000).
     */
    static final int FIRST_CAP = 1_000;
    static final int SECOND_CAP = 50_000;

    /**
     * Codes of the procedures having a word of their name in a range (bind the range's two ends). Written so H2
     * starts from the range, not from the catalogue.
     */
    private static final String PROCEDURE_CODES = "SELECT DISTINCT p.code FROM procedure_def p WHERE p.id IN"
            + " (SELECT pt.procedure_id FROM procedure_search_token pt WHERE pt.token >= ? AND pt.token < ?)";

    private static final String ROW_COLUMNS = "d.code, d.applicant_name, d.procedure_code, p.name, p.field_name, d.received_at,"
            + " d.due_at, d.status, d.assignee";

    private DossierSearchSql() {
    }

    /** Number of index entries, up to {@code cap}, in a word's prefix range. */
    public static Sql selectivity(String word, int cap) {
        return new Sql("SELECT COUNT(*) FROM (SELECT 1 FROM dossier_search_token WHERE token >= ? AND token < ? FETCH FIRST "
                + cap + " ROWS ONLY)", List.of(word, upperBound(word)));
    }

    /** The codes of the procedures having a word of their code or name (any version, any former name) starting with {@code word}. */
    public static Sql procedureCodes(String word) {
        return new Sql(PROCEDURE_CODES, List.of(word, upperBound(word)));
    }

    /** Number of dossiers, up to {@code cap}, of the given procedures (not empty): entries of their index, no row read. */
    public static Sql procedureSelectivity(List<String> codes, int cap) {
        return new Sql("SELECT COUNT(*) FROM (SELECT d.procedure_code FROM dossier d WHERE d.procedure_code IN (" + placeholders(codes.size())
                + ") FETCH FIRST " + cap + " ROWS ONLY)", List.copyOf(codes));
    }

    /**
     * The query's words, the one matching fewest index entries first: it drives the search, the others only
     * confirm candidates. Ties (common words past the probe's cap) go to the longer word.
     *
     * @param countOf runs a {@link #selectivity(String, int)} statement and returns its count
     */
    public static List<String> mostSelectiveFirst(List<String> words, ToLongFunction<Sql> countOf) {
        if (words.size() < 2) {
            return words;
        }
        Map<String, Long> hits = new HashMap<>();
        for (String w : words) {
            hits.put(w, countOf.applyAsLong(selectivity(w, FIRST_CAP)));
        }
        if (hits.values().stream().allMatch(n -> n >= FIRST_CAP)) {
            // Every word is common: look closer, or "nguyen" might drive where "hung" would do 25 times less work.
            for (String w : words) {
                hits.put(w, countOf.applyAsLong(selectivity(w, SECOND_CAP)));
            }
        }
        List<String> ordered = new ArrayList<>(words);
        ordered.sort(Comparator.<String>comparingLong(hits::get).thenComparing(Comparator.comparingInt(String::length).reversed()));
        return ordered;
    }

    /** {@code SELECT COUNT(*)} of the filter; {@code words} most selective first. */
    public static Sql count(DossierFilter f, List<String> words) {
        List<Object> params = new ArrayList<>();
        String where = where(f, words, params);
        return new Sql("SELECT COUNT(*) FROM dossier d" + where, params);
    }

    /** One page of list rows (the columns of {@code DossierRow}, in order); {@code words} most selective first. */
    public static Sql page(DossierFilter f, List<String> words, int offset, int limit) {
        return ordered(ROW_COLUMNS, f, words, offset, limit);
    }

    /**
     * The ids of one page, in list order: with no filter this reads only the list's order index (it holds the
     * sort columns and the id), so a page deep in a big list skips its OFFSET rows without reading them — at
     * 200,000 dossiers, offset 190,000: 15 ms, against 3.6 s for {@link #page} reading every skipped row and its
     * procedure. {@link #rows} then reads the page's rows.
     */
    public static Sql pageIds(DossierFilter f, int offset, int limit) {
        return ordered("d.id", f, List.of(), offset, limit);
    }

    private static Sql ordered(String columns, DossierFilter f, List<String> words, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(f, words, params);
        String order = orderBy(f, words, params);
        params.add(offset);
        params.add(limit);
        return new Sql("SELECT " + columns + " FROM dossier d" + procedureJoin(columns) + where + order
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", params);
    }

    /** The procedure is joined only when a column of it is selected (the filters reach it by subquery). */
    private static String procedureJoin(String columns) {
        // LEFT: keeps the dossier the outer table, so an index in list order can serve ORDER BY … FETCH.
        return columns.contains("p.") ? " LEFT JOIN procedure_def p ON p.code = d.procedure_code AND p.version = d.procedure_version" : "";
    }

    /** The filter's conditions, text included when {@code words} is not empty, as {@code " WHERE …"} or "". */
    static String where(DossierFilter f, List<String> words, List<Object> params) {
        List<String> and = new ArrayList<>();
        if (!words.isEmpty()) {
            and.add(textMatch(words, params));
        }
        if (!f.statuses().isEmpty()) {
            and.add("d.status IN (" + placeholders(f.statuses().size()) + ")");
            params.addAll(f.statuses().stream().sorted().toList());
        }
        if (f.deadline() != null) {
            // Deadline classes exist only for running or paused dossiers: saying so lets the status index drive.
            List<DossierStatus> withClass = Arrays.stream(DossierStatus.values()).filter(st -> st.isClockRunning() || st.isPaused()).toList();
            and.add("d.status IN " + inList(withClass));
            and.add(deadline(f.deadline(), params));
        }
        if (f.procedureCode() != null) {
            and.add("d.procedure_code = ?");
            params.add(f.procedureCode());
        }
        if (f.fieldName() != null) {
            // ~2,000 procedures: resolving the field to its codes first lets the dossier index do the rest.
            and.add("d.procedure_code IN (SELECT q.code FROM procedure_def q WHERE q.field_name = ?)");
            params.add(f.fieldName());
        }
        if (f.assignee() != null) {
            and.add("d.assignee = ?");
            params.add(f.assignee());
        }
        if (f.receivedFrom() != null) {
            and.add("d.received_at >= ?");
            params.add(timestamp(f.receivedFrom()));
        }
        if (f.receivedTo() != null) {
            and.add("d.received_at < ?");
            params.add(timestamp(f.receivedTo()));
        }
        return and.isEmpty() ? "" : " WHERE " + String.join(" AND ", and);
    }

    /**
     * Dossiers having, for every word, a token starting with it: the candidates of the first (most selective) word
     * through the token index or its procedures, every word checked on their search_text, which is already in hand.
     */
    private static String textMatch(List<String> words, List<Object> params) {
        StringBuilder sql = new StringBuilder("(d.id IN (SELECT t.dossier_id FROM dossier_search_token t WHERE t.token >= ? AND t.token < ?)"
                + " OR d.procedure_code IN (" + PROCEDURE_CODES + "))");
        params.add(words.get(0));
        params.add(upperBound(words.get(0)));
        params.add(words.get(0));
        params.add(upperBound(words.get(0)));
        for (String w : words) {
            sql.append(" AND d.search_text LIKE ?");
            params.add("% " + escapeLike(w) + "%");
        }
        return sql.toString();
    }

    private static String deadline(DossierFilter.Deadline d, List<Object> params) {
        // Mirrors DeadlineClass.of: the same status sets, so the filter and the list's column agree.
        String running = inList(Arrays.stream(DossierStatus.values()).filter(DossierStatus::isClockRunning).toList());
        String paused = inList(Arrays.stream(DossierStatus.values()).filter(DossierStatus::isPaused).toList());
        List<String> or = new ArrayList<>();
        for (DeadlineClass c : DeadlineClass.values()) {
            if (!d.classes().contains(c)) {
                continue;
            }
            switch (c) {
                case OVERDUE -> {
                    or.add("(d.status IN " + running + " AND d.due_at < ?)");
                    params.add(timestamp(d.now()));
                }
                case DUE_SOON -> {
                    or.add("(d.status IN " + running + " AND d.due_at >= ? AND d.due_at <= ?)");
                    params.add(timestamp(d.now()));
                    params.add(timestamp(d.dueSoonUntil()));
                }
                case ON_TIME -> {
                    or.add("(d.status IN " + paused + " OR (d.status IN " + running + " AND (d.due_at IS NULL OR d.due_at > ?)))");
                    params.add(timestamp(d.dueSoonUntil()));
                }
            }
        }
        return "(" + String.join(" OR ", or) + ")";
    }

    static String orderBy(DossierFilter f, List<String> words, List<Object> params) {
        return switch (f.sort()) {
            case RECEIVED_NEWEST -> " ORDER BY d.received_at DESC, d.code DESC";
            case DUE_SOONEST -> " ORDER BY d.due_at ASC, d.code ASC";
            case CODE -> " ORDER BY d.code ASC";
            case RELEVANCE -> {
                if (words.isEmpty()) {
                    yield " ORDER BY d.received_at DESC, d.code DESC";
                }
                // Relevance = how many words were typed in full (an exact token), then newest first.
                StringBuilder exact = new StringBuilder();
                for (String w : words) {
                    exact.append(exact.isEmpty() ? "" : " + ").append("CASE WHEN d.search_text LIKE ? THEN 1 ELSE 0 END");
                    params.add("% " + escapeLike(w) + " %");
                }
                yield " ORDER BY " + exact + " DESC, d.received_at DESC, d.code DESC";
            }
        };
    }

    /**
     * Distinct dossiers that may have a token starting with {@code word} (index only): those whose index rows say so,
     * and those of {@code procedureCodes}, the procedures having a name word that does ({@link #procedureCodes}).
     * To be checked on search_text ({@link #candidateCheck}).
     */
    public static Sql candidates(String word, List<String> procedureCodes) {
        String tokens = "SELECT dossier_id FROM dossier_search_token WHERE token >= ? AND token < ?";
        if (procedureCodes.isEmpty()) {
            return new Sql("SELECT DISTINCT dossier_id FROM dossier_search_token WHERE token >= ? AND token < ?", List.of(word, upperBound(word)));
        }
        List<Object> params = new ArrayList<>(List.of(word, upperBound(word)));
        params.addAll(procedureCodes);
        return new Sql(tokens + " UNION SELECT d.id FROM dossier d WHERE d.procedure_code IN (" + placeholders(procedureCodes.size()) + ")",
                params);
    }

    /**
     * The check of {@code chunk} candidate ids against every word (the driving one too: a procedure's dossiers are
     * candidates of each word of its name) and the filter: selects id, received_at,
     * due_at, code and the relevance score (how many words were typed in full) of those that match. Bind
     * {@code before}, then the {@code chunk} ids, then {@code after}.
     */
    public record CandidateCheck(String sql, List<Object> before, List<Object> after) {
    }

    public static CandidateCheck candidateCheck(DossierFilter f, List<String> words, int chunk) {
        List<Object> before = new ArrayList<>();
        StringBuilder score = new StringBuilder();
        for (String w : words) {
            score.append(score.isEmpty() ? "" : " + ").append("CASE WHEN d.search_text LIKE ? THEN 1 ELSE 0 END");
            before.add("% " + escapeLike(w) + " %");
        }
        if (score.isEmpty()) {
            score.append("0");
        }
        List<Object> after = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT d.id, d.received_at, d.due_at, d.code, " + score + " FROM dossier d WHERE d.id IN ("
                + placeholders(chunk) + ")");
        for (String w : words) {
            sql.append(" AND d.search_text LIKE ?");
            after.add("% " + escapeLike(w) + "%");
        }
        String rest = where(f, List.of(), after);
        if (!rest.isEmpty()) {
            sql.append(" AND ").append(rest.substring(" WHERE ".length()));
        }
        return new CandidateCheck(sql.toString(), before, after);
    }

    /** List rows of the given ids (any order; the caller orders them). */
    public static Sql rows(int n) {
        return new Sql("SELECT " + ROW_COLUMNS + ", d.id FROM dossier d"
                + " LEFT JOIN procedure_def p ON p.code = d.procedure_code AND p.version = d.procedure_version WHERE d.id IN ("
                + placeholders(n) + ")", List.of());
    }

    /** Codes of {@code n} dossiers by id ({@code id, code}): the list memory's ties of time are ordered by them. */
    public static Sql codes(int n) {
        return new Sql("SELECT id, code FROM dossier WHERE id IN (" + placeholders(n) + ")", List.of());
    }

    /** The codes of a field's procedures, any version, as the field filter's subquery finds them. */
    public static Sql fieldCodes(String field) {
        return new Sql("SELECT DISTINCT code FROM procedure_def WHERE field_name = ?", List.of(field));
    }

    /**
     * How many dossiers match, counting at most {@code cap + 1} (so the caller knows there are more than cap):
     * the broad search's count, which reads the list in no particular order and stops early.
     */
    public static Sql countUpTo(DossierFilter f, List<String> words, int cap) {
        List<Object> params = new ArrayList<>();
        String where = whereLikeOnly(f, words, params);
        return new Sql("SELECT COUNT(*) FROM (SELECT 1 FROM dossier d" + where + " FETCH FIRST " + (cap + 1) + " ROWS ONLY)", params);
    }

    /** A page of a broad search: every word checked on search_text while the list's order index is read. */
    public static Sql broadPage(DossierFilter f, List<String> words, int offset, int limit) {
        return broadOrdered(ROW_COLUMNS, f, words, offset, limit);
    }

    /** The ids of a page of a broad search, in list order (see {@link #pageIds}). */
    public static Sql broadPageIds(DossierFilter f, List<String> words, int offset, int limit) {
        return broadOrdered("d.id", f, words, offset, limit);
    }

    private static Sql broadOrdered(String columns, DossierFilter f, List<String> words, int offset, int limit) {
        List<Object> params = new ArrayList<>();
        String where = whereLikeOnly(f, words, params);
        // Relevance needs every match scored; a broad search has too many, so it lists newest first.
        DossierFilter ordered = f.sort() == DossierFilter.Sort.RELEVANCE ? f.withSort(DossierFilter.Sort.RECEIVED_NEWEST) : f;
        String order = orderBy(ordered, List.of(), params);
        params.add(offset);
        params.add(limit);
        return new Sql("SELECT " + columns + " FROM dossier d" + procedureJoin(columns) + where + order
                + " OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", params);
    }

    private static String whereLikeOnly(DossierFilter f, List<String> words, List<Object> params) {
        String rest = where(f, List.of(), params);
        StringBuilder sql = new StringBuilder();
        List<Object> likes = new ArrayList<>();
        for (String w : words) {
            sql.append(sql.isEmpty() ? "" : " AND ").append("d.search_text LIKE ?");
            likes.add("% " + escapeLike(w) + "%");
        }
        params.addAll(0, likes);
        if (!rest.isEmpty()) {
            sql.append(sql.isEmpty() ? "" : " AND ").append(rest.substring(" WHERE ".length()));
        }
        return sql.isEmpty() ? "" : " WHERE " + sql;
    }

    /** The first string after every string starting with {@code prefix} (tokens are folded, far below U+FFFF). */
    static String upperBound(String prefix) {
        return prefix + Character.MAX_VALUE;
    }

    /** H2's default LIKE escape is the backslash. */
    static String escapeLike(String w) {
        return w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Enum names are our own constants, safe to write into the statement. */
    private static String inList(List<DossierStatus> statuses) {
        return statuses.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
    }

    private static OffsetDateTime timestamp(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
