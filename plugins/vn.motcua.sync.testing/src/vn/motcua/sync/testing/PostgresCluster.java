package vn.motcua.sync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for one test class: initdb in a temporary folder, the server on a free loopback
 * port, stopped and deleted afterwards. PostgreSQL refuses to run as root, so as root it runs as the Debian
 * {@code postgres} user (the test command installs Debian's {@code postgresql}).
 */
public final class PostgresCluster implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Path bin;
    private final boolean asPostgresUser;

    private PostgresCluster(Path dir, int port, Path bin, boolean asPostgresUser) {
        this.dir = dir;
        this.port = port;
        this.bin = bin;
        this.asPostgresUser = asPostgresUser;
    }

    public static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("PostgreSQL is not installed: apt-get install postgresql (releng/test does it)");
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.filter(p -> Files.isExecutable(p.resolve("bin/initdb"))).max(Comparator.comparing(Path::toString))
                    .orElseThrow(() -> new IllegalStateException("no initdb under " + root)).resolve("bin");
        }
    }

    public static PostgresCluster start() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "motcua-pg-");
        PostgresCluster c = new PostgresCluster(dir.resolve("data"), ServerProcess.freePort(), binaries(), root);
        if (root) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        c.run(c.pg("initdb", "-D", c.dir.toString(), "-U", "motcua", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"));
        c.run(c.pg("pg_ctl", "-D", c.dir.toString(), "-l", dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + c.port + " -c listen_addresses=127.0.0.1 -k " + dir + " -c max_connections=300", "start"));
        try (Connection conn = c.connect("postgres"); Statement s = conn.createStatement()) {
            s.execute("CREATE DATABASE motcua");
        }
        return c;
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/motcua";
    }

    public Connection connect(String db) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "motcua");
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/" + db, p);
    }

    private List<String> pg(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        if (asPostgresUser) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(bin.resolve(tool).toString());
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            run(pg("pg_ctl", "-D", dir.toString(), "-m", "immediate", "-w", "stop"));
        } finally {
            try (Stream<Path> all = Files.walk(dir.getParent())) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
