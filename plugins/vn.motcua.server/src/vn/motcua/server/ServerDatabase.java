package vn.motcua.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The server's database: H2 for development and tests, PostgreSQL in production, behind a small fixed pool
 * (connections are opened up front and checked on the way out). Drivers are instantiated directly:
 * {@code DriverManager} cannot see drivers in other OSGi bundles.
 */
public final class ServerDatabase implements AutoCloseable {
    /** Schema scripts in {@code vn/motcua/server/schema/}, oldest first; append only. */
    static final List<String> SCRIPTS = List.of("V1__server_schema.sql", "V2__reference_text.sql", "V3__documents.sql", "V4__workstation_keys.sql",
            "V5__fallback_slots.sql", "V6__former_holders.sql", "V7__doors.sql", "V8__user_keys.sql", "V9__certificate_bindings.sql",
            "V10__updates.sql");

    private final ServerConfig config;
    private final Driver driver;
    private final BlockingQueue<Connection> idle;

    public ServerDatabase(ServerConfig config) throws SQLException {
        this.config = config;
        this.driver = config.postgres() ? new org.postgresql.Driver() : new org.h2.Driver();
        this.idle = new ArrayBlockingQueue<>(config.dbPoolSize());
        for (int i = 0; i < config.dbPoolSize(); i++) {
            idle.add(open());
        }
    }

    private Connection open() throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", config.dbUser());
        p.setProperty("password", config.dbPassword());
        String url = config.dbUrl();
        if (!config.postgres() && !url.contains(";")) {
            // Durable commits: H2's default 500 ms write delay can lose answered commits on a kill -9.
            url += ";WRITE_DELAY=0;LOCK_TIMEOUT=20000";
        }
        Connection c = driver.connect(url, p);
        if (c == null) {
            throw new SQLException("no driver for " + config.dbUrl());
        }
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    /** A pooled connection in auto-commit mode; closing the handle returns it. */
    public Pooled borrow() throws SQLException {
        try {
            Connection c = idle.poll(30, TimeUnit.SECONDS);
            if (c == null) {
                throw new SQLException("no free database connection after 30 s");
            }
            if (!c.isValid(2)) {
                c.close();
                c = open();
            }
            c.setAutoCommit(true);
            return new Pooled(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted", e);
        }
    }

    public final class Pooled implements AutoCloseable {
        private final Connection connection;

        Pooled(Connection connection) {
            this.connection = connection;
        }

        public Connection connection() {
            return connection;
        }

        @Override
        public void close() {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                idle.add(connection);
            } catch (SQLException e) {
                try {
                    connection.close();
                    idle.add(open());
                } catch (SQLException ignored) {
                    // the pool shrinks by one; borrow() still waits for the others
                }
            }
        }
    }

    /** Applies the schema scripts the database has not had yet, each in its own transaction. */
    public void migrate() throws SQLException, IOException {
        try (Pooled p = borrow()) {
            Connection c = p.connection();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
            }
            int have;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                r.next();
                have = r.getInt(1);
            }
            for (String script : SCRIPTS) {
                int v = Integer.parseInt(script.substring(1, script.indexOf("__")));
                if (v <= have) {
                    continue;
                }
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(script)) {
                        s.execute(sql);
                    }
                    s.execute("INSERT INTO schema_version (version) VALUES (" + v + ")");
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private static List<String> statements(String script) throws IOException {
        try (InputStream in = ServerDatabase.class.getResourceAsStream("schema/" + script)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder clean = new StringBuilder();
            for (String line : sql.split("\n")) {
                if (!line.strip().startsWith("--")) {
                    clean.append(line).append('\n');
                }
            }
            return java.util.Arrays.stream(clean.toString().split(";")).map(String::strip).filter(x -> !x.isEmpty()).toList();
        }
    }

    @Override
    public void close() {
        Connection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
