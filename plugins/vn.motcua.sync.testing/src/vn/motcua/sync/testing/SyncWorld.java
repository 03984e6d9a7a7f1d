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
import vn.motcua.sync.api.Messages.AdminReference;
import vn.motcua.sync.api.Messages.UserAccount;
import vn.motcua.training.DemoData;

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
    public final ServerProcess server;
    public final List<Client> clients = new ArrayList<>();
    public final List<Procedure> catalogue;
    public final List<User> users;
    private final List<vn.motcua.core.model.Agency> agencies;
    private final String password;

    public SyncWorld(Path dir, Map<String, String> serverSettings) throws Exception {
        this(dir, serverSettings, PASSWORD);
    }

    /** @param password of every staff account on the server (the product logs in to the server with the password typed at login) */
    public SyncWorld(Path dir, Map<String, String> serverSettings, String password) throws Exception {
        this.password = password;
        this.dir = dir;
        this.server = new ServerProcess(dir.resolve("server"), serverSettings).start();
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

    /** The admin adds agencies and their staff (same password as the others) to the server's reference data. */
    public void addStaff(List<vn.motcua.core.model.Agency> moreAgencies, List<User> moreUsers) throws Exception {
        agencies.addAll(moreAgencies);
        users.addAll(moreUsers);
        SyncClient admin = new SyncClient(server.uri(), Locale.ENGLISH);
        admin.login("admin", "admin-pw-123".toCharArray(), "admin-console");
        admin.putReference(new AdminReference(catalogue, agencies, users.stream().map(u -> new UserAccount(u, password, true)).toList(),
                builtInSchedules() + EXTRA_DAY_OFF));
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

    /** One workstation: cache, sync client and engine, and a clock that may be off. */
    public final class Client implements AutoCloseable {
        public final String name;
        public final Path data;
        public final CacheKey key;
        public final Clock clock;
        public LocalCache cache;
        public SyncClient http;
        public SyncEngine engine;
        private int counter;

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
        }

        public void login(String username) throws SyncException {
            http.login(username, password.toCharArray(), "WS-" + name);
            engine = new SyncEngine(cache, http, "WS-" + name, clock, 10, 50);
        }

        /** Closes and reopens the cache (a restart after a crash or a normal stop). */
        public void reopen() throws Exception {
            cache.close();
            cache = CacheOpener.open(data, key);
            engine = new SyncEngine(cache, http, "WS-" + name, clock, 10, 50);
        }

        public SyncEngine.Report sync() throws SyncException {
            return engine.syncOnce(SyncEngine.Progress.NONE);
        }

        /** The clerk receives a new dossier at the counter; returns its code. */
        public String receive(String clerk) {
            Procedure p = catalogue.get(counter % catalogue.size());
            String code = "H21.17-" + name + "-" + String.format("%05d", ++counter);
            Transition t = reception(p, code, "Nguyễn Văn " + name + counter, actor(clerk, Role.CLERK), clock.instant());
            cache.dossierRepository().save(t.dossier(), t.event());
            return code;
        }

        /** Applies {@code command} to the local dossier as {@code username} in {@code role}, offline. */
        public Dossier act(String code, Command command, String username, Role role) {
            Dossier d = cache.dossierRepository().findByCode(code).orElseThrow();
            Transition t = LIFECYCLE.apply(d, command, actor(username, role), clock.instant());
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
