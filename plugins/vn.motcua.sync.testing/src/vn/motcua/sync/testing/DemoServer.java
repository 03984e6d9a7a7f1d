package vn.motcua.sync.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import vn.motcua.core.model.Procedure;
import vn.motcua.server.ServerConfig;
import vn.motcua.server.ServerMain;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.api.Messages.AdminReference;
import vn.motcua.sync.api.Messages.UserAccount;
import vn.motcua.training.DemoData;

/**
 * A development sync server holding the demo commune (catalogue, agencies, the demo accounts with password
 * {@code demo}), for trying sync with two workstations on one machine: {@code releng/sync-demo [DIR] [PORT]}.
 */
public final class DemoServer {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "motcua-demo-server"));
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8470;
        Path config = dir.resolve("server.properties");
        if (!Files.exists(config)) {
            Files.writeString(config, "http.port=" + port + "\ndata.dir=data\nadmin.username=admin\nadmin.password=admin-demo\nadmin.agency=H21\n");
        }
        ServerConfig cfg = ServerConfig.load(config, System.getenv());
        // MOTCUA_UPDATE_RELEASE_CERTIFICATE lets it host update packages (releng/update-smoke.sh).
        ServerMain server = new ServerMain(cfg, vn.motcua.server.UpdateSettings.load(config, System.getenv(), cfg.dataDir()));
        int bound = server.start();
        String url = "http://127.0.0.1:" + bound + "/";
        List<Procedure> catalogue;
        try (LocalCache seed = CacheOpener.open(Files.createTempDirectory("motcua-demo-seed"), CacheKey.generate())) {
            catalogue = DemoData.seedCatalogue(seed);
            SyncClient admin = new SyncClient(java.net.URI.create(url), Locale.ENGLISH);
            admin.login("admin", "admin-demo".toCharArray(), "demo-server");
            admin.putReference(new AdminReference(catalogue, seed.agencies().all(),
                    DemoData.demoUsers().stream().map(u -> new UserAccount(u, DemoData.DEMO_PASSWORD, true)).toList(),
                    SyncWorld.builtInSchedules()));
        }
        System.out.println("READY " + url);
        System.out.println("Workstations: releng/run --data DIR --server " + url + "   (accounts as on the demo data, password demo)");
        System.out.println("Approvals and issuing count only with verified signatures: put the tokens' CA root in " + dir.resolve("trust")
                + " (restart) and bind the certificates with PUT /v1/admin/certificates (admin / admin-demo; docs/sync-protocol.md)");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception ignored) {
                // stopping anyway
            }
        }));
        Thread.currentThread().join();
    }

    private DemoServer() {
    }
}
