package vn.motcua.store.internal.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An upgrade stopped in the middle of a script (the PC switched off while a big cache migrates: H2 has committed
 * the script's DDL done so far, not its data steps nor its version row) completes on the next opening, for every
 * script and every point where it can stop, and ends with the same schema as an upgrade that was never stopped.
 * Found on a real 1M-dossier cache whose V9 upgrade was killed: it no longer opened ("Duplicate column name").
 */
class InterruptedMigrationTest {
    @TempDir
    Path dir;

    @Test
    void everyScriptStoppedAfterAnyStatementCompletesOnTheNextOpening() throws Exception {
        String clean = schemaOf(dir.resolve("clean"), c -> Migrations.migrate(c));
        List<String> ordered = Migrations.SCRIPTS.stream().sorted(java.util.Comparator.comparingInt(Migrations::versionOf)).toList();
        int cases = 0;
        int previous = 0;
        for (String script : ordered) {
            int before = previous;
            List<String> statements = Migrations.statements(Migrations.read(script));
            for (int k = 1; k <= statements.size(); k++) {
                int done = k;
                Path db = dir.resolve(script + "-" + k);
                // The stop: the older schema, then the script's first k statements in one transaction, then no commit.
                JdbcDataSource ds = dataSource(db);
                try (Connection c = ds.getConnection()) {
                    Migrations.migrateTo(c, before);
                    seed(c, before);
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement()) {
                        for (String sql : statements.subList(0, done)) {
                            s.execute(Migrations.rerunnable(sql));
                        }
                    }
                    // closed without commit: what a kill leaves (DDL committed by H2 itself, the rest rolled back)
                }
                String resumed;
                try (Connection c = ds.getConnection()) {
                    assertEquals(before, Migrations.currentVersion(c), script + " stopped after " + done + " statements has no version row");
                    Migrations.migrate(c);
                    resumed = schema(c);
                    if (before >= 1) {
                        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM dossier")) {
                            r.next();
                            assertEquals(1, r.getInt(1), "the dossier written before the upgrade is kept");
                        }
                    }
                }
                assertEquals(clean, resumed, script + " stopped after " + done + " of " + statements.size() + " statements");
                cases++;
            }
            previous = Migrations.versionOf(script);
        }
        assertTrue(cases > 40, "every statement of every script: " + cases);
    }

    @Test
    void createsAndAddsOnlyWhatIsMissing() {
        assertEquals("CREATE TABLE IF NOT EXISTS fee (id INT)", Migrations.rerunnable("CREATE TABLE fee (id INT)"));
        assertEquals("CREATE INDEX IF NOT EXISTS d_f ON d (f)", Migrations.rerunnable("CREATE INDEX d_f ON d (f)"));
        assertEquals("CREATE unique INDEX IF NOT EXISTS d_f ON d (f)", Migrations.rerunnable("create unique index d_f ON d (f)"));
        assertEquals("ALTER TABLE dossier ADD COLUMN IF NOT EXISTS x INT", Migrations.rerunnable("ALTER TABLE dossier ADD COLUMN x INT"));
        assertEquals("CREATE TABLE IF NOT EXISTS t (id INT)", Migrations.rerunnable("CREATE TABLE IF NOT EXISTS t (id INT)"));
        assertEquals("UPDATE dossier SET x = 1", Migrations.rerunnable("UPDATE dossier SET x = 1"));
    }

    /** One dossier with one event once the dossier table exists, so data steps run over a row. */
    private static void seed(Connection c, int version) throws SQLException {
        if (version < 1) {
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO procedure_def(id, code, version, name, field_name, level, cutoff_time, legal_basis, implementing_agency,"
                    + " online_level, active, effective_date, search_text) VALUES (1, '1.001193', 1, 'Đăng ký khai sinh', 'Hộ tịch', 'COMMUNE',"
                    + " TIME '15:00:00', '', '', 'FULL', TRUE, DATE '2025-07-01', 'dang ky khai sinh')");
            s.execute("INSERT INTO dossier(id, code, agency_code, procedure_code, procedure_version, rule_pack, channel, applicant_kind,"
                    + " applicant_name, status, received_at, search_text, row_version) VALUES (1, '000.00.10.H29-261120-0001', '000.00.10.H29',"
                    + " '1.001193', 1, '2025', 'IN_PERSON', 'PERSON', 'Nguyễn Văn Ánh', 'DELIVERED',"
                    + " TIMESTAMP WITH TIME ZONE '2026-11-20 09:00:00+07:00', 'nguyen van anh', 1)");
            s.execute("INSERT INTO dossier_event(id, dossier_id, seq, action, from_status, to_status, actor, actor_role, workstation, at,"
                    + " reason, form) VALUES (1, 1, 1, 'DELIVER', 'RESULT_READY', 'DELIVERED', 'canbo1', 'CLERK', 'PC-1',"
                    + " TIMESTAMP WITH TIME ZONE '2026-11-21 09:00:00+07:00', '', '')");
        }
        c.commit();
    }

    @FunctionalInterface
    private interface Step {
        void run(Connection c) throws SQLException;
    }

    private static String schemaOf(Path db, Step step) throws SQLException {
        try (Connection c = dataSource(db).getConnection()) {
            step.run(c);
            return schema(c);
        }
    }

    /** Tables, columns (type, nullability, default), indexes and the version rows, in a stable order. */
    private static String schema(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT table_name, column_name, data_type, is_nullable, column_default"
                    + " FROM information_schema.columns WHERE table_schema = 'PUBLIC' ORDER BY table_name, ordinal_position")) {
                while (r.next()) {
                    lines.add(r.getString(1) + "." + r.getString(2) + " " + r.getString(3) + " " + r.getString(4) + " " + r.getString(5));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT table_name, index_name FROM information_schema.indexes WHERE table_schema = 'PUBLIC'"
                    + " ORDER BY table_name, index_name")) {
                while (r.next()) {
                    // Names H2 gives to key indexes carry a counter that differs between files; user-named ones do not.
                    String name = r.getString(2);
                    lines.add("index " + r.getString(1) + " " + (name.startsWith("PRIMARY_KEY") || name.startsWith("CONSTRAINT_")
                            || name.startsWith("FK_") ? "(key)" : name));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT version, script FROM schema_version ORDER BY version")) {
                while (r.next()) {
                    lines.add("version " + r.getInt(1) + " " + r.getString(2));
                }
            }
        }
        return String.join("\n", lines);
    }

    private static JdbcDataSource dataSource(Path db) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + db.resolve("motcua").toAbsolutePath());
        ds.setUser("motcua");
        return ds;
    }
}
