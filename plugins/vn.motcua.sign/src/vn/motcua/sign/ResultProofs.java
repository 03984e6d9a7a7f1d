package vn.motcua.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import vn.motcua.sign.pdf.PdfVerifier;
import vn.motcua.sign.pdf.SignatureReport;
import vn.motcua.sign.pdf.SignatureReport.Coverage;
import vn.motcua.sign.pdf.SignatureReport.Integrity;
import vn.motcua.sign.trust.RevocationChecker;
import vn.motcua.sign.trust.TrustStore;

/**
 * What makes a head's approval and an organisation's seal count, checked the same way by the sync server (before it
 * applies them) and by the records clerk's workstation (before it seals):
 * <ul>
 * <li>an <b>approval</b>: the approval record's text is canonical and names this dossier, APPROVE and the SHA-256 of the
 * signed result; its detached CMS verifies; the signed result's last signature is intact, covers the whole file (only
 * validation data may follow it), was made by the same certificate, valid at the signing time, chaining to a trusted root
 * and not revoked;</li>
 * <li>a <b>seal</b>: the issued file starts with the head's signed result byte for byte and adds exactly one signature,
 * over the whole file, intact, trusted, valid and not revoked; the head's signature is left intact with nothing but that
 * signature after it.</li>
 * </ul>
 * Who may hold those certificates (the head's account, the agency) is the caller's business: the server keeps the
 * bindings. A refusal carries its reason in Vietnamese or English.
 */
public final class ResultProofs {
    /**
     * @param trainingCertificates practice certificates (a training CA, no trusted root) are accepted: training only
     * @param revocationRequired   a signature whose revocation status nobody could tell is refused (else accepted)
     */
    public record Policy(boolean trainingCertificates, boolean revocationRequired) {
    }

    /** A refusal, with its reason's message key and arguments. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final transient Object[] args;

        Refused(String key, Object... args) {
            super(Texts.TEXT.format(Locale.ENGLISH, key, args));
            this.key = key;
            this.args = args;
        }

        /** The stable code of the reason (e.g. {@code proof.record.otherDocument}). */
        public String key() {
            return key;
        }

        public String message(Locale locale) {
            return Texts.TEXT.format(locale, key, args);
        }
    }

    /** A head's approval that holds together: the record and the certificate that signed both it and the result. */
    public record Approval(ApprovalRecord record, X509Certificate signer, Instant signingTime, RevocationChecker.Status revocation,
            boolean training) {
    }

    /** A seal that holds together: the certificate of the new signature. */
    public record Seal(X509Certificate signer, Instant signingTime, RevocationChecker.Status revocation, boolean training) {
    }

    private final PdfVerifier verifier;
    private final TrustStore trust;
    private final Policy policy;

    /** @param verifier what reads the PDFs' signatures (offline on the server: only the validation data they embed) */
    public ResultProofs(PdfVerifier verifier, TrustStore trust, Policy policy) {
        this.verifier = verifier;
        this.trust = trust;
        this.policy = policy;
    }

    /**
     * Checks a head's approval of {@code dossierCode}: the record's canonical text, its CMS signature, and the signed
     * result it names.
     */
    public Approval approval(String dossierCode, String canonicalText, byte[] recordCms, byte[] signedResult) throws Refused {
        ApprovalRecord record;
        try {
            record = ApprovalRecord.parse(canonicalText == null ? "" : canonicalText);
        } catch (IllegalArgumentException e) {
            throw new Refused("proof.record.unreadable", dossierCode);
        }
        if (!Arrays.equals(record.canonicalBytes(), canonicalText.getBytes(StandardCharsets.UTF_8))) {
            throw new Refused("proof.record.unreadable", dossierCode);
        }
        if (!record.dossierCode().equals(dossierCode)) {
            throw new Refused("proof.record.otherDossier", record.dossierCode(), dossierCode);
        }
        if (!record.decision().equals("APPROVE")) {
            throw new Refused("proof.record.decision", record.decision(), dossierCode);
        }
        if (!Arrays.equals(record.documentSha256(), CmsSignatures.sha256(signedResult))) {
            throw new Refused("proof.record.otherDocument", dossierCode);
        }
        ApprovalSignatures.Verification v = ApprovalSignatures.verify(record, recordCms, trust);
        if (!v.intact() || v.signer() == null) {
            throw new Refused("proof.record.signature", dossierCode);
        }
        X509Certificate recordSigner = v.signer().certificate();
        boolean training = policy.trainingCertificates() && isTraining(recordSigner);
        if (!v.trust().trusted() && !training) {
            throw new Refused("proof.record.untrusted", v.signer().holder(), String.valueOf(v.trust().problem()));
        }
        List<SignatureReport> reports = read(signedResult, dossierCode);
        SignatureReport head = reports.get(reports.size() - 1);
        if (!sameCertificate(head.signerCertificate(), recordSigner)) {
            throw new Refused("proof.pdf.otherSigner", head.signer(), v.signer().holder());
        }
        if (head.coverage() != Coverage.WHOLE_DOCUMENT && head.coverage() != Coverage.VALIDATION_DATA_ADDED) {
            throw new Refused("proof.pdf.notWhole", head.signer());
        }
        signatureHolds(head, training);
        return new Approval(record, recordSigner, head.signingTime(), head.revocationStatus(), training);
    }

    /**
     * Checks the organisation's seal: {@code issued} must be {@code headSignedResult} (already checked by
     * {@link #approval}) with exactly one more signature over the whole file.
     */
    public Seal seal(byte[] headSignedResult, byte[] issued) throws Refused {
        if (issued.length <= headSignedResult.length || !Arrays.equals(issued, 0, headSignedResult.length, headSignedResult, 0, headSignedResult.length)) {
            throw new Refused("proof.seal.notExtending");
        }
        List<SignatureReport> reports = read(issued, null);
        List<SignatureReport> added = reports.stream().filter(r -> r.signedLength() > headSignedResult.length).toList();
        if (added.isEmpty()) {
            throw new Refused("proof.seal.unsigned");
        }
        if (added.size() > 1) {
            throw new Refused("proof.seal.several", added.size());
        }
        for (SignatureReport before : reports) {
            if (before.signedLength() <= headSignedResult.length && before.coverage() == Coverage.CHANGED_AFTER_SIGNING) {
                throw new Refused("proof.seal.changed", before.signer());
            }
        }
        SignatureReport seal = added.get(0);
        if (seal.coverage() != Coverage.WHOLE_DOCUMENT && seal.coverage() != Coverage.VALIDATION_DATA_ADDED) {
            throw new Refused("proof.pdf.notWhole", seal.signer());
        }
        boolean training = policy.trainingCertificates() && seal.signerCertificate() != null && isTraining(seal.signerCertificate());
        signatureHolds(seal, training);
        return new Seal(seal.signerCertificate(), seal.signingTime(), seal.revocationStatus(), training);
    }

    /** The file's signatures, oldest revision first; every one intact. */
    private List<SignatureReport> read(byte[] pdf, String dossierCode) throws Refused {
        List<SignatureReport> reports;
        try {
            reports = verifier.verify(pdf).stream().sorted(Comparator.comparingLong(SignatureReport::signedLength)).toList();
        } catch (IOException | RuntimeException e) {
            throw new Refused("proof.pdf.unreadable", String.valueOf(e.getMessage()));
        }
        if (reports.isEmpty()) {
            throw new Refused("proof.pdf.unsigned");
        }
        for (SignatureReport r : reports) {
            if (r.integrity() != Integrity.INTACT || r.coverage() == Coverage.INVALID_RANGE || r.signerCertificate() == null) {
                throw new Refused("proof.pdf.broken", r.signer());
            }
        }
        return reports;
    }

    /** Valid at its signing time, trusted (or a practice certificate where allowed), not revoked, known not revoked if required. */
    private void signatureHolds(SignatureReport r, boolean training) throws Refused {
        if (!r.validAtSigningTime()) {
            throw new Refused("proof.pdf.expired", r.signer());
        }
        if (!r.trusted() && !training) {
            throw new Refused("proof.pdf.untrusted", r.signer(), String.valueOf(r.trustProblem()));
        }
        if (r.revocationStatus() == RevocationChecker.Status.REVOKED && r.verdict() != SignatureReport.Verdict.VALID) {
            throw new Refused("proof.revoked", r.signer());
        }
        if (policy.revocationRequired() && !training && r.revocationStatus() != RevocationChecker.Status.GOOD
                && r.revocationStatus() != RevocationChecker.Status.REVOKED) {
            throw new Refused("proof.revocationUnknown", r.signer());
        }
    }

    /** A practice certificate: its issuer says TRAINING / ĐÀO TẠO (the product's practice CA does; a real CA never would). */
    public static boolean isTraining(X509Certificate cert) {
        String issuer = SigningCertificate.of(cert, "", Instant.EPOCH).issuer().toUpperCase(Locale.ROOT);
        return issuer.contains("TRAINING") || issuer.contains("ĐÀO TẠO");
    }

    static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return a != null && b != null && Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }
}
