package vn.motcua.sync.testing;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;

import vn.motcua.sign.ApprovalRecord;
import vn.motcua.sign.ApprovalSignatures;
import vn.motcua.sign.CmsSignatures;
import vn.motcua.sign.Signer;
import vn.motcua.sign.pdf.PadesSigner;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.store.DossierDocuments;
import vn.motcua.sync.api.Messages.DocumentInfo;

/**
 * The proofs of an approval or an issue made with the product's signing code, as the head's and the records clerk's
 * workstations make them — or put together wrongly on purpose by attack tests — and uploaded over raw HTTP.
 */
public final class SignedProofs {
    private SignedProofs() {
    }

    /** A signed result with its approval record (canonical text and detached CMS). */
    public record Approval(byte[] signedResult, String canonical, byte[] recordCms) {
        public DocumentInfo signedResultDoc(String code) {
            return doc(code, "SIGNED_RESULT", signedResult, "");
        }

        public DocumentInfo recordDoc(String code) {
            return doc(code, "APPROVAL_RECORD", recordCms, canonical);
        }
    }

    /** A PAdES signature over {@code pdf} declared at {@code at}, no certificate gate (the caller chose the key). */
    public static byte[] sign(byte[] pdf, Signer signer, SignatureKind kind, Instant at) throws Exception {
        return new PadesSigner(null).sign(pdf, signer, SignatureSpec.of(kind).withTime(at));
    }

    /** What a head's workstation makes when approving {@code code} at {@code at}: the signed draft and the record naming it. */
    public static Approval approve(String code, Instant at, byte[] draft, Signer signer) throws Exception {
        return record(code, at, sign(draft, signer, SignatureKind.APPROVAL, at), signer);
    }

    /** An approval record of {@code code} at {@code at} naming {@code signedResult}, signed by {@code signer}. */
    public static Approval record(String code, Instant at, byte[] signedResult, Signer signer) throws Exception {
        ApprovalRecord r = new ApprovalRecord(code, "APPROVE", LocalDateTime.ofInstant(at, SignatureSpec.VIETNAM), CmsSignatures.sha256(signedResult));
        return new Approval(signedResult, new String(r.canonicalBytes(), StandardCharsets.UTF_8), ApprovalSignatures.sign(r, signer));
    }

    public static DocumentInfo doc(String code, String kind, byte[] bytes, String note) {
        return new DocumentInfo(code, kind, DossierDocuments.sha256(bytes), bytes.length, kind + ".bin", "application/octet-stream", Instant.now(), "",
                note);
    }

    /** Uploads a file for dossier {@code code} in one chunk over raw HTTP; fails the test unless the server took it whole. */
    public static void upload(RawHttp raw, String token, String code, byte[] bytes) throws Exception {
        RawHttp.Reply r = raw.send("PUT", "/v1/files/" + DossierDocuments.sha256(bytes) + "?dossier="
                + java.net.URLEncoder.encode(code, StandardCharsets.UTF_8) + "&offset=0&total=" + bytes.length, token,
                Map.of("Content-Type", "application/octet-stream"), java.net.http.HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (r.status() != 200 || !"true".equals(r.field("complete"))) {
            throw new AssertionError("upload refused: " + r);
        }
    }
}
