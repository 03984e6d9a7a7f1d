package vn.motcua.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import vn.motcua.core.model.Role;
import vn.motcua.sign.ResultProofs;
import vn.motcua.sign.SigningCertificate;
import vn.motcua.sign.trust.CertificateChecks;
import vn.motcua.sign.trust.TrustResult;
import vn.motcua.sign.trust.TrustStore;
import vn.motcua.sync.api.Messages.CertificateBinding;
import vn.motcua.sync.api.Messages.CertificateChange;

/**
 * Which certificates count for whom (server schema 9): an admin binds a head's personal certificate to their account
 * and an agency's organisation (seal) certificate to the agency; {@link ApprovalProofs} accepts an approval or a seal
 * only from a certificate bound so at the time the server applies it. Rows are never deleted — unbinding ends a row — so
 * the table is the history of who bound or unbound what, and when. A certificate is bound only when it is usable for
 * signing and chains to the server's trust anchors (a training server also takes practice certificates).
 */
final class CertificateBindings {
    private static final System.Logger LOG = System.getLogger(CertificateBindings.class.getName());
    /** A certificate's text (PEM or base64 DER) beyond this is not one. */
    private static final int MAX_CERTIFICATE_CHARS = 20_000;

    enum Kind {
        /** A user's own signing certificate (owner: username). */
        PERSONAL,
        /** An agency's organisation certificate used when issuing (owner: agency code). */
        SEAL
    }

    private final ServerDatabase db;
    private final TrustStore trust;
    private final boolean training;
    private final Clock clock;

    CertificateBindings(ServerDatabase db, TrustStore trust, boolean training, Clock clock) {
        this.db = db;
        this.trust = trust;
        this.training = training;
        this.clock = clock;
    }

    /** Every binding, in force or ended, newest first (ADMIN role). */
    List<CertificateBinding> list(SyncService.Caller caller, Locale locale) throws SyncService.Refusal, SQLException {
        requireAdmin(caller, locale);
        try (ServerDatabase.Pooled p = db.borrow()) {
            List<CertificateBinding> out = new ArrayList<>();
            try (PreparedStatement s = p.connection().prepareStatement("SELECT id, kind, owner, thumbprint, subject, issuer, serial, not_after, bound_by, "
                    + "bound_at, unbound_by, unbound_at, note FROM certificate_binding ORDER BY id DESC"); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new CertificateBinding(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                            r.getString(7), r.getTimestamp(8).toInstant(), r.getString(9), r.getTimestamp(10).toInstant(), r.getString(11),
                            r.getTimestamp(12) == null ? null : r.getTimestamp(12).toInstant(), r.getString(13)));
                }
            }
            return out;
        }
    }

    /** Binds or unbinds as the admin asks (ADMIN role); returns the row written or ended. */
    CertificateBinding change(SyncService.Caller caller, CertificateChange change, Locale locale) throws SyncService.Refusal, SQLException {
        requireAdmin(caller, locale);
        Kind kind = kind(change.kind(), locale);
        String owner = change.owner() == null ? "" : change.owner().strip();
        String note = change.note() == null ? "" : change.note().strip();
        if (note.length() > 1000) {
            note = note.substring(0, 1000);
        }
        String action = change.action() == null ? "" : change.action().strip().toUpperCase(Locale.ROOT);
        if (!action.equals("BIND") && !action.equals("UNBIND")) {
            throw new SyncService.Refusal(400, "certificate.action", SyncService.text(locale, "certificate.action", String.valueOf(change.action())));
        }
        X509Certificate cert = action.equals("BIND") ? parse(change.certificate(), locale) : null;
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            c.setAutoCommit(false);
            // Binding changes are rare: one at a time, so a certificate cannot be bound to two owners by two racing admins.
            try (PreparedStatement s = c.prepareStatement("SELECT info_value FROM server_info WHERE name = 'server.id' FOR UPDATE")) {
                s.executeQuery().close();
            }
            requireOwner(c, kind, owner, locale);
            CertificateBinding out = action.equals("BIND") ? bind(c, caller, kind, owner, cert, note, locale)
                    : unbind(c, caller, kind, owner, change.thumbprint(), note, locale);
            c.commit();
            LOG.log(System.Logger.Level.INFO, "certificate " + action + " " + kind + " " + owner + " " + out.thumbprint() + " by "
                    + caller.user().username());
            return out;
        }
    }

    private CertificateBinding bind(Connection c, SyncService.Caller caller, Kind kind, String owner, X509Certificate cert, String note, Locale locale)
            throws SQLException, SyncService.Refusal {
        Instant now = clock.instant();
        List<CertificateChecks.Problem> problems = CertificateChecks.problems(cert, now);
        if (!problems.isEmpty()) {
            throw new SyncService.Refusal(400, "certificate.unusable", SyncService.text(locale, "certificate.unusable",
                    problems.stream().map(x -> x.text(locale)).collect(Collectors.joining("; "))));
        }
        TrustResult t = trust.validate(List.of(cert), java.util.Date.from(now));
        if (!t.trusted() && !(training && ResultProofs.isTraining(cert))) {
            throw new SyncService.Refusal(400, "certificate.untrusted", SyncService.text(locale, "certificate.untrusted", String.valueOf(t.problem())));
        }
        String thumb = SigningCertificate.thumbprint(cert);
        for (CertificateBinding b : inForce(c, thumb)) {
            if (b.kind().equals(kind.name()) && b.owner().equals(owner)) {
                return b; // asked again: nothing new
            }
            throw new SyncService.Refusal(409, "certificate.taken", SyncService.text(locale, "certificate.taken", thumb, b.owner()));
        }
        long id = insert(c, kind, owner, cert, caller.user().username(), note, now);
        return byId(c, id);
    }

    private CertificateBinding unbind(Connection c, SyncService.Caller caller, Kind kind, String owner, String thumbprint, String note, Locale locale)
            throws SQLException, SyncService.Refusal {
        String thumb = thumbprint == null ? "" : thumbprint.strip().toUpperCase(Locale.ROOT);
        Optional<Long> id = active(c, kind, owner, thumb);
        if (id.isEmpty()) {
            throw new SyncService.Refusal(404, "certificate.notBound", SyncService.text(locale, "certificate.notBound", thumb, owner));
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE certificate_binding SET unbound_by = ?, unbound_at = ?, note = ? WHERE id = ?")) {
            s.setString(1, caller.user().username());
            s.setTimestamp(2, Timestamp.from(clock.instant()));
            s.setString(3, note.isEmpty() ? byId(c, id.get()).note() : note);
            s.setLong(4, id.get());
            s.executeUpdate();
        }
        return byId(c, id.get());
    }

    /** The id of the binding in force of {@code thumbprint} (upper-case hex) to this owner, inside the caller's transaction. */
    Optional<Long> active(Connection c, Kind kind, String owner, String thumbprint) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM certificate_binding WHERE thumbprint = ? AND kind = ? AND owner = ? AND unbound_at IS NULL ORDER BY id")) {
            s.setString(1, thumbprint);
            s.setString(2, kind.name());
            s.setString(3, owner);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * On a training server only: a practice certificate used by an owner who has none bound yet is bound to them on
     * this first use (by "training-first-use"), since each practice token is made on the trainee's own PC. Later uses
     * must be by that certificate, so even a workshop cannot approve in someone else's name. Empty when not allowed.
     */
    Optional<Long> bindOnFirstUse(Connection c, Kind kind, String owner, X509Certificate cert) throws SQLException {
        if (!training || !ResultProofs.isTraining(cert)) {
            return Optional.empty();
        }
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM certificate_binding WHERE kind = ? AND owner = ? AND unbound_at IS NULL")) {
            s.setString(1, kind.name());
            s.setString(2, owner);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getLong(1) > 0) {
                    return Optional.empty();
                }
            }
        }
        if (!inForce(c, SigningCertificate.thumbprint(cert)).isEmpty()) {
            return Optional.empty(); // someone else's practice certificate
        }
        return Optional.of(insert(c, kind, owner, cert, "training-first-use", "practice certificate, bound on first use (training server)",
                clock.instant()));
    }

    private static long insert(Connection c, Kind kind, String owner, X509Certificate cert, String by, String note, Instant now) throws SQLException {
        SigningCertificate sc = SigningCertificate.of(cert, "server", now);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO certificate_binding (kind, owner, thumbprint, subject, issuer, serial, not_after, "
                + "certificate, bound_by, bound_at, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", java.sql.Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, kind.name());
            s.setString(2, owner);
            s.setString(3, sc.thumbprint());
            s.setString(4, cut(cert.getSubjectX500Principal().getName(), 1000));
            s.setString(5, cut(cert.getIssuerX500Principal().getName(), 1000));
            s.setString(6, sc.serialHex());
            s.setTimestamp(7, Timestamp.from(sc.notAfter()));
            s.setString(8, Base64.getEncoder().encodeToString(cert.getEncoded()));
            s.setString(9, by);
            s.setTimestamp(10, Timestamp.from(now));
            s.setString(11, note);
            s.executeUpdate();
            try (ResultSet k = s.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<CertificateBinding> inForce(Connection c, String thumbprint) throws SQLException {
        List<CertificateBinding> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM certificate_binding WHERE thumbprint = ? AND unbound_at IS NULL ORDER BY id")) {
            s.setString(1, thumbprint);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(byId(c, r.getLong(1)));
                }
            }
        }
        return out;
    }

    private static CertificateBinding byId(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT id, kind, owner, thumbprint, subject, issuer, serial, not_after, bound_by, bound_at, "
                + "unbound_by, unbound_at, note FROM certificate_binding WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new CertificateBinding(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                        r.getString(7), r.getTimestamp(8).toInstant(), r.getString(9), r.getTimestamp(10).toInstant(), r.getString(11),
                        r.getTimestamp(12) == null ? null : r.getTimestamp(12).toInstant(), r.getString(13));
            }
        }
    }

    private static void requireAdmin(SyncService.Caller caller, Locale locale) throws SyncService.Refusal {
        if (!caller.user().roles().contains(Role.ADMIN)) {
            throw new SyncService.Refusal(403, "forbidden", SyncService.text(locale, "forbidden", caller.user().username(), SyncService.text(locale, "role.admin")));
        }
    }

    private static Kind kind(String kind, Locale locale) throws SyncService.Refusal {
        try {
            return Kind.valueOf(kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SyncService.Refusal(400, "certificate.kind", SyncService.text(locale, "certificate.kind", String.valueOf(kind)));
        }
    }

    /** A personal certificate's owner is an active account; a seal's is a known agency. */
    private static void requireOwner(Connection c, Kind kind, String owner, Locale locale) throws SQLException, SyncService.Refusal {
        String sql = kind == Kind.PERSONAL ? "SELECT 1 FROM server_user WHERE username = ? AND active = TRUE" : "SELECT 1 FROM agency WHERE code = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, owner);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SyncService.Refusal(404, "certificate.owner", SyncService.text(locale, "certificate.owner." + kind, owner));
                }
            }
        }
    }

    /** PEM text or base64 DER, one certificate. */
    static X509Certificate parse(String text, Locale locale) throws SyncService.Refusal {
        if (text == null || text.isBlank() || text.length() > MAX_CERTIFICATE_CHARS) {
            throw new SyncService.Refusal(400, "certificate.unreadable", SyncService.text(locale, "certificate.unreadable"));
        }
        try {
            String t = text.strip();
            byte[] bytes = t.startsWith("-----BEGIN") ? t.getBytes(StandardCharsets.US_ASCII) : Base64.getMimeDecoder().decode(t);
            List<X509Certificate> certs = TrustStore.parse(bytes);
            if (certs.size() != 1) {
                throw new IOException(certs.size() + " certificates");
            }
            return certs.get(0);
        } catch (IOException | IllegalArgumentException e) {
            throw new SyncService.Refusal(400, "certificate.unreadable", SyncService.text(locale, "certificate.unreadable"));
        }
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
