package vn.motcua.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import vn.motcua.core.i18n.Localizer;
import vn.motcua.core.model.Role;
import vn.motcua.sync.api.Messages.ReferenceData;
import vn.motcua.sync.api.UpdateProtocol;
import vn.motcua.sync.api.UpdateProtocol.PackageInfo;
import vn.motcua.sync.api.UpdateProtocol.Rollout;
import vn.motcua.sync.api.UpdateProtocol.UpdateAnswer;
import vn.motcua.sync.api.UpdateProtocol.UpdateCheck;
import vn.motcua.sync.api.UpdateProtocol.WorkstationVersion;
import vn.motcua.update.PackageException;
import vn.motcua.update.PackageHeader;
import vn.motcua.update.ReleaseTrust;
import vn.motcua.update.SignedPackage;
import vn.motcua.update.VerifiedPackage;
import vn.motcua.update.Versions;

/**
 * Updates through the province, transport aside: administrators upload signed packages (checked against the province's
 * release certificate before anything is stored), release a client version to agencies and a share of their
 * workstations, and see which workstation runs which version; workstations report their version and are told what to
 * install. The server never changes a package: workstations verify each one against their own release certificate.
 */
public final class UpdateService {
    private static final Localizer TEXT = Localizer.of(UpdateService.class, "update-messages");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern TOKEN = Pattern.compile("[0-9A-Za-z._-]{1,80}");
    private static final Pattern AGENCY = Pattern.compile("[0-9A-Za-z._-]{1,40}");
    private static final int MAX_SETTINGS_ANSWER = 20;

    private final ServerDatabase db;
    private final UpdateSettings settings;
    private final Clock clock;

    public UpdateService(ServerDatabase db, UpdateSettings settings, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
    }

    static String text(Locale locale, String key, Object... args) {
        return TEXT.format(locale, key, args);
    }

    long maxPackageBytes() {
        return settings.maxPackageBytes();
    }

    private static void requireAdmin(SyncService.Caller caller, Locale locale) throws SyncService.Refusal {
        if (!caller.user().roles().contains(Role.ADMIN)) {
            throw new SyncService.Refusal(403, "updates.forbidden", text(locale, "updates.forbidden", caller.user().username()));
        }
    }

    // ---- packages ----

    /**
     * Stores a signed package read from {@code body} (at most the configured size), after its signature was checked
     * against the release certificate; the same package again is answered as it was stored.
     */
    public PackageInfo upload(SyncService.Caller caller, InputStream body, Locale locale) throws SyncService.Refusal, SQLException, IOException {
        requireAdmin(caller, locale);
        if (settings.releaseCertificate() == null) {
            throw new SyncService.Refusal(409, "updates.notConfigured", text(locale, "updates.notConfigured"));
        }
        Files.createDirectories(settings.storeDir());
        Path tmp = settings.storeDir().resolve("upload-" + UUID.randomUUID() + ".tmp");
        Path zip = settings.storeDir().resolve("upload-" + UUID.randomUUID() + ".zip");
        try {
            String sha = receive(body, tmp, locale);
            Optional<PackageInfo> known = find(sha);
            if (known.isPresent()) {
                return known.get();
            }
            ReleaseTrust trust;
            PackageHeader h;
            String files;
            String signer;
            try {
                trust = ReleaseTrust.load(settings.releaseCertificate());
                try (VerifiedPackage pkg = SignedPackage.open(tmp, trust, zip)) {
                    h = pkg.header();
                    signer = pkg.signer().getSubjectX500Principal().getName();
                    files = String.join(" ", pkg.header().client() ? List.of() : new ArrayList<>(pkg.files()));
                }
            } catch (PackageException e) {
                throw new SyncService.Refusal(400, "updates.refused", text(locale, "updates.refused", e.message(locale)));
            }
            if (!PackageHeader.PRODUCT.equals(h.product()) || files.length() > 4000) {
                throw new SyncService.Refusal(400, "updates.refused", text(locale, "updates.refused", h.product()));
            }
            PackageInfo info = new PackageInfo(sha, h.kind(), h.platform(), h.version(), h.base(), h.effective(), Files.size(tmp),
                    signer.length() > 400 ? signer.substring(0, 400) : signer, caller.user().username(), clock.instant());
            try (ServerDatabase.Pooled p = db.borrow()) {
                Connection c = p.connection();
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT sha256 FROM update_package WHERE kind = ? AND platform = ? AND version = ? AND base_version = ?")) {
                    s.setString(1, h.kind());
                    s.setString(2, h.platform());
                    s.setString(3, h.version());
                    s.setString(4, h.base());
                    try (ResultSet r = s.executeQuery()) {
                        if (r.next()) {
                            throw new SyncService.Refusal(409, "updates.duplicateVersion",
                                    text(locale, "updates.duplicateVersion", h.platform(), h.version(), h.base().isEmpty() ? "-" : h.base()));
                        }
                    }
                }
                // The file first, then its row: a row never names a missing file.
                Files.move(tmp, stored(sha), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO update_package (sha256, kind, platform, version, base_version, "
                        + "effective_from, size_bytes, files, signer, uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, sha);
                    s.setString(2, h.kind());
                    s.setString(3, h.platform());
                    s.setString(4, h.version());
                    s.setString(5, h.base());
                    s.setObject(6, h.effective());
                    s.setLong(7, info.size());
                    s.setString(8, files);
                    s.setString(9, info.signer());
                    s.setString(10, info.uploadedBy());
                    s.setTimestamp(11, Timestamp.from(info.uploadedAt()));
                    s.executeUpdate();
                }
            }
            return info;
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(zip);
        }
    }

    /** The body into {@code tmp}, refused past the size limit; its SHA-256. */
    private String receive(InputStream body, Path tmp, Locale locale) throws IOException, SyncService.Refusal {
        MessageDigest md = vn.motcua.update.Digests.sha256();
        long total = 0;
        try (OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = body.read(buf)) > 0;) {
                total += n;
                if (total > settings.maxPackageBytes()) {
                    throw new SyncService.Refusal(413, "updates.tooLarge", text(locale, "updates.tooLarge", settings.maxPackageBytes() >> 20));
                }
                md.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private Path stored(String sha) {
        return settings.storeDir().resolve(sha + ".p7m");
    }

    public List<PackageInfo> packages(SyncService.Caller caller, Locale locale) throws SyncService.Refusal, SQLException {
        requireAdmin(caller, locale);
        return query("SELECT " + PACKAGE_COLUMNS + " FROM update_package ORDER BY uploaded_at");
    }

    private static final String PACKAGE_COLUMNS = "sha256, kind, platform, version, base_version, effective_from, size_bytes, signer, uploaded_by, uploaded_at";

    private List<PackageInfo> query(String sql, Object... args) throws SQLException {
        try (ServerDatabase.Pooled p = db.borrow(); PreparedStatement s = p.connection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<PackageInfo> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    java.sql.Date eff = r.getDate(6);
                    out.add(new PackageInfo(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            eff == null ? null : eff.toLocalDate(), r.getLong(7), r.getString(8), r.getString(9), r.getTimestamp(10).toInstant()));
                }
            }
            return out;
        }
    }

    private Optional<PackageInfo> find(String sha) throws SQLException {
        return query("SELECT " + PACKAGE_COLUMNS + " FROM update_package WHERE sha256 = ?", sha).stream().findFirst();
    }

    /** The stored file of package {@code id}, for any logged-in user (workstations download what they were offered). */
    public Path packageFile(SyncService.Caller caller, String id, Locale locale) throws SyncService.Refusal, SQLException {
        if (!SHA.matcher(id).matches() || find(id).isEmpty() || !Files.isRegularFile(stored(id))) {
            throw new SyncService.Refusal(404, "updates.noPackage", text(locale, "updates.noPackage", id.length() > 70 ? id.substring(0, 70) : id));
        }
        return stored(id);
    }

    // ---- rollouts ----

    /**
     * Releases (or, with 0 %, withdraws) a client version; a package of it must be on the server. A workstation is offered
     * the changed-files package for its own version, else the complete one; without either it stays where it is (and
     * the workstation list shows it).
     */
    public void stage(SyncService.Caller caller, Rollout r, Locale locale) throws SyncService.Refusal, SQLException {
        requireAdmin(caller, locale);
        List<String> agencies = r.agencies() == null ? List.of() : r.agencies();
        if (r.platform() == null || !TOKEN.matcher(r.platform()).matches() || !Versions.valid(r.version()) || r.percent() < 0 || r.percent() > 100
                || agencies.size() > 500 || agencies.stream().anyMatch(a -> a == null || !AGENCY.matcher(a).matches())) {
            throw new SyncService.Refusal(400, "updates.badRollout", text(locale, "updates.badRollout",
                    r.platform() + " " + r.version() + " " + r.percent() + "% " + Math.min(agencies.size(), 9999)));
        }
        if (query("SELECT " + PACKAGE_COLUMNS + " FROM update_package WHERE kind = ? AND platform = ? AND version = ?",
                UpdateProtocol.CLIENT, r.platform(), r.version()).isEmpty()) {
            throw new SyncService.Refusal(409, "updates.versionMissing", text(locale, "updates.versionMissing", r.platform(), r.version()));
        }
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            for (String a : agencies) {
                try (PreparedStatement s = c.prepareStatement("SELECT code FROM agency WHERE code = ?")) {
                    s.setString(1, a);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next()) {
                            throw new SyncService.Refusal(400, "updates.unknownAgency", text(locale, "updates.unknownAgency", a));
                        }
                    }
                }
            }
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement("DELETE FROM update_rollout WHERE platform = ? AND version = ?")) {
                d.setString(1, r.platform());
                d.setString(2, r.version());
                d.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO update_rollout (platform, version, agencies, percent, staged_by, staged_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, r.platform());
                s.setString(2, r.version());
                s.setString(3, String.join(" ", agencies));
                s.setInt(4, r.percent());
                s.setString(5, caller.user().username());
                s.setTimestamp(6, Timestamp.from(clock.instant()));
                s.executeUpdate();
            }
            c.commit();
        }
    }

    public List<Rollout> rollouts(SyncService.Caller caller, Locale locale) throws SyncService.Refusal, SQLException {
        requireAdmin(caller, locale);
        return rollouts();
    }

    private List<Rollout> rollouts() throws SQLException {
        try (ServerDatabase.Pooled p = db.borrow(); PreparedStatement s = p.connection().prepareStatement(
                "SELECT platform, version, agencies, percent, staged_by, staged_at FROM update_rollout"); ResultSet r = s.executeQuery()) {
            List<Rollout> out = new ArrayList<>();
            while (r.next()) {
                String a = r.getString(3);
                out.add(new Rollout(r.getString(1), r.getString(2), a.isEmpty() ? List.of() : List.of(a.split(" ")), r.getInt(4), r.getString(5),
                        r.getTimestamp(6).toInstant()));
            }
            out.sort(Comparator.comparing(Rollout::version, Versions.ORDER));
            return out;
        }
    }

    // ---- workstations ----

    /**
     * A workstation's report and question: records what it runs (under the workstation and user of its session, not
     * what the body claims) and answers the client version released to it, if newer, and the settings packs it lacks.
     */
    public UpdateAnswer check(SyncService.Caller caller, UpdateCheck in, Locale locale) throws SyncService.Refusal, SQLException {
        String settingsVersion = in.settingsVersion() == null ? "" : in.settingsVersion();
        if (in.platform() == null || !TOKEN.matcher(in.platform()).matches() || !Versions.valid(in.version())
                || !settingsVersion.isEmpty() && !TOKEN.matcher(settingsVersion).matches()) {
            throw new SyncService.Refusal(400, "updates.badCheck", text(locale, "updates.badCheck",
                    String.valueOf(in.platform()).substring(0, Math.min(40, String.valueOf(in.platform()).length())) + " "
                            + String.valueOf(in.version()).substring(0, Math.min(40, String.valueOf(in.version()).length()))));
        }
        String problem = in.problem() == null ? null : in.problem().strip();
        if (problem != null && problem.length() > 400) {
            problem = problem.substring(0, 400);
        }
        String workstation = caller.workstation() == null || caller.workstation().isEmpty() ? "?" : caller.workstation();
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement("DELETE FROM workstation_version WHERE workstation = ?")) {
                d.setString(1, workstation);
                d.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO workstation_version (workstation, agency_code, username, platform, "
                    + "version, settings_version, problem, reported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, workstation);
                s.setString(2, caller.user().agencyCode());
                s.setString(3, caller.user().username());
                s.setString(4, in.platform());
                s.setString(5, in.version());
                s.setString(6, settingsVersion);
                s.setString(7, problem);
                s.setTimestamp(8, Timestamp.from(clock.instant()));
                s.executeUpdate();
            }
            c.commit();
        }
        PackageInfo install = null;
        for (Rollout r : rollouts()) {
            if (r.platform().equals(in.platform()) && r.percent() > 0 && Versions.newer(r.version(), in.version())
                    && (r.agencies().isEmpty() || r.agencies().contains(caller.user().agencyCode())) && bucket(workstation) < r.percent()
                    && (install == null || Versions.newer(r.version(), install.version()))) {
                List<PackageInfo> candidates = query("SELECT " + PACKAGE_COLUMNS
                        + " FROM update_package WHERE kind = ? AND platform = ? AND version = ? AND (base_version = '' OR base_version = ?)",
                        UpdateProtocol.CLIENT, r.platform(), r.version(), in.version());
                // Only the changed files when the server has them for this workstation's version, else everything.
                install = candidates.stream().filter(x -> !x.base().isEmpty()).findFirst()
                        .orElse(candidates.stream().findFirst().orElse(install));
            }
        }
        List<PackageInfo> packs = query("SELECT " + PACKAGE_COLUMNS + " FROM update_package WHERE kind = ? ORDER BY version",
                UpdateProtocol.SETTINGS).stream().filter(x -> x.version().compareTo(settingsVersion) > 0).limit(MAX_SETTINGS_ANSWER).toList();
        return new UpdateAnswer(install, packs);
    }

    /** A workstation's stable place in 0..99: raising a release's percentage only adds workstations. */
    static int bucket(String workstation) {
        byte[] h = vn.motcua.update.Digests.sha256().digest(workstation.getBytes(StandardCharsets.UTF_8));
        return Math.floorMod(((h[0] & 0xff) << 8) | (h[1] & 0xff), 100);
    }

    public List<WorkstationVersion> workstations(SyncService.Caller caller, Locale locale) throws SyncService.Refusal, SQLException {
        requireAdmin(caller, locale);
        try (ServerDatabase.Pooled p = db.borrow(); PreparedStatement s = p.connection().prepareStatement(
                "SELECT workstation, agency_code, username, platform, version, settings_version, problem, reported_at FROM workstation_version "
                        + "ORDER BY agency_code, workstation");
                ResultSet r = s.executeQuery()) {
            List<WorkstationVersion> out = new ArrayList<>();
            while (r.next()) {
                out.add(new WorkstationVersion(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getString(7), r.getTimestamp(8).toInstant()));
            }
            return out;
        }
    }

    /**
     * Reference data as workstations receive it: once a signed settings pack carries the official schedules, it is
     * their only source (dated and signed), and the unsigned copy in the reference data is no longer sent.
     */
    public ReferenceData reference(ReferenceData r) throws SQLException {
        if (r.officialSchedules() == null) {
            return r;
        }
        try (ServerDatabase.Pooled p = db.borrow(); PreparedStatement s = p.connection().prepareStatement(
                "SELECT COUNT(*) FROM update_package WHERE kind = ? AND files LIKE ?")) {
            s.setString(1, UpdateProtocol.SETTINGS);
            s.setString(2, "%" + SyncService.SCHEDULES + "%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) == 0 ? r : new ReferenceData(r.procedures(), r.agencies(), r.users(), null);
            }
        }
    }
}
