package vn.motcua.sync.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

import vn.motcua.store.CacheKey;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.SyncEngine;
import vn.motcua.sync.SyncException;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;

/**
 * A workstation's sync in its own JVM, so a test can SIGKILL it mid-push or mid-pull:
 * {@code ClientMain <data dir> <cache key hex> <server url> <user> <password> <push batch> <pull page>}.
 * Prints {@code PUSHING n} before each push batch and {@code PAGE position} after each pulled page.
 */
public final class ClientMain {
    public static void main(String[] args) throws Exception {
        try (LocalCache cache = CacheOpener.open(Path.of(args[0]), CacheKey.fromHex(args[1]))) {
            SyncClient client = new SyncClient(URI.create(args[2]), Locale.ENGLISH);
            client.login(args[3], args[4].toCharArray(), "WS-process");
            SyncEngine engine = new SyncEngine(cache, client, "WS-process", java.time.Clock.systemUTC(), Integer.parseInt(args[5]),
                    Integer.parseInt(args[6]));
            System.out.println("STARTED");
            engine.syncOnce(new SyncEngine.Progress() {
                @Override
                public void pushing(int pending) {
                    System.out.println("PUSHING " + pending);
                    System.out.flush();
                }

                @Override
                public void pulled(long position, long head) {
                    System.out.println("PAGE " + position);
                    System.out.flush();
                }
            });
            System.out.println("DONE");
        }
    }
}
