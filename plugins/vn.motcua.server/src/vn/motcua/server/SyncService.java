package vn.motcua.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import vn.motcua.core.code.NumberBlock;
import vn.motcua.core.code.NumberBlockIssuer;
import vn.motcua.core.code.OfflineFallbackPolicy;
import vn.motcua.core.i18n.Localizer;
import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Commands;
import vn.motcua.core.lifecycle.Lifecycle;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.lifecycle.TransitionException;
import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.sync.api.Messages;
import vn.motcua.sync.api.Messages.AdminReference;
import vn.motcua.sync.api.Messages.LoginResponse;
import vn.motcua.sync.api.Messages.NumberBlockRequest;
import vn.motcua.sync.api.Messages.NumberBlockResponse;
import vn.motcua.sync.api.Messages.Outcome;
import vn.motcua.sync.api.Messages.PullResponse;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.PushResult;
import vn.motcua.sync.api.Messages.ReferenceData;
import vn.motcua.sync.api.Messages.UserAccount;
import vn.motcua.sync.api.SyncEquality;
import vn.motcua.sync.api.SyncJson;

/**
 * What the sync server does, transport aside: logins and tokens, applying pushed changes at most once with
 * the shared {@link Lifecycle}, the change log in commit order, pulls filtered by agency, reference data and
 * number blocks. Each pushed command is its own transaction.
 */
public final class SyncService {
    private static final Localizer TEXT = Localizer.of(SyncService.class, "messages");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final String UNIQUE_VIOLATION = "23505";
    static final String SCHEDULES = "official-schedules.txt";

    private final ServerDatabase db;
    private final ServerConfig config;
    private final SyncJson json = new SyncJson();
    private final Passwords passwords = new Passwords();
    private final Tokens tokens;
    private final LoginGuard loginGuard;
    private final Logins logins;
    private final NumberBlockQuota blockQuota;
    private final KeyWrap keyWrap;
    private final Lifecycle lifecycle = Lifecycle.standard();
    private final NumberBlockIssuer blocks = new NumberBlockIssuer(OfflineFallbackPolicy.standard());
    private final Clock clock;
    private final String serverId;

    /**
     * A caller authenticated by a token; {@code passwordLoginAt}: when its session was opened by password (null when it
     * was renewed with a signing key, or opened before the server recorded it).
     */
    public record Caller(User user, String workstation, Instant passwordLoginAt) {
        public Caller(User user, String workstation) {
            this(user, workstation, null);
        }
    }

    /** A refusal with an HTTP status and a stable code; the message is already in the caller's language. */
    public static class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        public final int status;
        public final String code;

        Refusal(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }

    /** A training server (workshops), never holding real data. */
    public boolean training() {
        return config.training();
    }

    /** The dossiers' documents (files uploaded in chunks, document rows). */
    ServerDocuments documents() {
        return documents;
    }

    private ServerDocuments documents;
    /** Who did it (docs/sync-protocol.md): users' signing keys, each pushed change's proof, sessions renewed by key. */
    private final UserKeys userKeys;
    private final CommandAuthenticity authenticity;
    private final SessionRenewal renewal;

    UserKeys userKeys() {
        return userKeys;
    }

    SessionRenewal renewal() {
        return renewal;
    }

    /** The certificate bindings an admin keeps (server schema 9). */
    CertificateBindings certificates() {
        return certificates;
    }

    private final CertificateBindings certificates;
    private final ApprovalProofs proofs;

    public SyncService(ServerDatabase db, ServerConfig config, Clock clock) throws SQLException, IOException {
        this.documents = new ServerDocuments(db, clock, config.safeguards());
        this.userKeys = new UserKeys(db, clock);
        this.authenticity = new CommandAuthenticity(clock, json);
        this.renewal = new SessionRenewal(this, db, clock);
        this.db = db;
        this.config = config;
        this.clock = clock;
        this.tokens = new Tokens(clock, config.tokenLifetime());
        this.loginGuard = new LoginGuard(db, config.safeguards(), clock);
        this.logins = new Logins(db, loginGuard, passwords, tokens);
        this.blockQuota = new NumberBlockQuota(config.safeguards());
        this.keyWrap = KeyWrap.load(config.safeguards());
        vn.motcua.sign.trust.TrustStore trust = vn.motcua.sign.trust.TrustStore.withIntermediates(config.signatures().trustDir());
        System.getLogger(SyncService.class.getName()).log(System.Logger.Level.INFO, "signature trust: " + trust.anchors().size() + " anchors, "
                + trust.intermediates().size() + " intermediates from " + config.signatures().trustDir());
        this.certificates = new CertificateBindings(db, trust, config.training(), clock);
        this.proofs = new ApprovalProofs(certificates, trust, config.signatures(), config.training(), clock);
        this.serverId = ensureServerId();
        int wrapped = keyWrap.rewrap(db, false);
        if (wrapped > 0) {
            System.getLogger(SyncService.class.getName()).log(System.Logger.Level.INFO, "Wrapped {0} workstation keys kept in clear before", wrapped);
        }
        if (!config.adminUsername().isEmpty()) {
            bootstrapAdmin();
        }
    }

    public String serverId() {
        return serverId;
    }

    static String text(Locale locale, String key, Object... args) {
        return TEXT.format(locale, key, args);
    }

    /** A moment as the refusals show it (Vietnam's time). */
    static String shown(Instant at) {
        return SHOWN.format(at.atZone(VIETNAM));
    }

    private String ensureServerId() throws SQLException {
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            try (PreparedStatement s = c.prepareStatement("SELECT info_value FROM server_info WHERE name = 'server.id'");
                    ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return r.getString(1);
                }
            }
            String id = UUID.randomUUID().toString();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO server_info (name, info_value) VALUES ('server.id', ?)")) {
                s.setString(1, id);
                s.executeUpdate();
            }
            return id;
        }
    }

    /** The first administrator, from the configuration, when the server has no users yet. */
    private void bootstrapAdmin() throws SQLException {
        // Hashed before a connection is held; no password configured: an account nobody can log in to ("!").
        String hash = config.adminPassword().isEmpty() ? null : passwords.hash(config.adminPassword());
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM server_user"); ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getLong(1) > 0) {
                    return;
                }
            }
            upsertUser(c, new User(config.adminUsername(), config.adminUsername(), config.adminAgency(), EnumSet.of(Role.ADMIN)), hash, true);
        }
    }

    // ---- authentication ----

    /** A password login from {@code address} (decided by the handler), throttled and timed alike for unknown users ({@link Logins}). */
    public LoginResponse login(String username, String password, String workstation, String address, Locale locale) throws Refusal, SQLException {
        Logins.Accepted a = logins.login(username, password, workstation, address, locale);
        return new LoginResponse(a.token().token(), a.token().expiresAt(), a.user(), serverId, config.training());
    }

    /** Ends the session of this token (and only it). */
    public void logout(String bearer, Locale locale) throws Refusal, SQLException {
        authenticate(bearer, locale);
        try (ServerDatabase.Pooled p = db.borrow()) {
            Tokens.revoke(p.connection(), bearer);
        }
    }

    /** Expired tokens, forgotten login failures, abandoned uploads: removed now ({@link Housekeeping} calls it). */
    Housekeeping.Purged purge() throws SQLException {
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            return new Housekeeping.Purged(tokens.purgeExpired(c), loginGuard.purge(c), documents.purgeAbandoned(c));
        }
    }

    /** A new session of {@code user}: a password login, or a renewal proven by the user's key ({@code byPassword} false). */
    LoginResponse issueToken(Connection c, User user, String workstation, boolean byPassword) throws SQLException {
        Tokens.Issued t = tokens.issue(c, user.username(), workstation, byPassword);
        return new LoginResponse(t.token(), t.expiresAt(), user, serverId, config.training());
    }

    /**
     * Keeps the key of a new workstation's cache for the caller's agency. Writing the same key again is harmless (a
     * retried request); another key for the same cache is refused.
     */
    public void putWorkstationKey(Caller caller, String cacheId, String key, Locale locale) throws Refusal, SQLException {
        if (cacheId == null || !cacheId.matches("[0-9a-fA-F-]{8,64}") || key == null || !key.matches("[A-Za-z0-9+/=]{20,100}")) {
            throw new Refusal(400, "workstationKey.invalid", text(locale, "workstationKey.invalid"));
        }
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            Optional<String[]> held = workstationKey(c, cacheId);
            if (held.isPresent()) {
                if (!MessageDigest.isEqual(held.get()[1].getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8))) {
                    throw new Refusal(409, "workstationKey.taken", text(locale, "workstationKey.taken", cacheId));
                }
                return;
            }
            KeyWrap.Wrapped wrapped = keyWrap.wrap(cacheId, caller.user().agencyCode(), key);
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO workstation_key (cache_id, agency_code, cache_key, key_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, cacheId);
                s.setString(2, caller.user().agencyCode());
                s.setString(3, wrapped.value());
                s.setString(4, wrapped.keyId());
                s.setString(5, caller.user().username());
                s.setTimestamp(6, Timestamp.from(clock.instant()));
                s.executeUpdate();
            }
        }
    }

    /** The key of a workstation's cache, to a caller of the agency the workstation belongs to. */
    public Messages.WorkstationKey workstationKey(Caller caller, String cacheId, Locale locale) throws Refusal, SQLException {
        try (ServerDatabase.Pooled p = db.borrow()) {
            String[] held = workstationKey(p.connection(), cacheId)
                    .orElseThrow(() -> new Refusal(404, "workstationKey.none", text(locale, "workstationKey.none", cacheId)));
            if (!held[0].equals(caller.user().agencyCode())) {
                throw new Refusal(403, "workstationKey.agency", text(locale, "workstationKey.agency", cacheId, held[0], caller.user().agencyCode()));
            }
            return new Messages.WorkstationKey(cacheId, held[1], held[0]);
        }
    }

    /** {agency, key} of a cache, if the server holds it. */
    private Optional<String[]> workstationKey(Connection c, String cacheId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT agency_code, cache_key, key_id FROM workstation_key WHERE cache_id = ?")) {
            s.setString(1, cacheId);
            try (ResultSet r = s.executeQuery()) {
                // Wrapped under a server key outside the database (KeyWrap); a row of before server schema 7 is wrapped at start.
                return r.next() ? Optional.of(new String[] { r.getString(1),
                        r.getString(3) == null ? r.getString(2) : keyWrap.unwrap(cacheId, r.getString(1), r.getString(3), r.getString(2)) })
                        : Optional.empty();
            }
        }
    }

    public Caller authenticate(String bearer, Locale locale) throws Refusal, SQLException {
        if (bearer == null || bearer.isBlank()) {
            throw new Refusal(401, "auth.required", text(locale, "auth.required"));
        }
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT username, workstation, expires_at, opened_by, opened_at FROM session_token WHERE token_hash = ?")) {
                s.setString(1, sha256(bearer.strip()));
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next() || r.getTimestamp(3).toInstant().isBefore(clock.instant())) {
                        throw new Refusal(401, "auth.required", text(locale, "auth.required"));
                    }
                    Optional<StoredUser> u = user(c, r.getString(1));
                    if (u.isEmpty() || !u.get().active) {
                        throw new Refusal(401, "auth.required", text(locale, "auth.required"));
                    }
                    Timestamp opened = r.getTimestamp(5);
                    return new Caller(u.get().user, r.getString(2), "password".equals(r.getString(4)) && opened != null ? opened.toInstant() : null);
                }
            }
        }
    }

    record StoredUser(User user, String hash, boolean active) {
    }

    static Optional<StoredUser> user(Connection c, String username) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT username, full_name, agency_code, roles, password_hash, active FROM server_user WHERE username = ?")) {
            s.setString(1, username);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredUser(new User(r.getString(1), r.getString(2), r.getString(3), roles(r.getString(4))),
                        r.getString(5), r.getBoolean(6)));
            }
        }
    }

    private static Set<Role> roles(String s) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).map(Role::valueOf).forEach(out::add);
        return out;
    }

    /** @param newHash the new password's hash, made before the transaction ({@link Logins#hashes}); null keeps the stored one */
    private void upsertUser(Connection c, User u, String newHash, boolean active) throws SQLException {
        Optional<StoredUser> existing = user(c, u.username());
        String hash = newHash == null ? existing.map(StoredUser::hash).orElse("!") : newHash;
        if (existing.isPresent() && (!hash.equals(existing.get().hash()) || !active || !u.agencyCode().equals(existing.get().user().agencyCode()))) {
            // A changed password, a deactivated account or a move to another agency ends every open session.
            Tokens.revokeUser(c, u.username());
        }
        String roles = u.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        String sql = existing.isPresent()
                ? "UPDATE server_user SET full_name = ?, agency_code = ?, roles = ?, password_hash = ?, active = ? WHERE username = ?"
                : "INSERT INTO server_user (full_name, agency_code, roles, password_hash, active, username) VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, u.fullName());
            s.setString(2, u.agencyCode());
            s.setString(3, roles);
            s.setString(4, hash);
            s.setBoolean(5, active);
            s.setString(6, u.username());
            s.executeUpdate();
        }
    }

    // ---- reference data ----

    /** The admin replaces or adds procedures, agencies and users, in one transaction. */
    public void putReference(Caller caller, AdminReference ref, Locale locale) throws Refusal, SQLException {
        if (!caller.user().roles().contains(Role.ADMIN)) {
            throw new Refusal(403, "forbidden", text(locale, "forbidden", caller.user().username(), text(locale, "role.admin")));
        }
        if (ref.officialSchedules() != null) {
            try {
                vn.motcua.core.calendar.OfficialSchedule.parse(ref.officialSchedules(), SCHEDULES);
            } catch (RuntimeException e) {
                // Nothing is stored: a bad schedule would shift every workstation's appointment dates.
                throw new Refusal(400, "badSchedule", e.getMessage());
            }
        }
        java.util.Map<String, String> hashes = logins.hashes(ref.users() == null ? List.of() : ref.users());
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            c.setAutoCommit(false);
            if (ref.officialSchedules() != null) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM reference_text WHERE name = ?")) {
                    d.setString(1, SCHEDULES);
                    d.executeUpdate();
                }
                try (PreparedStatement i = c.prepareStatement("INSERT INTO reference_text (name, body) VALUES (?, ?)")) {
                    i.setString(1, SCHEDULES);
                    i.setString(2, ref.officialSchedules());
                    i.executeUpdate();
                }
            }
            for (Agency a : ref.agencies() == null ? List.<Agency>of() : ref.agencies()) {
                upsert(c, "agency", "code", a.code(), null, json.writeString(a));
            }
            for (Procedure pr : ref.procedures() == null ? List.<Procedure>of() : ref.procedures()) {
                try (PreparedStatement d = c.prepareStatement("DELETE FROM procedure_def WHERE code = ? AND version = ?")) {
                    d.setString(1, pr.code());
                    d.setInt(2, pr.version());
                    d.executeUpdate();
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO procedure_def (code, version, body) VALUES (?, ?, ?)")) {
                    s.setString(1, pr.code());
                    s.setInt(2, pr.version());
                    s.setString(3, json.writeString(pr));
                    s.executeUpdate();
                }
            }
            for (UserAccount ua : ref.users() == null ? List.<UserAccount>of() : ref.users()) {
                upsertUser(c, ua.user(), hashes.get(ua.user().username()), ua.active());
            }
            c.commit();
        }
    }

    private static void upsert(Connection c, String table, String keyColumn, String key, String unused, String body) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE " + table + " SET body = ? WHERE " + keyColumn + " = ?")) {
            u.setString(1, body);
            u.setString(2, key);
            if (u.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement i = c.prepareStatement("INSERT INTO " + table + " (" + keyColumn + ", body) VALUES (?, ?)")) {
            i.setString(1, key);
            i.setString(2, body);
            i.executeUpdate();
        }
    }

    public ReferenceData reference(Caller caller) throws SQLException, IOException {
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            List<Procedure> procedures = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM procedure_def ORDER BY code, version"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    procedures.add(json.read(r.getString(1), Procedure.class));
                }
            }
            List<Agency> agencies = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM agency ORDER BY code"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    agencies.add(json.read(r.getString(1), Agency.class));
                }
            }
            List<User> users = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT username, full_name, agency_code, roles FROM server_user WHERE agency_code = ? AND active = TRUE ORDER BY username")) {
                s.setString(1, caller.user().agencyCode());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        users.add(new User(r.getString(1), r.getString(2), r.getString(3), roles(r.getString(4))));
                    }
                }
            }
            String schedules = null;
            try (PreparedStatement s = c.prepareStatement("SELECT body FROM reference_text WHERE name = ?")) {
                s.setString(1, SCHEDULES);
                try (ResultSet r = s.executeQuery()) {
                    schedules = r.next() ? r.getString(1) : null;
                }
            }
            return new ReferenceData(procedures, agencies, users, schedules);
        }
    }

    // ---- push ----

    public List<PushResult> push(Caller caller, List<PushCommand> commands, Locale locale) throws SQLException, IOException {
        List<PushResult> out = new ArrayList<>();
        java.util.Set<String> waiting = new java.util.HashSet<>();
        for (PushCommand c : commands) {
            // A change made on top of one that waits for its actor's key waits too (it would only conflict now).
            PushResult r = waiting.contains(c.dossierCode()) ? authenticity.behindWaiting(c, locale) : pushOne(caller, c, locale, 0);
            if (r.outcome() == Outcome.WAITING) {
                waiting.add(c.dossierCode());
            }
            out.add(r);
        }
        return out;
    }

    private PushResult pushOne(Caller caller, PushCommand cmd, Locale locale, int attempt) throws SQLException, IOException {
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            c.setAutoCommit(false);
            try {
                Optional<PushResult> seen = previousAnswer(c, cmd.mutationId());
                if (seen.isPresent()) {
                    c.rollback();
                    return seen.get();
                }
                Optional<PushResult> unproven = authenticity.check(c, caller, cmd, locale);
                if (unproven.isPresent()) {
                    c.rollback();
                    return unproven.get();
                }
                PushResult result = apply(c, caller, cmd, locale);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO applied_mutation (mutation_id, workstation, dossier_code, outcome, reason, log_position) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, cmd.mutationId());
                    s.setString(2, caller.workstation());
                    s.setString(3, cmd.dossierCode() == null ? "" : cmd.dossierCode());
                    s.setString(4, result.outcome().name());
                    s.setString(5, result.reason());
                    s.setLong(6, result.position());
                    s.executeUpdate();
                }
                if (config.commitDelayMillisForTests() > 0 && result.outcome() == Outcome.APPLIED
                        && cmd.dossierCode().contains(config.commitDelayMatchForTests())) {
                    // Test hook: hold the transaction open after taking a position (commit-order proof). The line
                    // tells the test the position is held, so it need not guess with a sleep.
                    System.out.println("test hook: holding the commit of " + cmd.dossierCode() + " at position " + result.position()
                            + " for " + config.commitDelayMillisForTests() + " ms");
                    System.out.flush();
                    Thread.sleep(config.commitDelayMillisForTests());
                }
                c.commit();
                return result;
            } catch (SQLException e) {
                c.rollback();
                // The same change delivered twice at once, or a dossier created twice: the retry sees the winner.
                if (UNIQUE_VIOLATION.equals(e.getSQLState()) && attempt < 2) {
                    return pushOne(caller, cmd, locale, attempt + 1);
                }
                throw e;
            } catch (InterruptedException e) {
                c.rollback();
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
            }
        }
    }

    private Optional<PushResult> previousAnswer(Connection c, String mutationId) throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement("SELECT outcome, reason, log_position, dossier_code FROM applied_mutation WHERE mutation_id = ?")) {
            s.setString(1, mutationId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Outcome first = Outcome.valueOf(r.getString(1));
                Dossier current = first == Outcome.REJECTED ? dossier(c, r.getString(4), false).map(StoredDossier::dossier).orElse(null) : null;
                return Optional.of(new PushResult(mutationId, Outcome.DUPLICATE, first, r.getString(2), current, r.getLong(3)));
            }
        }
    }

    private record StoredDossier(Dossier dossier, String agency, String transferredTo) {
    }

    private Optional<StoredDossier> dossier(Connection c, String code, boolean forUpdate) throws SQLException, IOException {
        try (PreparedStatement s = c.prepareStatement("SELECT body, agency_code, transferred_to FROM dossier WHERE code = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            s.setString(1, code);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new StoredDossier(json.read(r.getString(1), Dossier.class), r.getString(2), r.getString(3)))
                        : Optional.empty();
            }
        }
    }

    private PushResult apply(Connection c, Caller caller, PushCommand cmd, Locale locale) throws SQLException, IOException {
        DossierEvent event = cmd.event();
        Dossier after = cmd.after();
        String code = cmd.dossierCode();
        String agency = caller.user().agencyCode();
        Optional<StoredDossier> stored = dossier(c, code, true);
        Dossier base;
        if (stored.isEmpty()) {
            // A dossier born on a workstation: only its first step, from a counter draft, creates it here.
            if (event.sequence() != 1 || event.fromStatus() != DossierStatus.DRAFT || after == null) {
                return rejected(cmd, text(locale, "reject.unknownDossier", code), null);
            }
            if (!agency.equals(after.agencyCode())) {
                return rejected(cmd, text(locale, "reject.agency", code, agency), null);
            }
            base = Dossier.draft(after.procedureCode(), after.procedureVersion(), after.rulePackId(), after.channel(), after.applicant(),
                    after.papers(), after.agencyCode());
        } else {
            StoredDossier s = stored.get();
            if (!agency.equals(s.agency()) && !agency.equals(s.transferredTo())) {
                return rejected(cmd, text(locale, "reject.agency", code, agency), null);
            }
            base = s.dossier();
            if (base.events().size() != event.sequence() - 1) {
                DossierEvent last = base.lastEvent().orElseThrow();
                return rejected(cmd, text(locale, "reject.conflict", code, last.action().displayName(locale), last.actorUsername(),
                        SHOWN.format(last.at().atZone(VIETNAM))), base);
            }
        }
        Optional<StoredUser> actorAccount = user(c, event.actorUsername());
        if (actorAccount.isEmpty() || !actorAccount.get().active || !actorAccount.get().user.agencyCode().equals(agency)) {
            return rejected(cmd, text(locale, "reject.actor", event.actorUsername(), agency), stored.map(StoredDossier::dossier).orElse(null));
        }
        Transition t;
        try {
            Command command = Commands.replay(event, after);
            t = lifecycle.apply(base, command, new Actor(actorAccount.get().user, event.actorRole(), event.workstationId()), event.at());
        } catch (TransitionException e) {
            return rejected(cmd, text(locale, "reject.lifecycle", code, e.message(locale)), stored.map(StoredDossier::dossier).orElse(null));
        } catch (RuntimeException e) {
            return rejected(cmd, text(locale, "reject.lifecycle", code, String.valueOf(e.getMessage())), stored.map(StoredDossier::dossier).orElse(null));
        }
        if (!SyncEquality.sameEvent(t.event(), event) || !code.equals(t.dossier().code())) {
            return rejected(cmd, text(locale, "reject.mismatch", event.action().displayName(locale), code), stored.map(StoredDossier::dossier).orElse(null));
        }
        Dossier result = t.dossier();
        // Approving and issuing count only with their verified signatures, recorded here in this same transaction.
        String unproven = proofs.verifyAndRecord(c, cmd, t.event(), result, agency, locale);
        if (unproven != null) {
            return rejected(cmd, unproven, stored.map(StoredDossier::dossier).orElse(null));
        }
        String transferredTo = stored.map(StoredDossier::transferredTo).orElse(null);
        if (event.action() == DossierAction.TRANSFER) {
            String before = transferredTo;
            transferredTo = event.targetAgencyCode();
            if (before != null && !before.equals(transferredTo) && !before.equals(result.agencyCode())) {
                keepFormerHolder(c, before, code);
            }
        }
        // The change counter is the transaction's last write (commit order): nothing after this line but the dossier row.
        long position = nextPosition(c);
        String body = json.writeString(result);
        if (stored.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO dossier (code, agency_code, transferred_to, event_count, status, log_position, body) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, code);
                s.setString(2, result.agencyCode());
                s.setString(3, transferredTo);
                s.setInt(4, result.events().size());
                s.setString(5, result.status().name());
                s.setLong(6, position);
                s.setString(7, body);
                s.executeUpdate();
            }
        } else {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE dossier SET transferred_to = ?, event_count = ?, status = ?, log_position = ?, body = ? WHERE code = ?")) {
                s.setString(1, transferredTo);
                s.setInt(2, result.events().size());
                s.setString(3, result.status().name());
                s.setLong(4, position);
                s.setString(5, body);
                s.setString(6, code);
                s.executeUpdate();
            }
        }
        return new PushResult(cmd.mutationId(), Outcome.APPLIED, Outcome.APPLIED, null, null, position);
    }

    /**
     * The next change-log position. Taken as the last write of the transaction: the counter row stays locked
     * until commit, so positions are handed out — and become visible — in commit order.
     */
    private static long nextPosition(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE change_counter SET log_position = log_position + 1 WHERE id = 1")) {
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT log_position FROM change_counter WHERE id = 1"); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static PushResult rejected(PushCommand cmd, String reason, Dossier current) {
        return new PushResult(cmd.mutationId(), Outcome.REJECTED, Outcome.REJECTED, reason, current, 0);
    }

    // ---- pull ----

    /** Dossiers the caller may see, changed after {@code cursor}, oldest change first. */
    /**
     * The wire form of {@link PullResponse} with each dossier's stored JSON passed through as it is: a page is
     * read and sent without parsing and re-writing a thousand dossiers.
     */
    public record RawPullResponse(List<RawChange> changes, long cursor, boolean more, long head, String serverId) {
    }

    public record RawChange(long position, @com.fasterxml.jackson.annotation.JsonRawValue String dossier) {
    }

    public RawPullResponse pull(Caller caller, long cursor, int limit) throws SQLException, IOException {
        int n = Math.max(1, Math.min(limit, vn.motcua.sync.api.Protocol.MAX_PAGE));
        String agency = caller.user().agencyCode();
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            long head;
            try (PreparedStatement s = c.prepareStatement("SELECT log_position FROM change_counter WHERE id = 1"); ResultSet r = s.executeQuery()) {
                r.next();
                head = r.getLong(1);
            }
            // Two index range scans (own agency, transferred to it), each stopping after n + 1 rows, merged by position.
            // Each is ordered by its index's own columns: H2 (2.5) reads an index in order and stops at the limit only
            // then — ordered by log_position alone, or as one UNION statement, it read every row after the cursor
            // (6 s for the first page at 100,000 dossiers, so a first sync cost the server the square of its size).
            // Both stop at the head read above: everything up to it has committed, so the two statements, each with
            // its own snapshot, see the same changes (a change committed between them could otherwise be passed over).
            List<RawChange> own = changes(c, "SELECT log_position, body FROM dossier WHERE agency_code = ? AND log_position > ?"
                    + " AND log_position <= ? ORDER BY agency_code, log_position LIMIT ?", List.of(agency), cursor, head, n + 1);
            List<RawChange> transferred = changes(c, "SELECT log_position, body FROM dossier WHERE transferred_to = ? AND agency_code <> ?"
                    + " AND log_position > ? AND log_position <= ? ORDER BY transferred_to, log_position LIMIT ?", List.of(agency, agency), cursor,
                    head, n + 1);
            // Dossiers this agency held by transfer and passed on (few: a join, sorted).
            List<RawChange> passedOn = changes(c, "SELECT d.log_position, d.body FROM dossier_former_holder f JOIN dossier d ON d.code = f.dossier_code"
                    + " WHERE f.agency_code = ? AND d.agency_code <> ? AND (d.transferred_to IS NULL OR d.transferred_to <> ?)"
                    + " AND d.log_position > ? AND d.log_position <= ? ORDER BY d.log_position LIMIT ?", List.of(agency, agency, agency), cursor,
                    head, n + 1);
            List<RawChange> changes = mergeByPosition(n + 1, own, transferred, passedOn);
            boolean more = changes.size() > n;
            if (more) {
                changes = changes.subList(0, n);
            }
            long next = changes.isEmpty() ? Math.max(cursor, 0) : changes.get(changes.size() - 1).position();
            // Without more changes visible, the head is safe to jump to: everything below it has committed.
            if (!more) {
                next = Math.max(next, head);
            }
            return new RawPullResponse(changes, next, more, head, serverId);
        }
    }

    /** The first {@code limit} rows of lists each ordered by position, in position order (a position is in one list only). */
    @SafeVarargs
    private static List<RawChange> mergeByPosition(int limit, List<RawChange>... lists) {
        List<RawChange> out = new ArrayList<>();
        int[] at = new int[lists.length];
        while (out.size() < limit) {
            int best = -1;
            for (int k = 0; k < lists.length; k++) {
                if (at[k] < lists[k].size() && (best < 0 || lists[k].get(at[k]).position() < lists[best].get(at[best]).position())) {
                    best = k;
                }
            }
            if (best < 0) {
                break;
            }
            out.add(lists[best].get(at[best]++));
        }
        return out;
    }

    /** An agency that held the dossier by transfer and passed it on keeps receiving its changes (server schema 6). */
    private static void keepFormerHolder(Connection c, String agency, String code) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM dossier_former_holder WHERE agency_code = ? AND dossier_code = ?")) {
            q.setString(1, agency);
            q.setString(2, code);
            try (ResultSet r = q.executeQuery()) {
                if (r.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO dossier_former_holder (agency_code, dossier_code) VALUES (?, ?)")) {
            s.setString(1, agency);
            s.setString(2, code);
            s.executeUpdate();
        }
    }

    /** Rows (position, body) of a pull statement: {@code keys}, then the positions' bounds, then the limit are bound. */
    private static List<RawChange> changes(Connection c, String sql, List<String> keys, long after, long upTo, int limit) throws SQLException {
        List<RawChange> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (String k : keys) {
                s.setString(i++, k);
            }
            s.setLong(i++, after);
            s.setLong(i++, upTo);
            s.setInt(i, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new RawChange(r.getLong(1), r.getString(2)));
                }
            }
        }
        return out;
    }

    // ---- number blocks ----

    public NumberBlockResponse reserveBlock(Caller caller, NumberBlockRequest req, Locale locale) throws SQLException, Refusal {
        String agency = caller.user().agencyCode();
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(clock.withZone(VIETNAM));
        LocalDate day = req.day() == null ? now.toLocalDate() : req.day();
        blockQuota.checkRequest(req.size(), day, now.toLocalDate(), locale);
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            c.setAutoCommit(false);
            // Serialise reservations of one agency on its agency row (or the counter when the agency is unknown).
            try (PreparedStatement s = c.prepareStatement("SELECT code FROM agency WHERE code = ? FOR UPDATE")) {
                s.setString(1, agency);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        try (PreparedStatement l = c.prepareStatement("SELECT log_position FROM change_counter WHERE id = 1 FOR UPDATE")) {
                            l.executeQuery().close();
                        }
                    }
                }
            }
            blockQuota.checkQuota(c, agency, caller.workstation(), day, now, locale);
            int highest;
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(last_number), 0) FROM number_block WHERE agency_code = ? AND issue_day = ?")) {
                s.setString(1, agency);
                s.setObject(2, day);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    highest = r.getInt(1);
                }
            }
            NumberBlock b = blocks.reserve(agency, day, caller.workstation(), highest, req.size());
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO number_block (agency_code, issue_day, first_number, last_number, workstation) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, agency);
                s.setObject(2, day);
                s.setInt(3, b.from());
                s.setInt(4, b.to());
                s.setString(5, caller.workstation());
                s.executeUpdate();
            }
            int slot = fallbackSlot(c, agency, caller.workstation());
            c.commit();
            return new NumberBlockResponse(agency, day, b.from(), b.to(), slot);
        }
    }

    /**
     * The workstation's slot of the offline number slices, given at its first block and kept: the lowest slot free in
     * its agency, 0 when all are taken. Called with the agency's reservations serialised (see {@link #reserveBlock}).
     */
    private int fallbackSlot(Connection c, String agency, String workstation) throws SQLException {
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        try (PreparedStatement s = c.prepareStatement("SELECT workstation, slot FROM workstation_slot WHERE agency_code = ?")) {
            s.setString(1, agency);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (r.getString(1).equals(workstation)) {
                        return r.getInt(2);
                    }
                    taken.add(r.getInt(2));
                }
            }
        }
        for (int slot = 1; slot <= OfflineFallbackPolicy.standard().maxSlots(); slot++) {
            if (!taken.contains(slot)) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO workstation_slot (agency_code, workstation, slot) VALUES (?, ?, ?)")) {
                    s.setString(1, agency);
                    s.setString(2, workstation);
                    s.setInt(3, slot);
                    s.executeUpdate();
                }
                return slot;
            }
        }
        return 0;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
