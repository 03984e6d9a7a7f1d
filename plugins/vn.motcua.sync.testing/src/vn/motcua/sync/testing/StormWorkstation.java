package vn.motcua.sync.testing;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import vn.motcua.core.code.DossierCodeAllocator;
import vn.motcua.core.code.OfflineFallbackPolicy;
import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierDocuments;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.LocalCache;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.SyncEngine;

/**
 * The workstation a kill storm kills (vn.motcua.sync.bench.KillStorm): the product's store and sync in their own JVM,
 * doing the product's mix — receptions at the counter (a number from the workstation's blocks or offline slice, the
 * dossier with a scan, journaled), dossier list queries, a sync round every 2 s — until it is killed. Every acknowledged
 * operation is printed once it returned: {@code ACK RECEIVE <code>}, {@code ACK ROUND <cursor>}.
 *
 * <pre>
 * StormWorkstation DATA_DIR SERVER_URL USER PASSWORD WORKSTATION work     (until killed)
 * StormWorkstation DATA_DIR SERVER_URL USER PASSWORD WORKSTATION close    (a little work, then a close that compacts)
 * StormWorkstation DATA_DIR - - - - downgrade                             (the closed cache back to schema 10)
 * </pre>
 *
 * The cache key comes in {@code MOTCUA_TEST_CACHE_KEY}. Prints {@code OPENING}, {@code OPENED <restored>} around the
 * opening (migrations and the journal's replay happen there), {@code PAGE <cursor>} after each pulled page,
 * {@code CLOSING}/{@code CLOSED} around a close.
 */
public final class StormWorkstation {
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final byte[] SCAN = "%PDF-1.4 bản chụp giấy tờ".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        CacheKey key = CacheKey.fromHex(System.getenv("MOTCUA_TEST_CACHE_KEY"));
        if (args[5].equals("downgrade")) {
            downgrade(data, key);
            return;
        }
        say("OPENING");
        try (LocalCache cache = CacheOpener.open(data, key)) {
            say("OPENED " + cache.recovery().restored().size());
            String workstation = args[4];
            SyncClient client = new SyncClient(URI.create(args[1]), Locale.ENGLISH);
            client.login(args[2], args[3].toCharArray(), workstation);
            ProcessSigning.signAs(cache, data, key, client, args[2], args[3].toCharArray(), workstation);
            SyncEngine engine = new SyncEngine(cache, client, workstation);
            if (cache.isEmpty()) {
                engine.syncReference(); // the product does it at every start; once is enough for the storm
            }
            User clerk = client.user();
            Actor actor = new Actor(clerk, Role.CLERK, workstation);
            List<Procedure> catalogue = cache.procedures().activeCatalogue();
            Random random = new Random();
            boolean closing = args[5].equals("close");
            long nextRound = 0;
            for (int op = 0; !closing || op < 6; op++) {
                if (System.nanoTime() >= nextRound) {
                    engine.topUpNumbers(clerk.agencyCode(), 20, 50);
                    SyncEngine.Report r = engine.syncOnce(new SyncEngine.Progress() {
                        @Override
                        public void pulled(long position, long head) {
                            say("PAGE " + position);
                        }
                    });
                    say("ACK ROUND " + r.cursor());
                    nextRound = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
                if (random.nextInt(3) > 0) {
                    say("ACK RECEIVE " + receive(cache, catalogue.get(random.nextInt(catalogue.size())), actor, random.nextInt(1_000_000)));
                } else {
                    cache.dossiers().page(DossierFilter.all().withText("nguoi nop " + random.nextInt(100)), 0, 50);
                }
                Thread.sleep(random.nextInt(200));
            }
            cache.compactOnClose();
            say("CLOSING");
        }
        say("CLOSED");
    }

    /** A reception as the counter makes it: the workstation's next number, the dossier and its scan in one transaction. */
    public static String receive(LocalCache cache, Procedure p, Actor clerk, int n) {
        LocalDate today = LocalDate.now(VIETNAM);
        String code;
        do {
            code = new DossierCodeAllocator(clerk.workstationId(), cache.sync().fallbackSlot(), cache.numberBlocks(),
                    OfflineFallbackPolicy.standard()).next(clerk.user().agencyCode(), today).code().format();
        } while (cache.dossierRepository().findByCode(code).isPresent());
        Instant now = Instant.now();
        Transition t = SyncWorld.reception(p, code, "Người nộp " + n, clerk, now);
        cache.dossierRepository().save(t.dossier(), t.event(),
                List.of(new DossierDocuments.NewDocument(code, DossierDocuments.Kind.ATTACHMENT, "ban-chup-" + n + ".pdf", "application/pdf",
                        SCAN, clerk.user().username(), "scan")));
        return code;
    }

    /**
     * Puts a closed cache back to schema 10, as a workstation not yet upgraded has it: its next opening runs the
     * schema 11 migration (and the storm can kill it there).
     */
    static void downgrade(Path data, CacheKey key) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(CacheOpener.url(data), "motcua", new String(CacheOpener.h2Password(key)));
                Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS procedure_search_token");
            s.execute("CREATE INDEX IF NOT EXISTS dossier_search_token_dossier ON dossier_search_token(dossier_id)");
            s.execute("CREATE INDEX IF NOT EXISTS dossier_received ON dossier(received_at DESC)");
            s.execute("CREATE INDEX IF NOT EXISTS dossier_status ON dossier(status)");
            s.execute("DELETE FROM schema_version WHERE version = 11");
            s.execute("SHUTDOWN");
        }
        say("DOWNGRADED");
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private StormWorkstation() {
    }
}
