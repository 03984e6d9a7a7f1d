package vn.motcua.sync.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.FileLocator;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The real sync server in its own JVM on a loopback port ({@code java -cp … vn.motcua.server.ServerMain}), so
 * tests can kill it with SIGKILL and start it again on the same database.
 */
public final class ServerProcess implements AutoCloseable {
    /** The server's class path, by bundle: what its plain-Java start needs. */
    private static final List<String> BUNDLES = List.of("vn.motcua.server", "vn.motcua.core", "vn.motcua.sync.api",
            "com.fasterxml.jackson.core.jackson-databind", "com.fasterxml.jackson.core.jackson-core",
            "com.fasterxml.jackson.core.jackson-annotations", "com.fasterxml.jackson.datatype.jackson-datatype-jsr310",
            "org.eclipse.jetty.server", "org.eclipse.jetty.http", "org.eclipse.jetty.io", "org.eclipse.jetty.util", "slf4j.api",
            "com.h2database", "org.postgresql.jdbc", "bcprov",
            // Signature checks (ApprovalProofs): the sign bundle and what it needs.
            "vn.motcua.sign", "bcpkix", "bcutil", "org.apache.pdfbox", "org.apache.pdfbox.fontbox", "org.apache.pdfbox.io",
            "org.apache.commons.commons-logging", "vn.motcua.update");

    private final Path config;
    private final int port;
    private Process process;
    /** What the server printed since its last start (bounded), for tests that wait on a server-side moment. */
    private final java.util.Deque<String> output = new java.util.ArrayDeque<>();

    public ServerProcess(Path dir, Map<String, String> settings) throws IOException {
        Files.createDirectories(dir);
        this.port = freePort();
        config = writeConfig(dir.resolve("server.properties"), dir.resolve("data"), port, settings);
    }

    /**
     * Writes a test server's configuration: loopback {@code port} (0 = any free one), data in {@code dataDir}, the
     * admin account {@code admin} / {@code admin-pw-123} of agency H21, then {@code settings} (database, pool…).
     */
    public static Path writeConfig(Path file, Path dataDir, int port, Map<String, String> settings) throws IOException {
        Properties p = new Properties();
        p.setProperty("http.port", Integer.toString(port));
        p.setProperty("data.dir", dataDir.toString());
        p.setProperty("admin.username", "admin");
        p.setProperty("admin.password", "admin-pw-123");
        p.setProperty("admin.agency", "H21");
        p.putAll(settings);
        try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "test server");
        }
        return file;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public ServerProcess start() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add("vn.motcua.server.ServerMain");
        cmd.add(config.toString());
        process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            StringBuilder seen = new StringBuilder();
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                        return line;
                    }
                    seen.append(line).append('\n');
                }
            } catch (IOException e) {
                seen.append(e);
            }
            throw new IllegalStateException("server did not start:\n" + seen);
        });
        ready.get(60, TimeUnit.SECONDS);
        synchronized (output) {
            output.clear();
        }
        // Keep draining its output so it never blocks on a full pipe.
        Thread drain = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    synchronized (output) {
                        output.addLast(line);
                        if (output.size() > 1_000) {
                            output.removeFirst();
                        }
                        output.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
        }, "server-output");
        drain.setDaemon(true);
        drain.start();
        return this;
    }

    /**
     * Waits until the server has printed a line containing {@code text} since it started: a test that needs a
     * server-side moment (a transaction holding its position) waits for it instead of guessing with a sleep.
     */
    public String awaitOutput(String text, java.time.Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (output) {
            while (true) {
                for (String line : output) {
                    if (line.contains(text)) {
                        return line;
                    }
                }
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the server did not print \"" + text + "\" within " + timeout + "; last lines:\n"
                            + String.join("\n", output.stream().skip(Math.max(0, output.size() - 20)).toList()));
                }
                output.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** SIGKILL: no shutdown hook, no flush — what a power cut does to the server process. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    public static String classPath() throws IOException {
        return classPath(BUNDLES);
    }

    /** A flat class path made of the files of these bundles of the running test framework. */
    public static String classPath(List<String> bundles) throws IOException {
        Bundle self = FrameworkUtil.getBundle(ServerProcess.class);
        List<String> entries = new ArrayList<>();
        for (String name : bundles) {
            Bundle found = null;
            for (Bundle b : self.getBundleContext().getBundles()) {
                if (b.getSymbolicName().equals(name) && (found == null || b.getVersion().compareTo(found.getVersion()) > 0)) {
                    found = b;
                }
            }
            if (found == null) {
                throw new IllegalStateException("bundle " + name + " is not in the test runtime");
            }
            File f = FileLocator.getBundleFileLocation(found).orElseThrow();
            entries.add(f.getAbsolutePath());
            // A workspace bundle may be its project folder: its classes are under target/classes.
            if (f.isDirectory() && Files.isDirectory(f.toPath().resolve("target/classes"))) {
                entries.add(f.toPath().resolve("target/classes").toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
