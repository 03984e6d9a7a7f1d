package vn.motcua.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.ResultDocument;
import vn.motcua.sign.ResultProofs;
import vn.motcua.sign.SigningCertificate;
import vn.motcua.sign.pdf.PdfVerifier;
import vn.motcua.sign.trust.RevocationChecker;
import vn.motcua.sign.trust.TrustStore;
import vn.motcua.sync.api.Messages.DocumentInfo;
import vn.motcua.sync.api.Messages.PushCommand;

/**
 * The signatures that make an approval and an issue count, checked by the server before it applies them (docs/signatures.md,
 * "What the server checks"). An APPROVE is applied only with its signed result and approval record, an ISSUE only with the
 * issued (sealed) result, all uploaded before the push and named in {@link PushCommand#documents()}; the documents are
 * checked with {@link ResultProofs} (offline: revocation only from the answers embedded in the PDF), the certificates must
 * be bound ({@link CertificateBindings}) to the head who approves or to the issuing agency, and the documents are
 * recorded in the push's transaction together with what was verified ({@code document_proof}). Those three kinds are
 * never taken through {@code POST /v1/documents} ({@link #refusePosted}).
 */
final class ApprovalProofs {
    static final String SIGNED_RESULT = "SIGNED_RESULT";
    static final String APPROVAL_RECORD = "APPROVAL_RECORD";
    static final String ISSUED_RESULT = "ISSUED_RESULT";
    /** Documents that exist only as proofs of a change: they travel with their command, never alone. */
    static final Set<String> PROOF_KINDS = Set.of(SIGNED_RESULT, APPROVAL_RECORD, ISSUED_RESULT);
    /** A signed result or record larger than this is not one (a decision is a few pages). */
    static final long MAX_PROOF_BYTES = 16L << 20;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final CertificateBindings bindings;
    private final ResultProofs proofs;
    private final Clock clock;

    ApprovalProofs(CertificateBindings bindings, TrustStore trust, SignatureSettings settings, boolean training, Clock clock) {
        this.bindings = bindings;
        // No network from the server: only what the signer embedded (PAdES B-LT) says whether a certificate was revoked.
        this.proofs = new ResultProofs(new PdfVerifier(trust), trust, new ResultProofs.Policy(training, settings.revocationRequired()));
        this.clock = clock;
    }

    /** {@code POST /v1/documents} of a proof kind is refused: those documents come only with their command. */
    static void refusePosted(DocumentInfo d, Locale locale) throws SyncService.Refusal {
        if (d.kind() != null && PROOF_KINDS.contains(d.kind())) {
            throw new SyncService.Refusal(403, "document.proofKind", SyncService.text(locale, "document.proofKind", d.kind(), d.dossierCode()));
        }
    }

    /**
     * Inside the push's transaction, after the lifecycle accepted {@code event}: null when the change may be applied — its
     * proofs, if it needs any, are then already recorded in this transaction — else the refusal reason (nothing written).
     */
    String verifyAndRecord(Connection c, PushCommand cmd, DossierEvent event, Dossier result, String agency, Locale locale) throws SQLException {
        List<DocumentInfo> docs = cmd.documents() == null ? List.of() : cmd.documents();
        Set<String> needed = event.action() == DossierAction.APPROVE ? Set.of(SIGNED_RESULT, APPROVAL_RECORD)
                : event.action() == DossierAction.ISSUE ? Set.of(ISSUED_RESULT) : Set.of();
        String code = cmd.dossierCode();
        if (needed.isEmpty()) {
            return docs.isEmpty() ? null : SyncService.text(locale, "proof.notExpected", event.action().displayName(locale), code);
        }
        Map<String, DocumentInfo> byKind = new java.util.HashMap<>();
        for (DocumentInfo d : docs) {
            if (d == null || d.kind() == null || !needed.contains(d.kind()) || byKind.put(d.kind(), d) != null || d.sha256() == null
                    || !SHA256.matcher(d.sha256()).matches()
                    || d.dossierCode() != null && !d.dossierCode().equals(code)) {
                return SyncService.text(locale, "proof.documents", event.action().displayName(locale), code);
            }
        }
        if (!byKind.keySet().equals(needed)) {
            return SyncService.text(locale, event.action() == DossierAction.APPROVE ? "proof.missing.APPROVE" : "proof.missing.ISSUE", code);
        }
        Map<String, byte[]> files = new java.util.HashMap<>();
        for (DocumentInfo d : byKind.values()) {
            long size = size(c, d.sha256());
            if (size < 0) {
                return SyncService.text(locale, "proof.fileMissing", d.kind(), code);
            }
            if (size > MAX_PROOF_BYTES) {
                return SyncService.text(locale, "proof.tooLarge", d.kind(), code, MAX_PROOF_BYTES);
            }
            files.put(d.kind(), file(c, d.sha256()).orElseThrow());
        }
        try {
            return event.action() == DossierAction.APPROVE ? approve(c, code, event, byKind, files, locale) : issue(c, code, event, result, agency, byKind, files, locale);
        } catch (ResultProofs.Refused r) {
            return SyncService.text(locale, "proof.refused", event.action().displayName(locale), code, r.message(locale));
        }
    }

    private String approve(Connection c, String code, DossierEvent event, Map<String, DocumentInfo> docs, Map<String, byte[]> files, Locale locale)
            throws ResultProofs.Refused, SQLException {
        String canonical = docs.get(APPROVAL_RECORD).note();
        ResultProofs.Approval a = proofs.approval(code, canonical, files.get(APPROVAL_RECORD), files.get(SIGNED_RESULT));
        // The record is the head's word on this very event: same moment (to the second, Vietnam time) as the approval.
        if (!a.record().time().equals(LocalDateTime.ofInstant(event.at(), VIETNAM).truncatedTo(ChronoUnit.SECONDS))) {
            return SyncService.text(locale, "proof.record.time", code);
        }
        Optional<Long> binding = binding(c, CertificateBindings.Kind.PERSONAL, event.actorUsername(), a.signer());
        if (binding.isEmpty()) {
            return SyncService.text(locale, "proof.notBound", SigningCertificate.of(a.signer(), "", clock.instant()).holder(), event.actorUsername());
        }
        String thumb = SigningCertificate.thumbprint(a.signer());
        record(c, code, SIGNED_RESULT, docs.get(SIGNED_RESULT).sha256(), SyncService.text(null, "document.name.SIGNED_RESULT", code),
                "application/pdf", event, "signer=" + thumb);
        record(c, code, APPROVAL_RECORD, docs.get(APPROVAL_RECORD).sha256(), SyncService.text(null, "document.name.APPROVAL_RECORD", code),
                "application/pkcs7-signature", event, canonical);
        proof(c, code, SIGNED_RESULT, docs.get(SIGNED_RESULT).sha256(), thumb, binding.get(), a.signingTime(), a.revocation());
        proof(c, code, APPROVAL_RECORD, docs.get(APPROVAL_RECORD).sha256(), thumb, binding.get(), a.signingTime(), a.revocation());
        return null;
    }

    private String issue(Connection c, String code, DossierEvent event, Dossier result, String agency, Map<String, DocumentInfo> docs,
            Map<String, byte[]> files, Locale locale) throws ResultProofs.Refused, SQLException {
        DocumentInfo issuedDoc = docs.get(ISSUED_RESULT);
        ResultDocument issuedResult = result.results().isEmpty() ? null : result.results().get(result.results().size() - 1);
        if (issuedResult == null || issuedResult.file() == null || !issuedResult.file().sha256().equals(issuedDoc.sha256())) {
            return SyncService.text(locale, "proof.issue.otherFile", code);
        }
        byte[] issued = files.get(ISSUED_RESULT);
        // The head's result as the server verified it when it applied the approval, extended by the issued file.
        byte[] head = null;
        for (String sha : verifiedSignedResults(c, code)) {
            Optional<byte[]> h = file(c, sha);
            if (h.isPresent() && h.get().length < issued.length && java.util.Arrays.equals(issued, 0, h.get().length, h.get(), 0, h.get().length)) {
                head = h.get();
                break;
            }
        }
        if (head == null) {
            head = verifiedNow(c, code, result, issued);
        }
        if (head == null) {
            return SyncService.text(locale, "proof.issue.noHeadResult", code);
        }
        ResultProofs.Seal seal = proofs.seal(head, issued);
        Optional<Long> binding = binding(c, CertificateBindings.Kind.SEAL, agency, seal.signer());
        if (binding.isEmpty()) {
            return SyncService.text(locale, "proof.sealNotBound", SigningCertificate.of(seal.signer(), "", clock.instant()).holder(), agency);
        }
        String thumb = SigningCertificate.thumbprint(seal.signer());
        record(c, code, ISSUED_RESULT, issuedDoc.sha256(), SyncService.text(null, "document.name.ISSUED_RESULT", code), "application/pdf", event,
                "number=" + issuedResult.documentNumber() + "; signer=" + thumb);
        proof(c, code, ISSUED_RESULT, issuedDoc.sha256(), thumb, binding.get(), seal.signingTime(), seal.revocation());
        return null;
    }

    /**
     * A dossier approved before the server checked approvals (server schema 9) has its signed result and record recorded but
     * never verified: they are verified now — record, signatures, and the approving head's certificate bound in force
     * — and the result counts only then (its proof is recorded with the issue).
     */
    private byte[] verifiedNow(Connection c, String code, Dossier result, byte[] issued) throws SQLException {
        String approver = null;
        for (DossierEvent e : result.events()) {
            if (e.action() == DossierAction.APPROVE) {
                approver = e.actorUsername();
            }
        }
        if (approver == null) {
            return null;
        }
        List<String[]> signed = rows(c, code, SIGNED_RESULT);
        List<String[]> records = rows(c, code, APPROVAL_RECORD);
        for (String[] sr : signed) {
            Optional<byte[]> h = file(c, sr[0]);
            if (h.isEmpty() || h.get().length >= issued.length || !java.util.Arrays.equals(issued, 0, h.get().length, h.get(), 0, h.get().length)) {
                continue;
            }
            for (String[] rr : records) {
                Optional<byte[]> cms = file(c, rr[0]);
                if (cms.isEmpty() || !rr[1].contains("sha256=" + sr[0] + "\n")) {
                    continue;
                }
                try {
                    ResultProofs.Approval a = proofs.approval(code, rr[1], cms.get(), h.get());
                    Optional<Long> binding = bindings.active(c, CertificateBindings.Kind.PERSONAL, approver, SigningCertificate.thumbprint(a.signer()));
                    if (binding.isPresent()) {
                        proof(c, code, SIGNED_RESULT, sr[0], SigningCertificate.thumbprint(a.signer()), binding.get(), a.signingTime(), a.revocation());
                        return h.get();
                    }
                } catch (ResultProofs.Refused r) {
                    // not this one
                }
            }
        }
        return null;
    }

    /** {sha256, note} of the dossier's documents of a kind, newest first. */
    private static List<String[]> rows(Connection c, String code, String kind) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT sha256, note FROM dossier_document WHERE dossier_code = ? AND kind = ? ORDER BY id DESC")) {
            s.setString(1, code);
            s.setString(2, kind);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new String[] { r.getString(1), r.getString(2) });
                }
            }
        }
        return out;
    }

    /** The binding in force that makes {@code cert} count for {@code owner} (a training server binds a practice certificate on first use). */
    private Optional<Long> binding(Connection c, CertificateBindings.Kind kind, String owner, X509Certificate cert) throws SQLException {
        Optional<Long> id = bindings.active(c, kind, owner, SigningCertificate.thumbprint(cert));
        return id.isPresent() ? id : bindings.bindOnFirstUse(c, kind, owner, cert);
    }

    /** The dossier's signed results the server verified (with an approval), newest first. */
    private static List<String> verifiedSignedResults(Connection c, String code) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT p.sha256 FROM document_proof p WHERE p.dossier_code = ? AND p.kind = ? ORDER BY p.verified_at DESC")) {
            s.setString(1, code);
            s.setString(2, SIGNED_RESULT);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    /** The size of a complete uploaded file, or -1. */
    private static long size(Connection c, String sha256) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT byte_size FROM stored_file WHERE sha256 = ?")) {
            s.setString(1, sha256);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        }
    }

    /** A complete uploaded file, if it is not too big to be a proof. */
    private static Optional<byte[]> file(Connection c, String sha256) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT byte_size, content FROM stored_file WHERE sha256 = ?")) {
            s.setString(1, sha256);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || r.getLong(1) > MAX_PROOF_BYTES) {
                    return Optional.empty();
                }
                return Optional.of(r.getBytes(2));
            }
        }
    }

    /** Whether {@code table} (dossier_document or document_proof) has the row of this dossier's document. */
    private static boolean exists(Connection c, String table, String code, String kind, String sha256) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM " + table + " WHERE dossier_code = ? AND kind = ? AND sha256 = ?")) {
            q.setString(1, code);
            q.setString(2, kind);
            q.setString(3, sha256);
            try (ResultSet r = q.executeQuery()) {
                return r.next();
            }
        }
    }

    /** The document row, with name, type and creator decided here: the approving or issuing user, at the event's time. */
    private static void record(Connection c, String code, String kind, String sha256, String name, String mediaType, DossierEvent event, String note)
            throws SQLException {
        ServerDocuments.insertRow(c, code, kind, sha256, name, mediaType, event.at(), event.actorUsername(),
                note.length() > 4000 ? note.substring(0, 4000) : note);
    }

    private void proof(Connection c, String code, String kind, String sha256, String thumb, long binding, Instant signingTime,
            RevocationChecker.Status revocation) throws SQLException {
        if (exists(c, "document_proof", code, kind, sha256)) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO document_proof (dossier_code, kind, sha256, signer_thumbprint, binding_id, signing_time, "
                + "revocation, verified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, code);
            s.setString(2, kind);
            s.setString(3, sha256);
            s.setString(4, thumb);
            s.setLong(5, binding);
            s.setTimestamp(6, signingTime == null ? null : Timestamp.from(signingTime));
            s.setString(7, revocation == null || revocation == RevocationChecker.Status.UNKNOWN ? "NOT_CHECKED" : revocation.name());
            s.setTimestamp(8, Timestamp.from(clock.instant()));
            s.executeUpdate();
        }
    }
}
