package vn.motcua.server;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import vn.motcua.core.model.DocumentContent;
import vn.motcua.core.model.Role;
import vn.motcua.core.text.DocumentNames;

import vn.motcua.sync.api.Messages.DocumentInfo;
import vn.motcua.sync.api.Messages.UploadState;
import vn.motcua.sync.api.Protocol;

/**
 * Dossiers' documents on the server: content-addressed files uploaded in chunks (an interrupted upload resumes at the
 * offset the server reports; a file becomes visible only once its bytes match its SHA-256), and document rows tied to
 * a dossier the caller's agency may see (its own, or transferred to it; reading also one it held by transfer
 * before) — the same rule as for pulls.
 *
 * <p>An upload names the dossier it is for ({@code ?dossier=CODE}) and is accepted only from an agency that may add to
 * that dossier; its chunks are kept per file and dossier, so agencies never see or disturb each other's uploads, and
 * chunks untouched for {@code upload.abandon.hours} are deleted. A document row may name a file only for a dossier
 * whose uploader sent all its bytes ({@code file_holder}): knowing a SHA-256 never lets anyone attach, and so read,
 * someone else's file. The row's creator, time and name are the server's (the caller's username, the server's clock,
 * the name sanitised by {@link DocumentNames}), never the body's; which kinds a caller may post is
 * {@link #mayPost}.
 */
final class ServerDocuments {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern DOSSIER_CODE = Pattern.compile("[\\p{L}\\p{N}._/-]{1,64}");
    private static final List<String> KINDS = List.of("ATTACHMENT", "DRAFT_RESULT", "SIGNED_RESULT", "ISSUED_RESULT", "APPROVAL_RECORD");
    /** Kinds whose acceptance depends on the caller's roles alone. */
    private static final Map<String, Set<Role>> POSTED_BY = Map.of("ATTACHMENT", EnumSet.of(Role.CLERK, Role.SPECIALIST, Role.HEAD),
            "DRAFT_RESULT", EnumSet.of(Role.SPECIALIST, Role.HEAD));
    private static final int NOTE_MAX = 4000;
    private final ServerDatabase db;
    private final Clock clock;
    private final Safeguards rules;

    ServerDocuments(ServerDatabase db, Clock clock, Safeguards rules) {
        this.db = db;
        this.clock = clock;
        this.rules = rules;
    }

    /** How much of a file the server has for an upload to {@code dossierCode}, to a caller who may add to that dossier. */
    UploadState state(SyncService.Caller caller, String sha256, String dossierCode, Locale locale) throws SyncService.Refusal, SQLException {
        check(sha256, locale);
        checkDossier(dossierCode, locale);
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            requireVisible(c, caller, dossierCode, false, locale);
            return state(c, sha256, dossierCode);
        }
    }

    private static UploadState state(Connection c, String sha256, String dossierCode) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT f.byte_size FROM file_holder h JOIN stored_file f ON f.sha256 = h.sha256 WHERE h.sha256 = ? AND h.dossier_code = ?")) {
            s.setString(1, sha256);
            s.setString(2, dossierCode);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return new UploadState(sha256, r.getLong(1), true);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(byte_count), 0) FROM upload_chunk WHERE sha256 = ? AND dossier_code = ?")) {
            s.setString(1, sha256);
            s.setString(2, dossierCode);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new UploadState(sha256, r.getLong(1), false);
            }
        }
    }

    /**
     * Stores one chunk of an upload for {@code dossierCode} at {@code offset}, which must be what the server already has
     * (else 409 with the right offset in the message, and the client asks the state again). The last chunk assembles
     * and checks the file.
     */
    UploadState putChunk(SyncService.Caller caller, String sha256, String dossierCode, long offset, long total, byte[] data, Locale locale)
            throws SyncService.Refusal, SQLException {
        check(sha256, locale);
        checkDossier(dossierCode, locale);
        if (total <= 0 || total > Protocol.MAX_FILE || data.length == 0 || data.length > Protocol.MAX_CHUNK || offset < 0 || offset + data.length > total) {
            throw new SyncService.Refusal(413, "fileSize", SyncService.text(locale, "fileSize", total, Protocol.MAX_FILE));
        }
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            requireVisible(c, caller, dossierCode, false, locale);
            String agency = caller.user().agencyCode();
            c.setAutoCommit(false);
            try {
                // One upload of a file for a dossier at a time: the insert's key serialises them.
                UploadState have = state(c, sha256, dossierCode);
                if (have.complete()) {
                    c.commit();
                    return have;
                }
                if (have.received() != offset) {
                    throw new SyncService.Refusal(409, "offset", SyncService.text(locale, "offset", sha256, have.received(), offset));
                }
                long pending = pendingBytes(c, agency);
                if (pending + data.length > rules.pendingUploadBytes()) {
                    throw new SyncService.Refusal(413, "uploadsPending", SyncService.text(locale, "uploadsPending", agency,
                            pending / (1024 * 1024), rules.pendingUploadBytes() / (1024 * 1024)));
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO upload_chunk (sha256, dossier_code, chunk_offset, agency_code, byte_count, data, "
                        + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    s.setString(1, sha256);
                    s.setString(2, dossierCode);
                    s.setLong(3, offset);
                    s.setString(4, agency);
                    s.setInt(5, data.length);
                    s.setBytes(6, data);
                    s.setTimestamp(7, Timestamp.from(clock.instant()));
                    s.executeUpdate();
                }
                UploadState now = new UploadState(sha256, offset + data.length, false);
                if (now.received() == total) {
                    now = assemble(c, caller, sha256, dossierCode, total, locale);
                }
                c.commit();
                return now;
            } catch (SyncService.Refusal | SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static long pendingBytes(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(byte_count), 0) FROM upload_chunk WHERE agency_code = ?")) {
            s.setString(1, agency);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private UploadState assemble(Connection c, SyncService.Caller caller, String sha256, String dossierCode, long total, Locale locale)
            throws SQLException, SyncService.Refusal {
        ByteArrayOutputStream all = new ByteArrayOutputStream((int) total);
        try (PreparedStatement s = c.prepareStatement("SELECT data FROM upload_chunk WHERE sha256 = ? AND dossier_code = ? ORDER BY chunk_offset")) {
            s.setString(1, sha256);
            s.setString(2, dossierCode);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    all.writeBytes(r.getBytes(1));
                }
            }
        }
        byte[] bytes = all.toByteArray();
        try (PreparedStatement s = c.prepareStatement("DELETE FROM upload_chunk WHERE sha256 = ? AND dossier_code = ?")) {
            s.setString(1, sha256);
            s.setString(2, dossierCode);
            s.executeUpdate();
        }
        if (!sha256(bytes).equals(sha256)) {
            // The chunks are dropped in this same transaction only if it commits: do it, then refuse.
            c.commit();
            throw new SyncService.Refusal(422, "fileHash", SyncService.text(locale, "fileHash", sha256));
        }
        boolean stored;
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM stored_file WHERE sha256 = ?")) {
            s.setString(1, sha256);
            try (ResultSet r = s.executeQuery()) {
                stored = r.next();
            }
        }
        if (!stored) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO stored_file (sha256, byte_size, content) VALUES (?, ?, ?)")) {
                s.setString(1, sha256);
                s.setLong(2, bytes.length);
                s.setBytes(3, bytes);
                s.executeUpdate();
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO file_holder (sha256, dossier_code, proved_by, proved_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, sha256);
            s.setString(2, dossierCode);
            s.setString(3, caller.user().username());
            s.setTimestamp(4, Timestamp.from(clock.instant()));
            s.executeUpdate();
        }
        return new UploadState(sha256, bytes.length, true);
    }

    /** Deletes uploads (all their chunks) with no chunk received for {@code upload.abandon.hours}. */
    int purgeAbandoned(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM upload_chunk WHERE (sha256, dossier_code) IN (SELECT sha256, dossier_code "
                + "FROM upload_chunk GROUP BY sha256, dossier_code HAVING MAX(received_at) < ?)")) {
            s.setTimestamp(1, Timestamp.from(clock.instant().minus(rules.abandonUploadsAfter())));
            return s.executeUpdate();
        }
    }

    /**
     * Records a document of a dossier the caller may add to, once its file was uploaded for that dossier; a repeat
     * changes nothing. Creator, time, name and media type are decided here.
     */
    void add(SyncService.Caller caller, DocumentInfo d, Locale locale) throws SyncService.Refusal, SQLException {
        ApprovalProofs.refusePosted(d, locale);
        check(d.sha256(), locale);
        checkDossier(d.dossierCode(), locale);
        String name = DocumentNames.sanitise(d.name(), "");
        if (!KINDS.contains(d.kind()) || name.isEmpty() || (d.note() != null && d.note().length() > NOTE_MAX)) {
            throw new SyncService.Refusal(400, "document", SyncService.text(locale, "document", d.dossierCode()));
        }
        mayPost(caller, d.kind(), locale);
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            requireVisible(c, caller, d.dossierCode(), false, locale);
            if (!state(c, d.sha256(), d.dossierCode()).complete()) {
                throw new SyncService.Refusal(409, "fileMissing", SyncService.text(locale, "fileMissing", d.sha256()));
            }
            insertRow(c, d.dossierCode(), d.kind(), d.sha256(), name, mediaType(c, d.sha256(), d.kind()), clock.instant(), caller.user().username(),
                    d.note() == null ? "" : d.note());
        }
    }

    /**
     * The document row of a dossier, unless it has one of that kind and SHA-256 already (a retried request): the one
     * writer of {@code dossier_document}, for posted documents and for the proofs an approval or an issue carries.
     */
    static void insertRow(Connection c, String code, String kind, String sha256, String name, String mediaType, java.time.Instant at, String by,
            String note) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM dossier_document WHERE dossier_code = ? AND kind = ? AND sha256 = ?")) {
            s.setString(1, code);
            s.setString(2, kind);
            s.setString(3, sha256);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                if (r.getLong(1) > 0) {
                    return;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO dossier_document (dossier_code, kind, sha256, name, media_type, created_at, "
                + "created_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, code);
            s.setString(2, kind);
            s.setString(3, sha256);
            s.setString(4, name);
            s.setString(5, mediaType);
            s.setTimestamp(6, Timestamp.from(at));
            s.setString(7, by);
            s.setString(8, note);
            s.executeUpdate();
        }
    }

    /**
     * Whether the caller's roles let them post a document of this kind. The signed kinds (SIGNED_RESULT,
     * APPROVAL_RECORD, ISSUED_RESULT) are accepted here as before, on the dossier's visibility alone: their rule —
     * the signature verified and bound to the head's account — belongs with the signature checks (issue 20,
     * "sigcheck"), which replace this branch.
     */
    private static void mayPost(SyncService.Caller caller, String kind, Locale locale) throws SyncService.Refusal {
        Set<Role> allowed = POSTED_BY.get(kind);
        if (allowed == null) {
            return; // the signed kinds: see above
        }
        if (caller.user().roles().stream().noneMatch(allowed::contains)) {
            throw new SyncService.Refusal(403, "document.kind", SyncService.text(locale, "document.kind", caller.user().username(),
                    SyncService.text(locale, "kind." + kind)));
        }
    }

    /** The media type by the file's first bytes, never the body's word. */
    private static String mediaType(Connection c, String sha256, String kind) throws SQLException {
        byte[] head;
        try (PreparedStatement s = c.prepareStatement("SELECT SUBSTRING(content FROM 1 FOR 8) FROM stored_file WHERE sha256 = ?")) {
            s.setString(1, sha256);
            try (ResultSet r = s.executeQuery()) {
                head = r.next() ? r.getBytes(1) : new byte[0];
            }
        }
        String type = DocumentContent.recognisedType(head);
        if (type != null) {
            return type;
        }
        return "APPROVAL_RECORD".equals(kind) && head.length > 0 && head[0] == 0x30 ? "application/pkcs7-signature" : "application/octet-stream";
    }

    List<DocumentInfo> list(SyncService.Caller caller, String dossierCode, Locale locale) throws SyncService.Refusal, SQLException {
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            requireVisible(c, caller, dossierCode, true, locale);
            List<DocumentInfo> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT d.kind, d.sha256, f.byte_size, d.name, d.media_type, d.created_at, d.created_by, d.note "
                    + "FROM dossier_document d JOIN stored_file f ON f.sha256 = d.sha256 WHERE d.dossier_code = ? ORDER BY d.id")) {
                s.setString(1, dossierCode);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        out.add(new DocumentInfo(dossierCode, r.getString(1), r.getString(2), r.getLong(3), r.getString(4), r.getString(5),
                                r.getTimestamp(6).toInstant(), r.getString(7), r.getString(8)));
                    }
                }
            }
            return out;
        }
    }

    /** A file's bytes, for a caller who may see a dossier it belongs to. */
    byte[] file(SyncService.Caller caller, String sha256, Locale locale) throws SyncService.Refusal, SQLException {
        check(sha256, locale);
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            boolean visible = false;
            try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT d.dossier_code FROM dossier_document d WHERE d.sha256 = ?")) {
                s.setString(1, sha256);
                try (ResultSet r = s.executeQuery()) {
                    while (!visible && r.next()) {
                        visible = isVisible(c, caller, r.getString(1), true);
                    }
                }
            }
            if (!visible) {
                throw new SyncService.Refusal(404, "fileMissing", SyncService.text(locale, "fileMissing", sha256));
            }
            try (PreparedStatement s = c.prepareStatement("SELECT content FROM stored_file WHERE sha256 = ?")) {
                s.setString(1, sha256);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getBytes(1);
                }
            }
        }
    }

    private static void requireVisible(Connection c, SyncService.Caller caller, String code, boolean reading, Locale locale)
            throws SQLException, SyncService.Refusal {
        if (!isVisible(c, caller, code, reading)) {
            throw new SyncService.Refusal(403, "agency", SyncService.text(locale, "reject.agency", code, caller.user().agencyCode()));
        }
    }

    /**
     * The owner and the current holder read and add; an agency that held the dossier by transfer before (server schema
     * 6) still reads, as it still pulls the dossier.
     */
    private static boolean isVisible(Connection c, SyncService.Caller caller, String code, boolean reading) throws SQLException {
        String agency = caller.user().agencyCode();
        try (PreparedStatement s = c.prepareStatement("SELECT agency_code, transferred_to FROM dossier WHERE code = ?")) {
            s.setString(1, code);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return false;
                }
                if (agency.equals(r.getString(1)) || agency.equals(r.getString(2))) {
                    return true;
                }
            }
        }
        if (!reading) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM dossier_former_holder WHERE agency_code = ? AND dossier_code = ?")) {
            s.setString(1, agency);
            s.setString(2, code);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    private static void checkDossier(String code, Locale locale) throws SyncService.Refusal {
        if (code == null || !DOSSIER_CODE.matcher(code).matches()) {
            throw new SyncService.Refusal(400, "dossierParam", SyncService.text(locale, "dossierParam", code == null ? "" : code));
        }
    }

    private static void check(String sha256, Locale locale) throws SyncService.Refusal {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new SyncService.Refusal(400, "badRequest", SyncService.text(locale, "badRequest", "sha256"));
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
