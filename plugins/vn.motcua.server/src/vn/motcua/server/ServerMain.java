package vn.motcua.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Starts the sync server: {@code motcua-server [config.properties]}. Prints {@code READY <port>} once it
 * accepts connections (scripts and tests wait for that line). Stops cleanly on SIGTERM; a kill -9 loses no
 * answered change (every answer is committed before it is sent). Serves HTTPS itself when {@code tls.keystore} names a
 * PKCS#12 keystore (TLS 1.2 and 1.3 only), else plain HTTP for a reverse proxy in front.
 *
 * <p>{@code motcua-server config.properties --rotate-wrap-key} adds a new key at the top of the key-wrap file and
 * re-wraps every escrowed workstation key under it; {@code --rewrap-keys} re-wraps under the current key of
 * {@code key.wrap.keys} (after an operator changed that setting). Both print how many rows each key wraps, then exit.
 */
public final class ServerMain implements AutoCloseable {
    private final ServerDatabase db;
    private final Server jetty;
    private final SyncService service;
    private final ServerConfig config;
    private Housekeeping housekeeping;

    public ServerMain(ServerConfig config) throws Exception {
        this(config, UpdateSettings.defaults(config.dataDir()));
    }

    public ServerMain(ServerConfig config, UpdateSettings updateSettings) throws Exception {
        this.config = config;
        Files.createDirectories(config.dataDir());
        db = new ServerDatabase(config);
        db.migrate();
        service = new SyncService(db, config, Clock.systemUTC());
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(16, config.dbPoolSize() + 8));
        threads.setName("motcua-http");
        jetty = new Server(threads);
        HttpConfiguration httpConfig = new HttpConfiguration();
        httpConfig.setSendServerVersion(false);
        ServerConnector http;
        Safeguards s = config.safeguards();
        if (s.tlsKeystore() != null) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(s.tlsKeystore().toString());
            tls.setKeyStoreType("PKCS12");
            tls.setKeyStorePassword(s.tlsKeystorePassword());
            tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
            http = new ServerConnector(jetty, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(httpConfig));
        } else {
            http = new ServerConnector(jetty, new HttpConnectionFactory(httpConfig));
        }
        http.setHost(config.host());
        http.setPort(config.port());
        jetty.addConnector(http);
        // Pull pages of thousands of dossiers shrink ~10x compressed; small answers are left alone.
        GzipHandler gzip = new GzipHandler();
        gzip.setMinGzipSize(2048);
        gzip.addIncludedMethods("GET", "POST", "PUT");
        // Update packages are compressed already, and their byte ranges must reach the client as they are.
        gzip.addExcludedMimeTypes("application/octet-stream");
        gzip.setHandler(new SyncHandler(service, config.safeguards(), new UpdateService(db, updateSettings, Clock.systemUTC())));
        jetty.setHandler(gzip);
        jetty.setStopAtShutdown(true);
    }

    public int start() throws Exception {
        jetty.start();
        housekeeping = new Housekeeping(service, config.safeguards().housekeepingEvery());
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    public SyncService service() {
        return service;
    }

    /** The server's database (benchmarks seed it directly). */
    public ServerDatabase database() {
        return db;
    }

    @Override
    public void close() throws Exception {
        if (housekeeping != null) {
            housekeeping.close();
        }
        jetty.stop();
        db.close();
    }

    public static void main(String[] args) throws Exception {
        Path config = args.length > 0 && !args[0].startsWith("--") ? Path.of(args[0]) : null;
        String command = args.length > 0 && args[args.length - 1].startsWith("--") ? args[args.length - 1] : null;
        ServerConfig cfg = ServerConfig.load(config, System.getenv());
        if (command != null) {
            System.exit(keyCommand(cfg, command));
        }
        ServerMain server = new ServerMain(cfg, UpdateSettings.load(config, System.getenv(), cfg.dataDir()));
        int port = server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }, "motcua-server-stop"));
        System.out.println("READY " + port);
        System.out.flush();
        server.jetty.join();
    }

    /** The key-wrap commands (see the class comment); the exit code. */
    static int keyCommand(ServerConfig config, String command) throws Exception {
        Safeguards s = config.safeguards();
        if (!command.equals("--rotate-wrap-key") && !command.equals("--rewrap-keys")) {
            System.err.println("unknown command " + command + " (--rotate-wrap-key, --rewrap-keys)");
            return 2;
        }
        if (command.equals("--rotate-wrap-key")) {
            if (!s.keyWrapKeys().isBlank()) {
                System.err.println("the keys come from key.wrap.keys (MOTCUA_KEY_WRAP_KEYS): put a new id:base64 first there, keep the old one "
                        + "after it, then run --rewrap-keys. A new key: " + KeyWrap.newKeyLine().replaceFirst(":.*", ":<32 random bytes, base64>"));
                return 2;
            }
            Files.createDirectories(config.dataDir());
            KeyWrap.load(s); // makes the file when there is none yet
            System.out.println("new current key " + KeyWrap.rotateFile(s.keyWrapFile()) + " in " + s.keyWrapFile());
        }
        Files.createDirectories(config.dataDir());
        try (ServerDatabase db = new ServerDatabase(config)) {
            db.migrate();
            KeyWrap keys = KeyWrap.load(s);
            int n = keys.rewrap(db, true);
            System.out.println("re-wrapped " + n + " workstation keys under " + keys.currentId() + "; rows per key now: " + KeyWrap.census(db));
            System.out.println("once no row names an old key, it may be removed from the list (every server instance needs the same list)");
        }
        return 0;
    }
}
