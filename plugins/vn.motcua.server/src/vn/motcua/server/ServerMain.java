package vn.motcua.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Starts the sync server: {@code motcua-server [config.properties]}. Prints {@code READY <port>} once it
 * accepts connections (scripts and tests wait for that line). Stops cleanly on SIGTERM; a kill -9 loses no
 * answered change (every answer is committed before it is sent).
 */
public final class ServerMain implements AutoCloseable {
    private final ServerDatabase db;
    private final Server jetty;
    private final SyncService service;

    public ServerMain(ServerConfig config) throws Exception {
        this(config, UpdateSettings.defaults(config.dataDir()));
    }

    public ServerMain(ServerConfig config, UpdateSettings updateSettings) throws Exception {
        Files.createDirectories(config.dataDir());
        db = new ServerDatabase(config);
        db.migrate();
        service = new SyncService(db, config, Clock.systemUTC());
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(16, config.dbPoolSize() + 8));
        threads.setName("motcua-http");
        jetty = new Server(threads);
        ServerConnector http = new ServerConnector(jetty);
        http.setHost(config.host());
        http.setPort(config.port());
        jetty.addConnector(http);
        // Pull pages of thousands of dossiers shrink ~10x compressed; small answers are left alone.
        GzipHandler gzip = new GzipHandler();
        gzip.setMinGzipSize(2048);
        gzip.addIncludedMethods("GET", "POST", "PUT");
        // Update packages are compressed already, and their byte ranges must reach the client as they are.
        gzip.addExcludedMimeTypes("application/octet-stream");
        gzip.setHandler(new SyncHandler(service, new UpdateService(db, updateSettings, Clock.systemUTC())));
        jetty.setHandler(gzip);
        jetty.setStopAtShutdown(true);
    }

    public int start() throws Exception {
        jetty.start();
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
        jetty.stop();
        db.close();
    }

    public static void main(String[] args) throws Exception {
        Path config = args.length > 0 ? Path.of(args[0]) : null;
        ServerConfig cfg = ServerConfig.load(config, System.getenv());
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
}
