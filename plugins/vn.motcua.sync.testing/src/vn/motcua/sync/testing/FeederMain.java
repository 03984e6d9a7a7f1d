package vn.motcua.sync.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.SyncEngine;
import vn.motcua.training.DemoData;

/**
 * Another workstation of the demo commune that keeps a sync server busy: every second it receives {@code PER_SECOND}
 * dossiers in its own cache and pushes them, so a workstation under test pulls new work on every round.
 *
 * <pre>FeederMain SERVER_URL USER PASSWORD DATA_DIR PER_SECOND</pre>
 *
 * Prints {@code READY} once logged in and {@code FED n} after each push.
 */
public final class FeederMain {
    public static void main(String[] args) throws Exception {
        URI server = URI.create(args[0]);
        Path data = Files.createDirectories(Path.of(args[3]));
        int perSecond = Integer.parseInt(args[4]);
        CacheKey key = CacheKey.generate();
        try (LocalCache cache = CacheOpener.open(data, key)) {
            SyncClient client = new SyncClient(server, Locale.ENGLISH);
            client.login(args[1], args[2].toCharArray(), "WS-feeder");
            ProcessSigning.signAs(cache, data, key, client, args[1], args[2].toCharArray(), "WS-feeder");
            SyncEngine engine = new SyncEngine(cache, client, "WS-feeder");
            engine.syncReference();
            List<Procedure> catalogue = cache.procedures().activeCatalogue();
            User clerk = DemoData.demoUsers().stream().filter(u -> u.username().equals(args[1])).findFirst().orElseThrow();
            Actor actor = new Actor(clerk, Role.CLERK, "WS-feeder");
            System.out.println("READY");
            System.out.flush();
            int n = 0;
            while (true) {
                long next = System.nanoTime() + 1_000_000_000L;
                for (int i = 0; i < perSecond; i++) {
                    n++;
                    Transition t = SyncWorld.reception(catalogue.get(n % catalogue.size()), "H21.17-FEED-" + String.format("%06d", n),
                            "Người nộp " + n, actor, Instant.now());
                    cache.dossierRepository().save(t.dossier(), t.event());
                }
                engine.syncOnce(SyncEngine.Progress.NONE);
                System.out.println("FED " + n);
                System.out.flush();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000L);
                }
            }
        }
    }

    private FeederMain() {
    }
}
