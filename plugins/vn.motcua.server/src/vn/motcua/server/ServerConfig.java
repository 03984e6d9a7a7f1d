package vn.motcua.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The server's settings: a properties file, each key overridable by an environment variable
 * ({@code db.url} → {@code MOTCUA_DB_URL}), so a service manager or container can set secrets without files.
 */
public record ServerConfig(String host, int port, String dbUrl, String dbUser, String dbPassword, int dbPoolSize,
        Duration tokenLifetime, String adminUsername, String adminPassword, String adminAgency, Path dataDir,
        long commitDelayMillisForTests, String commitDelayMatchForTests, boolean training, SignatureSettings signatures,
        Safeguards safeguards) {

    public static ServerConfig load(Path file, Map<String, String> env) throws IOException {
        Properties p = new Properties();
        if (file != null) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        Path base = file == null ? Path.of(".").toAbsolutePath() : file.toAbsolutePath().getParent();
        Path data = base.resolve(value(p, env, "data.dir", "data"));
        return new ServerConfig(value(p, env, "http.host", "127.0.0.1"), Integer.parseInt(value(p, env, "http.port", "8470")),
                value(p, env, "db.url", "jdbc:h2:" + data.resolve("motcua-server").toAbsolutePath()),
                value(p, env, "db.user", "sa"), value(p, env, "db.password", ""),
                Integer.parseInt(value(p, env, "db.pool", "16")),
                tokenLifetime(p, env),
                value(p, env, "admin.username", ""), value(p, env, "admin.password", ""), value(p, env, "admin.agency", "PROVINCE"),
                data, Long.parseLong(value(p, env, "test.commit.delay.ms", "0")), value(p, env, "test.commit.delay.match", ""),
                // A workshop's server: training workstations sync only with a server that says so.
                Boolean.parseBoolean(value(p, env, "training", "false")),
                new SignatureSettings(base.resolve(value(p, env, "signatures.trust.dir", "trust")),
                        Boolean.parseBoolean(value(p, env, "signatures.revocation.required", "false"))),
                Safeguards.load(p, env, base, data));
    }

    /**
     * {@code token.minutes} (default 12 h), or {@code token.seconds} when set: tests of session renewal, and sites that
     * want sessions shorter than a minute, set it.
     */
    private static Duration tokenLifetime(Properties p, Map<String, String> env) {
        String seconds = value(p, env, "token.seconds", "");
        return seconds.isEmpty() ? Duration.ofMinutes(Long.parseLong(value(p, env, "token.minutes", "720"))) : Duration.ofSeconds(Long.parseLong(seconds));
    }

    /** Environment first ({@code MOTCUA_} + key upper-cased, dots as underscores), then the file, then the default. */
    static String value(Properties p, Map<String, String> env, String key, String fallback) {
        String e = env.get("MOTCUA_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
        if (e != null && !e.isEmpty()) {
            return e;
        }
        return p.getProperty(key, fallback).strip();
    }

    /** No secret is printed (the database URL may hold a password). */
    @Override
    public String toString() {
        return "ServerConfig[" + host + ":" + port + ", " + (postgres() ? "PostgreSQL" : "H2") + ", pool " + dbPoolSize + ", " + safeguards + "]";
    }

    public boolean postgres() {
        return dbUrl.startsWith("jdbc:postgresql:");
    }
}
