package vn.motcua.sync.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Lifecycle;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.server.ServerConfig;
import vn.motcua.server.ServerDatabase;
import vn.motcua.server.ServerMain;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.SyncEngine;
import vn.motcua.sync.api.Messages.AdminReference;
import vn.motcua.sync.api.Messages.Outcome;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.PushResponse;
import vn.motcua.sync.api.Messages.UserAccount;
import vn.motcua.sync.api.SyncJson;
import vn.motcua.sync.testing.PostgresCluster;
import vn.motcua.training.DemoData;
import vn.motcua.training.DemoDataGenerator;

/**
 * {@code releng/bench sync [--dossiers N] [--clients M] [--seconds S] [--samples K]}: (1) first sync of N
 * dossiers to a new workstation against a raw copy of the same rows (JDBC read from the server's database,
 * batch insert into a fresh encrypted H2) in the same run; (2) change-to-visible latency between two
 * workstations syncing every 2 s (the default interval); (3) M simulated workstations pushing and pulling
 * against one server process on PostgreSQL for S seconds: changes/s, p95 latencies, server heap, and a
 * final count that nothing was lost. Phase (0), {@code --signatures N} (default 2,000; 0 skips it): what signing an
 * outbox command and checking it on the server cost, against writing its JSON.
 */
public final class SyncBench {
    static final String PASSWORD = "matkhau-123";
    private static final Lifecycle LIFECYCLE = Lifecycle.standard();

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        int dossiers = Integer.parseInt(a.getOrDefault("--dossiers", "100000"));
        int clients = Integer.parseInt(a.getOrDefault("--clients", "200"));
        int seconds = Integer.parseInt(a.getOrDefault("--seconds", "60"));
        int samples = Integer.parseInt(a.getOrDefault("--samples", "20"));
        int signatures = Integer.parseInt(a.getOrDefault("--signatures", "2000"));
        Path dir = Files.createTempDirectory("motcua-sync-bench");
        System.out.printf("sync bench: %,d dossiers, %d simulated workstations for %d s, %d latency samples; JDK %s, %d CPUs%n", dossiers,
                clients, seconds, samples, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        if (signatures > 0) {
            signing(dir.resolve("signing"), signatures);
        }
        if (dossiers > 0) {
            initialSync(dir.resolve("initial"), dossiers);
        }
        if (samples > 0) {
            latency(dir.resolve("latency"), samples);
        }
        if (clients > 0) {
            load(dir.resolve("load"), clients, seconds);
        }
    }

    // ---- set-up shared by the phases ----

    record World(ServerMain server, URI uri, List<Procedure> catalogue, List<User> users) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    static World world(Path dir, String dbUrl) throws Exception {
        Files.createDirectories(dir);
        Map<String, String> settings = new HashMap<>(Map.of("db.pool", "24"));
        if (dbUrl != null) {
            settings.put("db.url", dbUrl);
            settings.put("db.user", "motcua");
        }
        Path config = vn.motcua.sync.testing.ServerProcess.writeConfig(dir.resolve("server.properties"), dir.resolve("server"), 0, settings);
        ServerMain server = new ServerMain(ServerConfig.load(config, Map.of()));
        int port = server.start();
        URI uri = URI.create("http://127.0.0.1:" + port + "/");
        List<Procedure> catalogue = publishDemoReference(uri, dir.resolve("seed"));
        return new World(server, uri, catalogue, DemoData.demoUsers());
    }

    /** The admin publishes the demo commune's catalogue, agencies and staff (password {@value #PASSWORD}). */
    static List<Procedure> publishDemoReference(URI uri, Path seedDir) throws Exception {
        try (LocalCache seed = CacheOpener.open(seedDir, CacheKey.generate())) {
            List<Procedure> catalogue = DemoData.seedCatalogue(seed);
            SyncClient admin = new SyncClient(uri, Locale.ENGLISH);
            admin.login("admin", "admin-pw-123".toCharArray(), "bench");
            admin.putReference(new AdminReference(catalogue, seed.agencies().all(),
                    DemoData.demoUsers().stream().map(u -> new UserAccount(u, PASSWORD, true)).toList(), null));
            return catalogue;
        }
    }

    // ---- (0) what signing each outbox command costs ----

    /**
     * Per command: the outbox JSON alone (what a change cost before signatures), then the signature the workstation
     * adds (canonical bytes with the after-state's hash, Ed25519) and the server's check (canonical bytes, verify), on
     * commands of a realistic size (a received dossier with its papers).
     */
    static void signing(Path dir, int n) throws Exception {
        SyncJson json = new SyncJson();
        List<Procedure> catalogue;
        try (LocalCache seed = CacheOpener.open(dir, CacheKey.generate())) {
            catalogue = DemoData.seedCatalogue(seed);
        }
        User clerk = DemoData.demoUsers().stream().filter(u -> u.username().equals("canbo.motcua")).findFirst().orElseThrow();
        vn.motcua.store.UserKey key = vn.motcua.store.UserKey.generate(clerk.username(), UUID.randomUUID().toString(), "WS-A", Instant.now());
        List<PushCommand> commands = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Procedure p = catalogue.get(i % catalogue.size());
            Dossier draft = Dossier.draft(p.code(), p.version(), "2025", Channel.IN_PERSON,
                    new PersonApplicant("Nguyễn Văn Bench " + i, java.time.LocalDate.of(1990, 1, 1), "001090000" + (100 + i % 900), "Xã Ia Grai", "0905000000", ""),
                    p.requiredDocuments().stream().map(d -> new vn.motcua.core.model.ReceivedPaper(d.id(), d.count(), d.kind(), false, false, false))
                            .toList(), DemoData.communeCode());
            Instant now = Instant.now();
            Transition t = LIFECYCLE.apply(draft, new Command.Receive("H21.17-SIG-" + i, now.plus(Duration.ofDays(5))),
                    new vn.motcua.core.lifecycle.Actor(clerk, Role.CLERK, "WS-A"), now);
            commands.add(new PushCommand(UUID.randomUUID().toString(), t.dossier().code(), t.event(), t.dossier()));
        }
        java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        for (int round = 0; round < 2; round++) { // the first round warms the JIT; the second is reported
            long t0 = System.nanoTime();
            long bytes = 0;
            for (PushCommand c : commands) {
                bytes += json.writeString(c).length();
            }
            long t1 = System.nanoTime();
            List<byte[]> canonical = new ArrayList<>(n);
            for (PushCommand c : commands) {
                canonical.add(vn.motcua.sync.api.Attribution.commandBytes(c.signed(key.keyId(), null)));
            }
            long t2 = System.nanoTime();
            List<String> ours = new ArrayList<>(n);
            for (byte[] b : canonical) {
                ours.add(vn.motcua.sync.api.Attribution.sign(pair.getPrivate(), b));
            }
            long t3 = System.nanoTime();
            int ok = 0;
            for (int i = 0; i < n; i++) {
                ok += vn.motcua.sync.api.Attribution.verify(pair.getPublic(), canonical.get(i), ours.get(i)) ? 1 : 0;
            }
            long t4 = System.nanoTime();
            // The same signatures with the JDK's own Ed25519 (java.security.Signature), the first choice: the baseline.
            List<byte[]> jdk = new ArrayList<>(n);
            for (byte[] b : canonical) {
                java.security.Signature sig = java.security.Signature.getInstance("Ed25519");
                sig.initSign(pair.getPrivate());
                sig.update(b);
                jdk.add(sig.sign());
            }
            long t5 = System.nanoTime();
            int jdkOk = 0;
            for (int i = 0; i < n; i++) {
                java.security.Signature sig = java.security.Signature.getInstance("Ed25519");
                sig.initVerify(pair.getPublic());
                sig.update(canonical.get(i));
                jdkOk += sig.verify(jdk.get(i)) ? 1 : 0;
            }
            long t6 = System.nanoTime();
            boolean same = java.util.Base64.getEncoder().encodeToString(jdk.get(0)).equals(ours.get(0)); // Ed25519 is deterministic
            if (round == 1) {
                System.out.printf("  signing %,d commands (outbox JSON %,d bytes each on average), µs per command: outbox JSON %.0f; canonical bytes "
                        + "with the after-state's SHA-256 %.0f; Ed25519 sign %.0f (JDK: %.0f), verify %.0f (JDK: %.0f); %d + %d of %d verified, "
                        + "same signatures as the JDK's: %s%n", n, bytes / n, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n,
                        (t5 - t4) / 1e3 / n, (t4 - t3) / 1e3 / n, (t6 - t5) / 1e3 / n, ok, jdkOk, n, same);
            }
        }
    }

    // ---- (1) first sync ----

    static void initialSync(Path dir, int n) throws Exception {
        try (World w = world(dir, null)) {
            long t0 = System.nanoTime();
            List<Dossier> generated = new DemoDataGenerator(vn.motcua.core.calendar.WorkingTimeCalendar.defaults()).dossiers(7, n, w.catalogue(),
                    DemoData.communeCode(), Instant.now());
            seed(w.server().database(), generated);
            System.out.printf("  set-up: %,d dossiers generated and stored on the server in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            generated = null;

            // Baseline: the same rows read by JDBC from the server's database into a fresh encrypted H2.
            long b0 = System.nanoTime();
            long copied;
            try (LocalCache target = CacheOpener.open(dir.resolve("baseline"), CacheKey.generate());
                    Connection out = target.connection();
                    ServerDatabase.Pooled in = w.server().database().borrow()) {
                try (Statement s = out.createStatement()) {
                    s.execute("CREATE TABLE copy_dossier (code VARCHAR(64) PRIMARY KEY, agency_code VARCHAR(40), status VARCHAR(40), "
                            + "log_position BIGINT, body CLOB)");
                }
                out.setAutoCommit(false);
                copied = 0;
                try (Statement s = in.connection().createStatement();
                        ResultSet r = s.executeQuery("SELECT code, agency_code, status, log_position, body FROM dossier ORDER BY log_position");
                        PreparedStatement ins = out.prepareStatement("INSERT INTO copy_dossier VALUES (?, ?, ?, ?, ?)")) {
                    while (r.next()) {
                        ins.setString(1, r.getString(1));
                        ins.setString(2, r.getString(2));
                        ins.setString(3, r.getString(3));
                        ins.setLong(4, r.getLong(4));
                        ins.setString(5, r.getString(5));
                        ins.addBatch();
                        if (++copied % 1000 == 0) {
                            ins.executeBatch();
                            out.commit();
                        }
                    }
                    ins.executeBatch();
                    out.commit();
                }
            }
            double baseline = (System.nanoTime() - b0) / 1e9;

            long c0 = System.nanoTime();
            int pulled;
            double synced;
            long k0;
            LocalCache cache = CacheOpener.open(dir.resolve("client"), CacheKey.generate());
            try {
                SyncClient http = new SyncClient(w.uri(), Locale.ENGLISH);
                http.login("lanhdao.ubnd", PASSWORD.toCharArray(), "WS-new");
                SyncEngine engine = new SyncEngine(cache, http, "WS-new", Clock.systemUTC(), 100, 1000);
                engine.syncReference();
                pulled = engine.syncOnce(SyncEngine.Progress.NONE).pulled();
                synced = (System.nanoTime() - c0) / 1e9;
                // Usable now: the list's first page, as the clerk would open it.
                cache.dossiers().page(vn.motcua.store.DossierFilter.all(), 0, 50);
            } finally {
                k0 = System.nanoTime();
                cache.close();
            }
            double closed = (System.nanoTime() - k0) / 1e9;
            System.out.printf("  first sync of %,d dossiers to a new workstation: %.1f s (%,.0f dossiers/s) until every page is stored%n", pulled, synced,
                    pulled / synced);
            System.out.printf("  closing that cache afterwards (compaction after a bulk load, at the product's exit): %.1f s%n", closed);
            System.out.printf("  baseline raw JDBC copy of the same %,d rows into a fresh encrypted H2: %.1f s%n", copied, baseline);
            System.out.printf("  ratio %.1fx   (targets: <= 60 s and <= 3x)%n", synced / baseline);
        }
    }

    /** Stores dossiers straight into the server's tables with consecutive positions (set-up only). */
    static void seed(ServerDatabase db, List<Dossier> dossiers) throws Exception {
        SyncJson json = new SyncJson();
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            c.setAutoCommit(false);
            long pos;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT log_position FROM change_counter WHERE id = 1")) {
                r.next();
                pos = r.getLong(1);
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO dossier (code, agency_code, transferred_to, event_count, status, log_position, body) "
                    + "VALUES (?, ?, NULL, ?, ?, ?, ?)")) {
                int i = 0;
                for (Dossier d : dossiers) {
                    s.setString(1, d.code());
                    s.setString(2, d.agencyCode());
                    s.setInt(3, d.events().size());
                    s.setString(4, d.status().name());
                    s.setLong(5, ++pos);
                    s.setString(6, json.writeString(d));
                    s.addBatch();
                    if (++i % 1000 == 0) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE change_counter SET log_position = ? WHERE id = 1")) {
                s.setLong(1, pos);
                s.executeUpdate();
            }
            c.commit();
        }
    }

    // ---- (2) change-to-visible latency ----

    static void latency(Path dir, int samples) throws Exception {
        try (World w = world(dir, null); LocalCache ca = CacheOpener.open(dir.resolve("a"), CacheKey.generate());
                LocalCache cb = CacheOpener.open(dir.resolve("b"), CacheKey.generate())) {
            SyncEngine ea = engine(w, ca, "canbo.motcua", "WS-A");
            SyncEngine eb = engine(w, cb, "lanhdao.ubnd", "WS-B");
            Duration interval = Duration.ofSeconds(2); // SyncSettings' default
            Thread ta = loop(ea, interval);
            Thread tb = loop(eb, interval);
            List<Long> ms = new ArrayList<>();
            Random rnd = new Random(1);
            for (int i = 0; i < samples; i++) {
                Thread.sleep(rnd.nextInt(2000)); // changes happen at any moment of the interval
                String code = "H21.17-LAT-" + i;
                long t0 = System.nanoTime();
                receive(ca, w, code);
                while (cb.dossierRepository().findByCode(code).isEmpty()) {
                    Thread.sleep(20);
                }
                ms.add((System.nanoTime() - t0) / 1_000_000);
            }
            ta.interrupt();
            tb.interrupt();
            ta.join();
            tb.join();
            Collections.sort(ms);
            System.out.printf("  change on workstation A visible on B (both syncing every %d s): p50 %d ms, p95 %d ms, max %d ms over %d changes"
                    + "   (target <= 5 s)%n", interval.toSeconds(), ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.95) - 1),
                    ms.get(ms.size() - 1), ms.size());
        }
    }

    static SyncEngine engine(World w, LocalCache cache, String user, String ws) throws Exception {
        SyncClient http = new SyncClient(w.uri(), Locale.ENGLISH);
        http.login(user, PASSWORD.toCharArray(), ws);
        // The user's signing key on this workstation, enrolled by their session, signs what they do here.
        vn.motcua.store.UserKey key = vn.motcua.store.UserKey.generate(user, UUID.randomUUID().toString(), ws, Instant.now());
        http.enrolKey(key.enrolment());
        cache.signCommandsWith(key);
        return new SyncEngine(cache, http, ws);
    }

    /** What SyncJob does in the product: a round, then wait the interval (without the Eclipse job manager). */
    static Thread loop(SyncEngine e, Duration interval) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    e.syncOnce(SyncEngine.Progress.NONE);
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException x) {
                    return;
                } catch (Exception x) {
                    System.out.println("  sync round failed: " + x);
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void receive(LocalCache cache, World w, String code) {
        Dossier draft = draft(w.catalogue().get(0));
        Instant now = Instant.now();
        User clerk = w.users().stream().filter(u -> u.username().equals("canbo.motcua")).findFirst().orElseThrow();
        Transition t = LIFECYCLE.apply(draft, new Command.Receive(code, now.plus(Duration.ofDays(5))),
                new vn.motcua.core.lifecycle.Actor(clerk, Role.CLERK, "WS-A"), now);
        cache.dossierRepository().save(t.dossier(), t.event());
    }


    static Dossier draft(Procedure p) {
        return Dossier.draft(p.code(), p.version(), "2025", Channel.IN_PERSON,
                new PersonApplicant("Nguyễn Văn Bench", java.time.LocalDate.of(1990, 1, 1), "", "Xã Ia Grai", "", ""), List.of(),
                DemoData.communeCode());
    }

    // ---- (3) load on PostgreSQL ----

    static void load(Path dir, int clients, int seconds) throws Exception {
        PostgresCluster pg;
        try {
            pg = PostgresCluster.start();
        } catch (Exception e) {
            System.out.println("  load: skipped, no PostgreSQL: " + e.getMessage());
            return;
        }
        try (pg) {
            // The server in its own JVM with a fixed heap, as in production.
            Path cfg = Files.createDirectories(dir).resolve("server.properties");
            int port = vn.motcua.sync.testing.ServerProcess.freePort();
            Files.writeString(cfg, "http.port=" + port + "\ndb.url=" + pg.url() + "\ndb.user=motcua\ndb.pool=24\nadmin.username=admin\n"
                    + "admin.password=admin-pw-123\nadmin.agency=H21\ndata.dir=" + dir.resolve("data") + "\n");
            Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp",
                    System.getProperty("java.class.path"), "vn.motcua.server.ServerMain", cfg.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile()).start();
            URI uri = URI.create("http://127.0.0.1:" + port + "/");
            waitReady(uri);
            List<Procedure> catalogue = publishDemoReference(uri, dir.resolve("seed"));
            User clerk = DemoData.demoUsers().stream().filter(u -> u.username().equals("demo")).findFirst().orElseThrow();

            ConcurrentLinkedQueue<Long> pushMs = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Long> pullMs = new ConcurrentLinkedQueue<>();
            AtomicLong applied = new AtomicLong();
            AtomicLong created = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            AtomicLong maxHeap = new AtomicLong();
            CountDownLatch ready = new CountDownLatch(clients);
            Instant[] end = new Instant[1];
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                int id = i;
                Thread t = new Thread(() -> simulatedWorkstation(id, uri, clerk, catalogue, ready, end, pushMs, pullMs, applied, created, errors));
                t.start();
                threads.add(t);
            }
            ready.await();
            end[0] = Instant.now().plusSeconds(seconds);
            long l0 = System.nanoTime();
            HttpClient health = HttpClient.newHttpClient();
            while (Instant.now().isBefore(end[0])) {
                maxHeap.accumulateAndGet(heapUsed(health, uri), Math::max);
                Thread.sleep(500);
            }
            for (Thread t : threads) {
                t.join();
            }
            double elapsed = (System.nanoTime() - l0) / 1e9;
            // Nothing lost: a fresh reader sees every created dossier, and as many events as changes applied.
            SyncClient reader = new SyncClient(uri, Locale.ENGLISH);
            reader.login("lanhdao.ubnd", PASSWORD.toCharArray(), "reader");
            long cursor = 0;
            long dossiersSeen = 0;
            long eventsSeen = 0;
            while (true) {
                var page = reader.pull(cursor, 1000);
                for (var c : page.changes()) {
                    if (c.dossier().code().startsWith("H21.17-L")) {
                        dossiersSeen++;
                        eventsSeen += c.dossier().events().size();
                    }
                }
                cursor = page.cursor();
                if (!page.more()) {
                    break;
                }
            }
            long heapMax = heapMax(health, uri);
            server.destroy();
            server.waitFor();
            List<Long> push = new ArrayList<>(pushMs);
            List<Long> pull = new ArrayList<>(pullMs);
            Collections.sort(push);
            Collections.sort(pull);
            System.out.printf("  load: %d simulated workstations for %.0f s against one server (PostgreSQL, server heap -Xmx512m)%n", clients, elapsed);
            System.out.printf("    changes applied: %,d (%.0f changes/s), %,d push requests (p50 %d ms, p95 %d ms), %,d pulls (p50 %d ms, p95 %d ms), "
                    + "%d request errors%n", applied.get(), applied.get() / elapsed, push.size(), pct(push, 0.5), pct(push, 0.95), pull.size(),
                    pct(pull, 0.5), pct(pull, 0.95), errors.get());
            System.out.printf("    server heap: max used %d MB of %d MB%n", maxHeap.get() >> 20, heapMax >> 20);
            System.out.printf("    nothing lost: %,d dossiers created, %,d seen by a fresh reader; %,d changes applied, %,d events on the server%n",
                    created.get(), dossiersSeen, applied.get(), eventsSeen);
        }
    }

    private static void simulatedWorkstation(int id, URI uri, User clerk, List<Procedure> catalogue, CountDownLatch ready, Instant[] end,
            ConcurrentLinkedQueue<Long> pushMs, ConcurrentLinkedQueue<Long> pullMs, AtomicLong applied, AtomicLong created, AtomicLong errors) {
        try {
            SyncClient http = new SyncClient(uri, Locale.ENGLISH);
            String ws = "WS-L" + id;
            http.login(clerk.username(), PASSWORD.toCharArray(), ws);
            // As the product: the clerk's key on this workstation, enrolled by their session, signs every change.
            vn.motcua.store.UserKey key = vn.motcua.store.UserKey.generate(clerk.username(), UUID.randomUUID().toString(), ws, Instant.now());
            http.enrolKey(key.enrolment());
            ready.countDown();
            while (end[0] == null) {
                Thread.sleep(10);
            }
            Random rnd = new Random(id);
            List<Dossier> mine = new ArrayList<>();
            long cursor = http.pull(0, 1).head();
            int n = 0;
            while (Instant.now().isBefore(end[0])) {
                List<PushCommand> batch = new ArrayList<>();
                List<Dossier> after = new ArrayList<>();
                // A clerk's burst: a new dossier, and sometimes the next step of an earlier one.
                Dossier draft = draft(catalogue.get(rnd.nextInt(catalogue.size())));
                Instant now = Instant.now();
                Transition t = LIFECYCLE.apply(draft, new Command.Receive("H21.17-L" + id + "-" + (++n), now.plus(Duration.ofDays(5))),
                        new vn.motcua.core.lifecycle.Actor(clerk, Role.CLERK, ws), now);
                batch.add(key.sign(new PushCommand(UUID.randomUUID().toString(), t.dossier().code(), t.event(), t.dossier())));
                after.add(t.dossier());
                if (!mine.isEmpty() && rnd.nextBoolean()) {
                    Dossier d = mine.remove(rnd.nextInt(mine.size()));
                    Transition t2 = LIFECYCLE.apply(d, new Command.Assign("demo"), new vn.motcua.core.lifecycle.Actor(clerk, Role.CLERK, ws), now);
                    batch.add(key.sign(new PushCommand(UUID.randomUUID().toString(), d.code(), t2.event(), t2.dossier())));
                    after.add(null);
                }
                long p0 = System.nanoTime();
                PushResponse r = http.push(ws, batch);
                pushMs.add((System.nanoTime() - p0) / 1_000_000);
                for (int i = 0; i < r.results().size(); i++) {
                    if (r.results().get(i).outcome() == Outcome.APPLIED) {
                        applied.incrementAndGet();
                        if (i == 0) {
                            created.incrementAndGet();
                            mine.add(after.get(0));
                        }
                    }
                }
                long q0 = System.nanoTime();
                var page = http.pull(cursor, 500);
                pullMs.add((System.nanoTime() - q0) / 1_000_000);
                cursor = page.cursor();
                Thread.sleep(200 + rnd.nextInt(300)); // a person at a counter, not a loop
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            errors.incrementAndGet();
            System.out.println("  workstation " + id + " failed: " + e);
            ready.countDown();
        }
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }

    private static void waitReady(URI uri) throws Exception {
        HttpClient h = HttpClient.newHttpClient();
        for (int i = 0; i < 300; i++) {
            try {
                if (h.send(HttpRequest.newBuilder(uri.resolve("v1/health")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server did not start");
    }

    private static long heapUsed(HttpClient h, URI uri) throws Exception {
        return health(h, uri, "heapUsed");
    }

    private static long heapMax(HttpClient h, URI uri) throws Exception {
        return health(h, uri, "heapMax");
    }

    private static long health(HttpClient h, URI uri, String field) throws Exception {
        String body = h.send(HttpRequest.newBuilder(uri.resolve("v1/health")).build(), HttpResponse.BodyHandlers.ofString()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + field + "\":(\\d+)").matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
