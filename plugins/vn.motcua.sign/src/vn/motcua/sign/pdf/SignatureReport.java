package vn.motcua.sign.pdf;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import vn.motcua.sign.Texts;

/**
 * What the verifier found about one signature of a PDF.
 *
 * @param timestampTime      the signature timestamp's time, trusted or not (see {@code timestampTrusted})
 * @param revocation         the revocation line in the verifier's language, or null when nobody could be asked
 * @param signerCertificate  the certificate that made the signature (null when it could not be read)
 * @param signedLength       where the signed revision ends ({@code ByteRange[2] + ByteRange[3]})
 * @param timestampTrusted   the TSA chains to a trusted root: its time is the signing time
 * @param timestampProblem   why a timestamp is not trusted, or null
 * @param revocationStatus   GOOD / REVOKED / UNKNOWN, or null when not checked at all
 */
public record SignatureReport(String field, String subFilter, String signer, String agency, String issuer, Instant declaredTime,
        Instant timestampTime, Integrity integrity, Coverage coverage, boolean trusted, String trustAnchor, String trustProblem,
        boolean validAtSigningTime, Verdict verdict, String detail, String revocation, String validationData,
        java.security.cert.X509Certificate signerCertificate, long signedLength, boolean timestampTrusted, String timestampProblem,
        vn.motcua.sign.trust.RevocationChecker.Status revocationStatus) {

    public enum Integrity {
        /** digest over the ByteRange matches and the CMS signature verifies */
        INTACT,
        /** the signed bytes were changed */
        DIGEST_MISMATCH,
        /** the signature value or structure is broken / unsupported */
        BROKEN
    }

    public enum Coverage {
        /** the signature covers the whole file */
        WHOLE_DOCUMENT,
        /** later revisions only add other signatures */
        OTHER_SIGNATURES_ADDED,
        /** later revisions only add long-term validation data (a DSS in the catalog: PAdES B-LT) */
        VALIDATION_DATA_ADDED,
        /** the file was changed after signing by an unsigned update */
        CHANGED_AFTER_SIGNING,
        /** the ByteRange is malformed */
        INVALID_RANGE
    }

    public enum Verdict {
        VALID, INVALID, INDETERMINATE
    }

    /** The signing time used for the checks: a trusted timestamp's if any, else the declared /M. */
    public Instant signingTime() {
        return timestampTrusted ? timestampTime : declaredTime;
    }

    /**
     * A practice signature: the certificate was issued by the training CA, whose name says TRAINING / ĐÀO TẠO
     * (the product's own training CA does; a real CA never would).
     */
    public boolean training() {
        String names = (issuer + " " + trustAnchor).toUpperCase(Locale.ROOT);
        return names.contains("TRAINING") || names.contains("ĐÀO TẠO");
    }

    public String text(Locale locale) {
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));
        StringBuilder b = new StringBuilder();
        b.append(Texts.TEXT.format(locale, "verify.verdict." + verdict)).append('\n');
        if (training()) {
            b.append("  ").append(Texts.TEXT.format(locale, "verify.training")).append('\n');
        }
        b.append("  ").append(Texts.TEXT.format(locale, "verify.signer", signer, agency, issuer)).append('\n');
        b.append("  ").append(Texts.TEXT.format(locale, "verify.time", declaredTime == null ? "?" : f.format(declaredTime))).append('\n');
        if (timestampTime != null || timestampProblem != null) {
            String when = timestampTime == null ? "?" : f.format(timestampTime);
            b.append("  ").append(timestampTrusted ? Texts.TEXT.format(locale, "verify.timestamp", when)
                    : Texts.TEXT.format(locale, "verify.timestamp.untrusted", when, timestampProblem)).append('\n');
        }
        b.append("  ").append(Texts.TEXT.format(locale, "verify.integrity." + integrity)).append('\n');
        b.append("  ").append(Texts.TEXT.format(locale, "verify.coverage." + coverage)).append('\n');
        b.append("  ").append(trusted ? Texts.TEXT.format(locale, "verify.trusted", trustAnchor)
                : Texts.TEXT.format(locale, "verify.untrusted", trustProblem)).append('\n');
        b.append("  ").append(Texts.TEXT.format(locale, validAtSigningTime ? "verify.certValid" : "verify.certInvalid")).append('\n');
        b.append("  ").append(revocation != null ? revocation : Texts.TEXT.format(locale, "verify.revocation.offline")).append('\n');
        if (validationData != null) {
            b.append("  ").append(validationData).append('\n');
        }
        if (detail != null && !detail.isEmpty()) {
            b.append("  (").append(detail).append(")\n");
        }
        return b.toString();
    }
}
