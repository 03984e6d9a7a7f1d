package vn.motcua.sync.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Lifecycle;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.store.CacheKey;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.SyncEngine;
import vn.motcua.sync.SyncException;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.store.UserKey;
import vn.motcua.sync.api.Messages.AdminReference;
import vn.motcua.sync.api.Messages.UserAccount;
import vn.motcua.training.DemoData;
import vn.motcua.sign.testing.SoftwareSigner;
import vn.motcua.sign.testing.TestPki;
import java.security.cert.X509Certificate;

/**
 * A sync test's world: one real server process on loopback (H2 or PostgreSQL), its reference data loaded by
 * the admin through the protocol, and client workstations, each with its own encrypted cache file.
 */
public final class SyncWorld implements AutoCloseable {
    public static final String PASSWORD = "matkhau-123";
    /** Demo staff of the commune (DemoData.demoUsers), by role, as the sync tests act. */
    public static final String CLERK = "canbo.motcua";
    public static final String SPECIALIST = "chuyenvien.tuphap";
    public static final String HEAD = "lanhdao.ubnd";
    /** A province's own day off, published by the admin with the schedules (tests check it reaches clients). */
    public static final String EXTRA_DAY_OFF = "2026-12-31   OFF                Nghỉ theo quyết định của UBND tỉnh (thử nghiệm đồng bộ)\n";

    /** The schedules shipped in core, as an admin would publish them. */
    public static String builtInSchedules() throws java.io.IOException {
        try (java.io.InputStream in = vn.motcua.core.calendar.OfficialSchedule.class.getResourceAsStream(
                vn.motcua.core.calendar.OfficialSchedule.RESOURCE)) {
            String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return text.endsWith("\n") ? text : text + "\n";
        }
    }
    public static final Lifecycle LIFECYCLE = Lifecycle.standard();
    public final Path dir;
    /** The signing PKI the server trusts (root and issuing CA in its {@code signatures.trust.dir}). */
    public final TestPki pki;
    public final ServerProcess server;
    public final List<Client> clients = new ArrayList<>();
    public final List<Procedure> catalogue;
    public final List<User> users;
    private final List<vn.motcua.core.model.Agency> agencies;
    private final String password;
    private final String databaseUrl;
    private final String databaseUser;
    private final String databasePassword;

    public SyncWorld(Path dir, Map<String, String> serverSettings) throws Exception {
        this(dir, serverSettings, PASSWORD);
    }

    /** @param password of every staff account on the server (the product logs in to the server with the password typed at login) */
    public SyncWorld(Path dir, Map<String, String> serverSettings, String password) throws Exception {
        this.password = password;
        this.dir = dir;
        Map<String, String> settings = new java.util.HashMap<>(serverSettings);
        // The world's signing PKI: the server trusts its root (and knows its issuing CA), as a province's server trusts
        // the national roots; the admin binds its certificates to heads and agencies (boundSigner).
        this.pki = new TestPki("Sync world");
        Path trust = Files.createDirectories(dir.resolve("server").resolve("trust"));
        Files.writeString(trust.resolve("root.pem"), pem(pki.root));
        Files.writeString(trust.resolve("issuing-ca.pem"), pem(pki.inter));
        settings.putIfAbsent("signatures.trust.dir", trust.toString());
        // H2 in server mode on demand, so a test can read the server's database while the server runs (DatabaseDump).
        // REUSE_SPACE=FALSE: after a kill -9, H2's recovery can come back at a state from seconds before, losing answered
        // commits, once freed space has been reused (docs/architecture.md, "SIGTERM is a normal exit"); reproduced on
        // the server too. Production servers run PostgreSQL (PostgresSyncTest); these tests are about the server's logic.
        settings.putIfAbsent("db.url", "jdbc:h2:file:" + dir.resolve("server").resolve("data").resolve("motcua-server").toAbsolutePath()
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=20000;REUSE_SPACE=FALSE");
        this.databaseUrl = settings.get("db.url");
        this.databaseUser = settings.getOrDefault("db.user", "sa");
        this.databasePassword = settings.getOrDefault("db.password", "");
        this.server = new ServerProcess(dir.resolve("server"), settings).start();
        // The demo commune's catalogue and staff, as an admin would load them from the provincial lists.
        Path seed = dir.resolve("seed");
        try (LocalCache c = CacheOpener.open(seed, CacheKey.generate())) {
            catalogue = DemoData.seedCatalogue(c);
            users = new ArrayList<>(DemoData.demoUsers());
            agencies = new ArrayList<>(c.agencies().all());
            SyncClient admin = new SyncClient(server.uri(), Locale.ENGLISH);
            admin.login("admin", "admin-pw-123".toCharArray(), "admin-console");
            admin.putReference(new AdminReference(catalogue, agencies,
                    users.stream().map(u -> new UserAccount(u, password, true)).toList(),
                    builtInSchedules() + EXTRA_DAY_OFF));
        }
    }

    /** A certificate as PEM text. */
    public static String pem(X509Certificate c) throws java.security.cert.CertificateEncodingException {
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
    }

    /** A key with a certificate of the world's PKI for {@code holder} ("CN=…"), bound to nobody. */
    public SoftwareSigner signer(String holder) throws Exception {
        return pki.signer("CN=" + holder + ",O=UBND xã Ia Grai,C=VN", Instant.now().minus(Duration.ofDays(30)), Instant.now().plus(Duration.ofDays(365)),
                null, null);
    }

    /**
     * A key whose certificate the admin bound on the server: {@code kind} PERSONAL to the account {@code owner} (a head's
     * approvals), or SEAL to the agency {@code owner} (issuing).
     */
    public SoftwareSigner boundSigner(String kind, String owner) throws Exception {
        SoftwareSigner s = signer(kind.equals("SEAL") ? "Văn thư " + owner : user(owner).fullName());
        bind(kind, owner, s.chain().get(0));
        return s;
    }

    /** The admin binds {@code cert} (through the protocol). */
    public vn.motcua.sync.api.Messages.CertificateBinding bind(String kind, String owner, X509Certificate cert) throws Exception {
        SyncClient admin = new SyncClient(server.uri(), Locale.ENGLISH);
        admin.login("admin", "admin-pw-123".toCharArray(), "admin-console");
        return admin.changeCertificate(new vn.motcua.sync.api.Messages.CertificateChange("BIND", kind, owner, pem(cert), null, "test"));
    }

    /** The admin adds agencies and their staff (same password as the others) to the server's reference data. */
    public void addStaff(List<vn.motcua.core.model.Agency> moreAgencies, List<User> moreUsers) throws Exception {
        agencies.addAll(moreAgencies);
        users.addAll(moreUsers);
        SyncClient admin = new SyncClient(server.uri(), Locale.ENGLISH);
        admin.login("admin", "admin-pw-123".toCharArray(), "admin-console");
        admin.putReference(new AdminReference(catalogue, agencies, users.stream().map(u -> new UserAccount(u, password, true)).toList(),
                builtInSchedules() + EXTRA_DAY_OFF));
    }

    /** Every row of the server's database but the {@code ignored} tables, read while the server runs. */
    public DatabaseDump dump(String... ignored) throws java.sql.SQLException {
        return DatabaseDump.of(databaseUrl, databaseUser, databasePassword, java.util.Set.of(ignored));
    }

    /** The admin ends a binding (through the protocol). */
    public vn.motcua.sync.api.Messages.CertificateBinding unbind(String kind, String owner, X509Certificate cert) throws Exception {
        SyncClient admin = new SyncClient(server.uri(), Locale.ENGLISH);
        admin.login("admin", "admin-pw-123".toCharArray(), "admin-console");
        return admin.changeCertificate(new vn.motcua.sync.api.Messages.CertificateChange("UNBIND", kind, owner, null,
                vn.motcua.sign.SigningCertificate.thumbprint(cert), "test"));
    }

    /**
     * Changes the server's database behind its back — only to recreate what an older server version left there (rows
     * from before a schema change), never to set up what the protocol can do.
     */
    public int execute(String sql, Object... params) throws java.sql.SQLException {
        java.sql.Driver driver = databaseUrl.startsWith("jdbc:postgresql:") ? new org.postgresql.Driver() : new org.h2.Driver();
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", databaseUser);
        p.setProperty("password", databasePassword);
        try (java.sql.Connection c = driver.connect(databaseUrl, p); java.sql.PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    /** A raw HTTP speaker to this world's server (attack tests). */
    public RawHttp raw() {
        return new RawHttp(server.uri());
    }

    /** A birth-registration-like reception of procedure {@code p} at the demo commune's counter, with its required papers. */
    public static Transition reception(Procedure p, String code, String applicant, Actor clerk, Instant now) {
        List<ReceivedPaper> papers = p.requiredDocuments().stream().filter(d -> !d.optional())
                .map(d -> new ReceivedPaper(d.id(), d.count(), d.kind() == null ? PaperKind.ORIGINAL : d.kind(), false, false, false)).toList();
        Dossier draft = Dossier.draft(p.code(), p.version(), "2025", Channel.IN_PERSON,
                new PersonApplicant(applicant, java.time.LocalDate.of(1990, 1, 1), null, "Xã Ia Grai", "0905000000", ""),
                papers, DemoData.communeCode());
        return LIFECYCLE.apply(draft, new Command.Receive(code, now.plus(Duration.ofDays(5))), clerk, now);
    }

    public User user(String username) {
        return users.stream().filter(u -> u.username().equals(username)).findFirst().orElseThrow();
    }

    /**
     * A dossier {@code code} received at the counter now by {@code clerk} on {@code workstationId}, written to {@code cache}
     * (signed only if the clerk's key is unlocked there, as in the product).
     */
    public String receiveInto(LocalCache cache, String code, String clerk, String workstationId) {
        Procedure p = catalogue.get(0);
        Dossier draft = Dossier.draft(p.code(), p.version(), "2025", Channel.IN_PERSON,
                new PersonApplicant("Nguyễn Thị " + code.substring(code.length() - 4), java.time.LocalDate.of(1991, 2, 3), null, "Xã Ia Grai",
                        "0905000001", ""), List.of(), DemoData.communeCode());
        Instant now = Instant.now();
        Transition t = LIFECYCLE.apply(draft, new Command.Receive(code, now.plus(Duration.ofDays(5))), new Actor(user(clerk), Role.CLERK, workstationId),
                now);
        cache.dossierRepository().save(t.dossier(), t.event());
        return code;
    }

    /** A workstation with its own cache, logged in as {@code username}. */
    public Client client(String name, String username, Clock clock) throws Exception {
        Client c = new Client(name, dir.resolve("client-" + name), server.uri(), clock);
        c.login(username);
        clients.add(c);
        return c;
    }

    @Override
    public void close() throws Exception {
        for (Client c : clients) {
            c.close();
        }
        server.close();
    }

    public static void deleteTree(Path p) throws java.io.IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> all = Files.walk(p)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /**
     * One workstation: cache, sync client and engine, and a clock that may be off. Every user who acts here has their
     * own signing key (made the first time they act, as the product makes it at their first login), and the changes
     * they make are signed with it. Each key is enrolled with the server by a login of its own user — at once when the
     * server is reachable, else before the next {@link #sync()} — unless the test turned that off
     * ({@link #enrolKeysAutomatically(boolean)}) to play a user who worked offline before their key reached the server.
     */
    public final class Client implements AutoCloseable {
        public final String name;
        public final Path data;
        public final CacheKey key;
        public final Clock clock;
        public LocalCache cache;
        public SyncClient http;
        public SyncEngine engine;
        private int counter;
        private final URI serverUri;
        private final String cacheId = java.util.UUID.randomUUID().toString();
        private final Map<String, UserKey> userKeys = new java.util.LinkedHashMap<>();
        private final java.util.Set<String> unenrolled = new java.util.LinkedHashSet<>();
        private boolean enrolAutomatically = true;

        public Client(String name, Path data, URI server, Clock clock) throws Exception {
            this(name, data, server, clock, CacheKey.generate());
        }

        public Client(String name, Path data, URI server, Clock clock, CacheKey key) throws Exception {
            this.key = key;
            this.name = name;
            this.data = data;
            this.clock = clock;
            this.cache = CacheOpener.open(data, key);
            this.http = new SyncClient(server, Locale.ENGLISH);
            this.serverUri = server;
        }

        /** The workstation's name as events record it. */
        public String workstationId() {
            return "WS-" + name;
        }

        /** Whether users' keys are enrolled without the test asking (default true). */
        public void enrolKeysAutomatically(boolean on) {
            this.enrolAutomatically = on;
        }

        /** {@code username}'s signing key on this workstation, made the first time (not enrolled by this call). */
        public UserKey userKey(String username) {
            UserKey k = userKeys.computeIfAbsent(username, u -> {
                unenrolled.add(u);
                return UserKey.generate(u, cacheId, workstationId(), clock.instant());
            });
            cache.signCommandsWith(k);
            return k;
        }

        /**
         * Enrols {@code username}'s key (made if need be) with the server, logged in as that user, as the product does
         * after the user's online login here.
         */
        public void enrolKey(String username) throws SyncException {
            UserKey k = userKey(username);
            SyncClient own = new SyncClient(serverUri, Locale.ENGLISH);
            own.login(username, password.toCharArray(), workstationId());
            own.enrolKey(k.enrolment());
            unenrolled.remove(username);
        }

        /** Signs as {@code username} from now on; their key is enrolled now when automatic and the server answers. */
        private void actingAs(String username) {
            userKey(username);
            if (enrolAutomatically && unenrolled.contains(username)) {
                try {
                    enrolKey(username);
                } catch (SyncException e) {
                    // Offline now (a cut cable, a stopped server): enrolled before the next sync.
                }
            }
        }

        public void login(String username) throws SyncException {
            http.login(username, password.toCharArray(), "WS-" + name);
            engine = new SyncEngine(cache, http, "WS-" + name, clock, 10, 50);
            // As the product: the logged-in user's changes are signed with their key (enrolled at the next sync).
            userKey(username);
        }

        /** Closes and reopens the cache (a restart after a crash or a normal stop); the users' keys stay unlocked. */
        public void reopen() throws Exception {
            cache.close();
            cache = CacheOpener.open(data, key);
            userKeys.values().forEach(cache::signCommandsWith);
            engine = new SyncEngine(cache, http, "WS-" + name, clock, 10, 50);
        }

        public SyncEngine.Report sync() throws SyncException {
            if (enrolAutomatically) {
                for (String u : List.copyOf(unenrolled)) {
                    enrolKey(u);
                }
            }
            return engine.syncOnce(SyncEngine.Progress.NONE);
        }

        /** The clerk receives a new dossier at the counter; returns its code. */
        public String receive(String clerk) {
            Procedure p = catalogue.get(counter % catalogue.size());
            String code = "H21.17-" + name + "-" + String.format("%05d", ++counter);
            Transition t = reception(p, code, "Nguyễn Văn " + name + counter, actor(clerk, Role.CLERK), clock.instant());
            actingAs(clerk);
            cache.dossierRepository().save(t.dossier(), t.event());
            return code;
        }

        /**
         * A dossier received by the clerk, assigned by the head, processed and submitted by the specialist on this
         * workstation, and synced: awaiting the head's approval here and on the server.
         */
        public String pendingApproval() throws SyncException {
            String code = receive(CLERK);
            act(code, new Command.Assign(SPECIALIST), HEAD, Role.HEAD);
            act(code, new Command.StartProcessing(), SPECIALIST, Role.SPECIALIST);
            act(code, new Command.SubmitForApproval(), SPECIALIST, Role.SPECIALIST);
            sync();
            return code;
        }

        /** Applies {@code command} to the local dossier as {@code username} in {@code role}, offline. */
        public Dossier act(String code, Command command, String username, Role role) {
            Dossier d = cache.dossierRepository().findByCode(code).orElseThrow();
            Transition t = LIFECYCLE.apply(d, command, actor(username, role), clock.instant());
            actingAs(username);
            cache.dossierRepository().save(t.dossier(), t.event());
            return t.dossier();
        }

        public Dossier dossier(String code) {
            return cache.dossierRepository().findByCode(code).orElseThrow();
        }

        public Actor actor(String username, Role role) {
            return new Actor(user(username), role, "WS-" + name);
        }

        @Override
        public void close() {
            cache.close();
        }
    }
}
