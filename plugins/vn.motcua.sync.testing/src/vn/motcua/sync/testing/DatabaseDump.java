package vn.motcua.sync.testing;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every row of every table of a server database, as text, so an attack test can prove a refused request changed
 * nothing: dump before, attack, dump after, compare. Tables whose job is to record refusals (throttling counters,
 * security logs) are named as ignored by the test that expects them to grow.
 */
public final class DatabaseDump {
    private final TreeMap<String, List<String>> tables;

    private DatabaseDump(TreeMap<String, List<String>> tables) {
        this.tables = tables;
    }

    /**
     * Dumps the database at {@code jdbcUrl} (H2 with {@code AUTO_SERVER=TRUE} while the server process holds it, or
     * PostgreSQL), leaving out {@code ignored} tables (lower case names).
     */
    public static DatabaseDump of(String jdbcUrl, String user, String password, Set<String> ignored) throws SQLException {
        Driver driver = jdbcUrl.startsWith("jdbc:postgresql:") ? new org.postgresql.Driver() : new org.h2.Driver();
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        try (Connection c = driver.connect(jdbcUrl, p)) {
            return of(c, ignored);
        }
    }

    public static DatabaseDump of(Connection c, Set<String> ignored) throws SQLException {
        Set<String> names = new TreeSet<>();
        DatabaseMetaData meta = c.getMetaData();
        String schema = meta.getDatabaseProductName().toLowerCase(Locale.ROOT).contains("h2") ? "PUBLIC" : "public";
        try (ResultSet r = meta.getTables(null, schema, "%", new String[] { "TABLE" })) {
            while (r.next()) {
                names.add(r.getString("TABLE_NAME"));
            }
        }
        TreeMap<String, List<String>> out = new TreeMap<>();
        for (String table : names) {
            if (ignored.contains(table.toLowerCase(Locale.ROOT))) {
                continue;
            }
            List<String> rows = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
                ResultSetMetaData m = r.getMetaData();
                while (r.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        Object v = r.getObject(i);
                        row.append(i > 1 ? " | " : "").append(v instanceof byte[] b ? "bytes:" + Arrays.hashCode(b) + "/" + b.length : String.valueOf(v));
                    }
                    rows.add(row.toString());
                }
            }
            rows.sort(null);
            out.put(table.toLowerCase(Locale.ROOT), rows);
        }
        return new DatabaseDump(out);
    }

    /** Fails with the first differing table and rows when {@code after} is not the same as this dump. */
    public void assertSameAs(DatabaseDump after, String what) {
        if (tables.equals(after.tables)) {
            return;
        }
        StringBuilder diff = new StringBuilder(what + ": the server's database changed\n");
        Set<String> all = new TreeSet<>(tables.keySet());
        all.addAll(after.tables.keySet());
        for (String t : all) {
            List<String> a = tables.getOrDefault(t, List.of());
            List<String> b = after.tables.getOrDefault(t, List.of());
            if (!a.equals(b)) {
                List<String> gone = new ArrayList<>(a);
                gone.removeAll(b);
                List<String> added = new ArrayList<>(b);
                added.removeAll(a);
                diff.append("table ").append(t).append(": removed ").append(gone.stream().limit(5).toList()).append(", added ")
                        .append(added.stream().limit(5).toList()).append('\n');
            }
        }
        throw new AssertionError(diff.toString());
    }

    /** Whether any value of any dumped row contains {@code text} (a secret that must not be stored). */
    public boolean contains(String text) {
        return tables.values().stream().flatMap(List::stream).anyMatch(row -> row.contains(text));
    }

    public int rows(String table) {
        return tables.getOrDefault(table.toLowerCase(Locale.ROOT), List.of()).size();
    }

    /** The rows of {@code table} as text (columns joined by " | "), sorted. */
    public List<String> rowsOf(String table) {
        return tables.getOrDefault(table.toLowerCase(Locale.ROOT), List.of());
    }
}
