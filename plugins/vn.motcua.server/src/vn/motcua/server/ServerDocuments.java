package vn.motcua.server;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import vn.motcua.sync.api.Messages.DocumentInfo;
import vn.motcua.sync.api.Messages.UploadState;
import vn.motcua.sync.api.Protocol;

/**
 * Dossiers' documents on the server: content-addressed files uploaded in chunks (an interrupted upload resumes at the
 * offset the server reports; a file becomes visible only once its bytes match its SHA-256), and document rows tied to
 * a dossier the caller's agency may see (its own, or transferred to it; reading also one it held by transfer
 * before) — the same rule as for pulls.
 */
final class ServerDocuments {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final List<String> KINDS = List.of("ATTACHMENT", "DRAFT_RESULT", "SIGNED_RESULT", "ISSUED_RESULT", "APPROVAL_RECORD");
    private final ServerDatabase db;

    ServerDocuments(ServerDatabase db) {
        this.db = db;
    }

    UploadState state(String sha256, Locale locale) throws SyncService.Refusal, SQLException {
        check(sha256, locale);
        try (ServerDatabase.Pooled p = db.borrow()) {
            return state(p.connection(), sha256);
        }
    }

    private static UploadState state(Connection c, String sha256) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT byte_size FROM stored_file WHERE sha256 = ?")) {
            s.setString(1, sha256);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    return new UploadState(sha256, r.getLong(1), true);
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(OCTET_LENGTH(data)), 0) FROM file_chunk WHERE sha256 = ?")) {
            s.setString(1, sha256);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new UploadState(sha256, r.getLong(1), false);
            }
        }
    }

    /**
     * Stores one chunk at {@code offset}, which must be what the server already has (else 409 with the right offset in
     * the message, and the client asks the state again). The last chunk assembles and checks the file.
     */
    UploadState putChunk(String sha256, long offset, long total, byte[] data, Locale locale) throws SyncService.Refusal, SQLException {
        check(sha256, locale);
        if (total <= 0 || total > Protocol.MAX_FILE || data.length == 0 || data.length > Protocol.MAX_CHUNK || offset + data.length > total) {
            throw new SyncService.Refusal(413, "fileSize", SyncService.text(locale, "fileSize", total, Protocol.MAX_FILE));
        }
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            c.setAutoCommit(false);
            try {
                // One upload of a file at a time: the row lock on its first chunk (or the insert's key) serialises them.
                UploadState have = state(c, sha256);
                if (have.complete()) {
                    c.commit();
                    return have;
                }
                if (have.received() != offset) {
                    throw new SyncService.Refusal(409, "offset", SyncService.text(locale, "offset", sha256, have.received(), offset));
                }
                try (PreparedStatement s = c.prepareStatement("INSERT INTO file_chunk (sha256, chunk_offset, data) VALUES (?, ?, ?)")) {
                    s.setString(1, sha256);
                    s.setLong(2, offset);
                    s.setBytes(3, data);
                    s.executeUpdate();
                }
                UploadState now = new UploadState(sha256, offset + data.length, false);
                if (now.received() == total) {
                    now = assemble(c, sha256, total, locale);
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

    private static UploadState assemble(Connection c, String sha256, long total, Locale locale) throws SQLException, SyncService.Refusal {
        ByteArrayOutputStream all = new ByteArrayOutputStream((int) total);
        try (PreparedStatement s = c.prepareStatement("SELECT data FROM file_chunk WHERE sha256 = ? ORDER BY chunk_offset")) {
            s.setString(1, sha256);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    all.writeBytes(r.getBytes(1));
                }
            }
        }
        byte[] bytes = all.toByteArray();
        try (PreparedStatement s = c.prepareStatement("DELETE FROM file_chunk WHERE sha256 = ?")) {
            s.setString(1, sha256);
            s.executeUpdate();
        }
        if (!sha256(bytes).equals(sha256)) {
            // The chunks are dropped in this same transaction only if it commits: do it, then refuse.
            c.commit();
            throw new SyncService.Refusal(422, "fileHash", SyncService.text(locale, "fileHash", sha256));
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO stored_file (sha256, byte_size, content) VALUES (?, ?, ?)")) {
            s.setString(1, sha256);
            s.setLong(2, bytes.length);
            s.setBytes(3, bytes);
            s.executeUpdate();
        }
        return new UploadState(sha256, bytes.length, true);
    }

    /** Records a document of a dossier the caller may see, once its file is complete; a repeat changes nothing. */
    void add(SyncService.Caller caller, DocumentInfo d, Locale locale) throws SyncService.Refusal, SQLException {
        ApprovalProofs.refusePosted(d, locale);
        check(d.sha256(), locale);
        if (!KINDS.contains(d.kind()) || d.name() == null || d.name().isBlank()) {
            throw new SyncService.Refusal(400, "document", SyncService.text(locale, "document", d.dossierCode()));
        }
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            requireVisible(c, caller, d.dossierCode(), false, locale);
            if (!state(c, d.sha256()).complete()) {
                throw new SyncService.Refusal(409, "fileMissing", SyncService.text(locale, "fileMissing", d.sha256()));
            }
            try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM dossier_document WHERE dossier_code = ? AND kind = ? AND sha256 = ?")) {
                s.setString(1, d.dossierCode());
                s.setString(2, d.kind());
                s.setString(3, d.sha256());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    if (r.getLong(1) > 0) {
                        return;
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO dossier_document (dossier_code, kind, sha256, name, media_type, created_at, "
                    + "created_by, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setString(1, d.dossierCode());
                s.setString(2, d.kind());
                s.setString(3, d.sha256());
                s.setString(4, d.name());
                s.setString(5, d.mediaType() == null ? "application/octet-stream" : d.mediaType());
                s.setTimestamp(6, Timestamp.from(d.createdAt() == null ? java.time.Instant.now() : d.createdAt()));
                s.setString(7, d.createdBy() == null ? caller.user().username() : d.createdBy());
                s.setString(8, d.note() == null ? "" : d.note());
                s.executeUpdate();
            }
        }
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
