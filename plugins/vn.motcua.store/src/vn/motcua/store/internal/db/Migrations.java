package vn.motcua.store.internal.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import vn.motcua.store.internal.search.ProcedureSearchBackfill;
import vn.motcua.store.internal.search.SearchIndexBackfill;

/**
 * Applies the versioned SQL scripts {@code vn/motcua/store/migration/V<n>__<what>.sql} in order, each in one
 * transaction together with its row in {@code schema_version}, so a cache written by an older version of the
 * product upgrades step by step. H2 commits every DDL statement on its own, though: a script stopped midway (the
 * PC switched off during the upgrade of a big cache) has some of its statements done and no version row. The
 * script then runs again from its start on the next opening, so every statement is run in a re-runnable form
 * ({@link #rerunnable}: tables, columns and indexes created only if missing; data steps written to be repeatable).
 * A few dozen lines of our own instead of Flyway: Flyway's classpath scanning does not see OSGi bundle resources.
 */
public final class Migrations {
    /** The scripts this version of the product knows, oldest first. Append; never edit a released one. */
    static final List<String> SCRIPTS = List.of(
            "V1__initial_schema.sql",
            "V2__search_index_and_audit_log.sql",
            "V3__number_blocks.sql",
            "V5__local_users.sql",
            "V6__sync_outbox.sql",
            "V7__dossier_documents.sql",
            "V8__document_sync.sql",
            "V9__delivery_fees_finished.sql",
            "V10__delivery_satisfaction.sql",
            "V11__procedure_name_search.sql",
            "V12__signed_outbox.sql",
            "V13__lookup_secret.sql");

    /** Work a script's SQL cannot do, run right after it in the same transaction. */
    private static final Map<String, JdbcStep> AFTER = Map.of("V2__search_index_and_audit_log.sql", SearchIndexBackfill::run,
            "V11__procedure_name_search.sql", ProcedureSearchBackfill::run);

    @FunctionalInterface
    private interface JdbcStep {
        void run(Connection c) throws SQLException;
    }

    private Migrations() {
    }

    /** Latest schema version this build writes. */
    public static int latestVersion() {
        return SCRIPTS.stream().mapToInt(Migrations::versionOf).max().orElse(0);
    }

    /** The version a script name carries: {@code V<n>__…}. */
    static int versionOf(String script) {
        return Integer.parseInt(script.substring(1, script.indexOf("__")));
    }

    /** Brings the database up to {@link #latestVersion()}; returns the version found before. */
    public static int migrate(Connection c) throws SQLException {
        return migrateTo(c, latestVersion());
    }

    /**
     * Applies every known script up to version {@code target} that the database has not had yet, in version
     * order (tests build caches as an older version wrote them). Versions may have gaps: parallel branches
     * reserve numbers, and a script is applied by its number, not its position.
     */
    public static int migrateTo(Connection c, int target) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, script VARCHAR(200) NOT NULL, "
                        + "applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
            }
            c.commit();
            int current = currentVersion(c);
            if (current > latestVersion()) {
                throw new SQLException("The cache was written by a newer version of MộtCửa Desk (schema " + current
                        + ", this version knows " + latestVersion() + ")");
            }
            java.util.Set<Integer> applied = appliedVersions(c);
            List<String> ordered = SCRIPTS.stream().sorted(java.util.Comparator.comparingInt(Migrations::versionOf)).toList();
            for (String script : ordered) {
                int v = versionOf(script);
                if (v > target || applied.contains(v)) {
                    continue;
                }
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(read(script))) {
                        s.execute(rerunnable(sql));
                    }
                }
                JdbcStep after = AFTER.get(script);
                if (after != null) {
                    after.run(c);
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version(version, script) VALUES (?, ?)")) {
                    p.setInt(1, v);
                    p.setString(2, script);
                    p.executeUpdate();
                }
                c.commit();
            }
            return current;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static java.util.Set<Integer> appliedVersions(Connection c) throws SQLException {
        java.util.Set<Integer> out = new java.util.HashSet<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT version FROM schema_version")) {
            while (r.next()) {
                out.add(r.getInt(1));
            }
        }
        return out;
    }

    public static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static final java.util.regex.Pattern CREATE_TABLE = java.util.regex.Pattern.compile("(?i)^CREATE\\s+TABLE\\s+(?!IF\\s)");
    private static final java.util.regex.Pattern CREATE_INDEX = java.util.regex.Pattern.compile("(?i)^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?!IF\\s)");
    private static final java.util.regex.Pattern ADD_COLUMN = java.util.regex.Pattern.compile("(?i)^ALTER\\s+TABLE\\s+(\\S+)\\s+ADD\\s+COLUMN\\s+(?!IF\\s)");

    /**
     * {@code sql} in a form that does nothing when it was already done: H2's {@code IF NOT EXISTS} for new tables,
     * indexes and columns. Other statements are left as written; the scripts' data steps are repeatable (an UPDATE
     * that recomputes a column, an INSERT in the same transaction as the version row).
     */
    static String rerunnable(String sql) {
        String out = CREATE_TABLE.matcher(sql).replaceFirst("CREATE TABLE IF NOT EXISTS ");
        out = CREATE_INDEX.matcher(out).replaceFirst("CREATE $1INDEX IF NOT EXISTS ");
        return ADD_COLUMN.matcher(out).replaceFirst("ALTER TABLE $1 ADD COLUMN IF NOT EXISTS ");
    }

    static String read(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("/vn/motcua/store/migration/" + script)) {
            if (in == null) {
                throw new IllegalStateException("Migration script missing from the bundle: " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read migration script " + script, e);
        }
    }

    /** Splits a script on semicolons at line ends; our scripts hold no procedural code. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String sql = cur.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }
}
