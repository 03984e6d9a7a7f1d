package vn.motcua.sync.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.sync.testing.SyncWorld.CLERK;
import static vn.motcua.sync.testing.SyncWorld.HEAD;
import static vn.motcua.sync.testing.SyncWorld.SPECIALIST;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Attachment;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.ResultDocument;
import vn.motcua.core.model.Role;
import vn.motcua.sign.Signer;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.testing.Pdfs;
import vn.motcua.store.DossierDocuments;
import vn.motcua.sync.api.Messages.DocumentInfo;
import vn.motcua.sync.api.Messages.Outcome;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.PushRequest;
import vn.motcua.sync.api.Messages.PushResponse;
import vn.motcua.sync.api.Messages.PushResult;
import vn.motcua.sync.api.SyncJson;
import vn.motcua.sync.testing.DatabaseDump;
import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.SignedProofs;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.sync.testing.SyncWorldExtension;
import vn.motcua.training.DemoData;

/**
 * Forged signatures against a real server over raw HTTP: approvals and issues whose proofs are arbitrary bytes, signed
 * by a certificate nobody bound, made for another dossier or over another file, a seal over an unsigned PDF or not
 * extending the head's signed result, an approval without its record, proof documents posted on their own, and
 * certificate bindings by someone who is not an admin. Each is refused with its reason; the database is unchanged but for
 * the stored answer of a refused push ({@code applied_mutation}: a replay gets the same refusal).
 */
@ExtendWith(SyncWorldExtension.class)
class SignatureAttackTest {
    /** Tables a refused push is allowed to write: its stored answer only. Files were uploaded before the dump. */
    // The stored answer, and the proof of who sent the change (kept for a refused one too).
    private static final String[] ANSWERS = { "applied_mutation", "signed_command" };
    static SyncWorld world;
    static RawHttp raw;
    static SyncWorld.Client desk;
    static Signer headKey;
    static Signer sealKey;
    static String headToken;
    static String clerkToken;
    static final SyncJson JSON = new SyncJson();

    @BeforeAll
    static void start(SyncWorld w) throws Exception {
        world = w;
        raw = w.raw();
        headKey = w.boundSigner("PERSONAL", HEAD);
        sealKey = w.boundSigner("SEAL", DemoData.communeCode());
        desk = w.client("atk", HEAD, Clock.systemUTC());
        // Changes are signed by their actors (ImpersonationAttackTest attacks that): these attacks are on the proofs.
        desk.enrolKey(HEAD);
        desk.enrolKey(CLERK);
        headToken = raw.login(HEAD, SyncWorld.PASSWORD, "WS-atk");
        clerkToken = raw.login(CLERK, SyncWorld.PASSWORD, "WS-atk");
    }

    /** A dossier awaiting approval, on the server and on the desk (which then only reads). */
    private static String pendingApproval() throws Exception {
        return desk.pendingApproval();
    }

    /** The head's approval of {@code code} at {@code at}, as their workstation would send it, with these documents. */
    private static PushCommand approval(String code, Instant at, List<DocumentInfo> docs) {
        Transition t = SyncWorld.LIFECYCLE.apply(desk.dossier(code), new Command.Approve(), desk.actor(HEAD, Role.HEAD), at);
        return new PushCommand(java.util.UUID.randomUUID().toString(), code, t.event(), t.dossier(), docs);
    }

    private static PushResult push(String token, PushCommand c) throws Exception {
        PushCommand signed = desk.userKey(c.event().actorUsername()).sign(c);
        RawHttp.Reply r = raw.json("POST", "/v1/push", token, JSON.writeString(new PushRequest("WS-atk", List.of(signed))));
        assertEquals(200, r.status(), r.toString());
        return JSON.read(r.body(), PushResponse.class).results().get(0);
    }

    /** Uploads the files, then sends the forged change: refused with a reason naming {@code expected}, nothing else changed. */
    private static void refused(String token, PushCommand c, String expected, byte[]... files) throws Exception {
        for (byte[] f : files) {
            SignedProofs.upload(raw, token, c.dossierCode(), f);
        }
        DatabaseDump before = world.dump(ANSWERS);
        PushResult r = push(token, c);
        assertEquals(Outcome.REJECTED, r.outcome(), String.valueOf(r.reason()));
        assertTrue(r.reason().contains(expected), r.reason());
        before.assertSameAs(world.dump(ANSWERS), "a forged " + c.event().action());
    }

    @Test
    void arbitraryBytesAsTheSignedResultAreRefused() throws Exception {
        String code = pendingApproval();
        Instant at = Instant.now();
        byte[] junk = new byte[4000];
        new Random(7).nextBytes(junk);
        // Even with a genuine record by the bound head naming those bytes: they are no signed PDF.
        SignedProofs.Approval a = SignedProofs.record(code, at, junk, headKey);
        refused(headToken, approval(code, at, List.of(a.signedResultDoc(code), a.recordDoc(code))), "Không đọc được văn bản kết quả", junk, a.recordCms());
    }

    @Test
    void aResultSignedByACertificateNobodyBoundIsRefused() throws Exception {
        String code = pendingApproval();
        Instant at = Instant.now();
        Signer stranger = world.signer("Trần Văn Mạo Danh");
        SignedProofs.Approval a = SignedProofs.approve(code, at, Pdfs.decision(code), stranger);
        refused(headToken, approval(code, at, List.of(a.signedResultDoc(code), a.recordDoc(code))), "chưa được quản trị viên gắn cho tài khoản " + HEAD,
                a.signedResult(), a.recordCms());
    }

    @Test
    void aValidSignatureOfAnotherDossiersDocumentIsRefused() throws Exception {
        String other = pendingApproval();
        String code = pendingApproval();
        Instant at = Instant.now();
        // The head's genuine approval of the other dossier, replayed for this one.
        SignedProofs.Approval a = SignedProofs.approve(other, at, Pdfs.decision(other), headKey);
        refused(headToken, approval(code, at, List.of(a.signedResultDoc(code), a.recordDoc(code))), "là của hồ sơ " + other + ", không phải hồ sơ " + code,
                a.signedResult(), a.recordCms());
    }

    @Test
    void anApprovalRecordOverAnotherFileIsRefused() throws Exception {
        String code = pendingApproval();
        Instant at = Instant.now();
        byte[] signed = SignedProofs.sign(Pdfs.decision(code + " bản thật"), headKey, SignatureKind.APPROVAL, at);
        SignedProofs.Approval recordOfAnother = SignedProofs.approve(code, at, Pdfs.decision(code + " bản khác"), headKey);
        refused(headToken, approval(code, at, List.of(SignedProofs.doc(code, "SIGNED_RESULT", signed, ""), recordOfAnother.recordDoc(code))),
                "không nêu đúng văn bản kết quả", signed, recordOfAnother.recordCms());
    }

    @Test
    void aRecordWhoseTimeIsNotTheApprovalsIsRefused() throws Exception {
        String code = pendingApproval();
        Instant at = Instant.now();
        SignedProofs.Approval a = SignedProofs.approve(code, at.minusSeconds(3600), Pdfs.decision(code), headKey);
        refused(headToken, approval(code, at, List.of(a.signedResultDoc(code), a.recordDoc(code))), "không khớp thời điểm phê duyệt", a.signedResult(),
                a.recordCms());
    }

    @Test
    void anApprovalWithoutItsRecordIsRefused() throws Exception {
        String code = pendingApproval();
        Instant at = Instant.now();
        SignedProofs.Approval a = SignedProofs.approve(code, at, Pdfs.decision(code), headKey);
        refused(headToken, approval(code, at, List.of(a.signedResultDoc(code))), "phải kèm văn bản kết quả đã ký và bản ghi phê duyệt", a.signedResult());
        refused(headToken, approval(code, at, null), "phải kèm văn bản kết quả đã ký và bản ghi phê duyệt");
    }

    @Test
    void documentsThatAreNoProofOfTheChangeAreRefused() throws Exception {
        String code = pendingApproval();
        Instant at = Instant.now();
        SignedProofs.Approval a = SignedProofs.approve(code, at, Pdfs.decision(code), headKey);
        DocumentInfo noKind = new DocumentInfo(code, null, DossierDocuments.sha256(a.recordCms()), 1, "x", null, at, null, a.canonical());
        refused(headToken, approval(code, at, List.of(a.signedResultDoc(code), noKind)), "không hợp lệ", a.signedResult(), a.recordCms());
        refused(headToken, approval(code, at, List.of(a.signedResultDoc(code), a.recordDoc(code), a.recordDoc(code))), "không hợp lệ");
        // Documents slipped in with a change that takes none.
        String received = desk.receive(CLERK);
        desk.sync();
        Transition t = SyncWorld.LIFECYCLE.apply(desk.dossier(received), new Command.Assign(SPECIALIST), desk.actor(HEAD, Role.HEAD), Instant.now());
        refused(headToken, new PushCommand(java.util.UUID.randomUUID().toString(), received, t.event(), t.dossier(), List.of(a.signedResultDoc(received))),
                "không kèm tài liệu");
    }

    @Test
    void proofDocumentsPostedOnTheirOwnAreRefused() throws Exception {
        String code = pendingApproval();
        byte[] pdf = SignedProofs.sign(Pdfs.decision(code), headKey, SignatureKind.APPROVAL, Instant.now());
        SignedProofs.upload(raw, headToken, code, pdf);
        DatabaseDump before = world.dump();
        for (String kind : List.of("SIGNED_RESULT", "APPROVAL_RECORD", "ISSUED_RESULT")) {
            RawHttp.Reply r = raw.json("POST", "/v1/documents", headToken, JSON.writeString(SignedProofs.doc(code, kind, pdf, "")));
            assertEquals(403, r.status(), r.toString());
            assertEquals("document.proofKind", r.code());
            assertTrue(r.message().contains("chỉ được gửi kèm thao tác phê duyệt hoặc ban hành"), r.message());
        }
        before.assertSameAs(world.dump(), "proof documents posted on their own");
    }

    /** A dossier the head approved with genuine proofs (raw push, applied), pulled by the desk; returns its signed result. */
    private static byte[] approved(String code) throws Exception {
        Instant at = Instant.now();
        SignedProofs.Approval a = SignedProofs.approve(code, at, Pdfs.decision(code), headKey);
        SignedProofs.upload(raw, headToken, code, a.signedResult());
        SignedProofs.upload(raw, headToken, code, a.recordCms());
        PushResult r = push(headToken, approval(code, at, List.of(a.signedResultDoc(code), a.recordDoc(code))));
        assertEquals(Outcome.APPLIED, r.outcome(), r.reason());
        desk.sync();
        assertEquals(DossierStatus.APPROVED, desk.dossier(code).status());
        return a.signedResult();
    }

    /** The records clerk's issue of {@code code} naming {@code issued} as the sealed result. */
    private static PushCommand issue(String code, byte[] issued) {
        String name = "Kết quả " + code + ".pdf";
        Attachment file = new Attachment(DossierDocuments.sha256(issued), name, issued.length, "application/pdf");
        Transition t = SyncWorld.LIFECYCLE.apply(desk.dossier(code), new Command.Issue(new ResultDocument(name, "3/QĐ-UBND", LocalDate.now(), file)),
                desk.actor(CLERK, Role.CLERK), Instant.now());
        return new PushCommand(java.util.UUID.randomUUID().toString(), code, t.event(), t.dossier(),
                List.of(SignedProofs.doc(code, "ISSUED_RESULT", issued, "")));
    }

    @Test
    void aSealOverAnUnsignedPdfIsRefused() throws Exception {
        String code = pendingApproval();
        approved(code);
        byte[] unsigned = Pdfs.decision(code + " chưa ai ký");
        refused(clerkToken, issue(code, unsigned), "không được làm từ văn bản kết quả lãnh đạo đã ký", unsigned);
    }

    @Test
    void aSealNotExtendingTheHeadsSignedResultIsRefused() throws Exception {
        String code = pendingApproval();
        approved(code);
        // The organisation's bound certificate, but over a fresh copy instead of the head's signed file.
        byte[] sealedCopy = SignedProofs.sign(Pdfs.decision(code), sealKey, SignatureKind.ISSUING, Instant.now());
        refused(clerkToken, issue(code, sealedCopy), "không được làm từ văn bản kết quả lãnh đạo đã ký", sealedCopy);
    }

    @Test
    void theHeadsResultWithAnUnsignedChangeAppendedIsNoSeal() throws Exception {
        String code = pendingApproval();
        byte[] head = approved(code);
        byte[] changed;
        try (PDDocument doc = Loader.loadPDF(head)) {
            doc.getPage(0).getCOSObject().setItem(COSName.ROTATE, org.apache.pdfbox.cos.COSInteger.get(90));
            doc.getPage(0).getCOSObject().setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.saveIncremental(out);
            changed = out.toByteArray();
        }
        refused(clerkToken, issue(code, changed), "không có chữ ký của cơ quan", changed);
        // And sealed after that change: the head's signature no longer stands alone before the seal.
        byte[] sealedChange = SignedProofs.sign(changed, sealKey, SignatureKind.ISSUING, Instant.now());
        refused(clerkToken, issue(code, sealedChange), "Văn bản đã bị sửa sau chữ ký", sealedChange);
    }

    @Test
    void aSealByACertificateNotBoundToTheAgencyIsRefused() throws Exception {
        String code = pendingApproval();
        byte[] head = approved(code);
        // The head's own bound certificate is personal, not the agency's seal.
        byte[] sealedByHead = SignedProofs.sign(head, headKey, SignatureKind.ISSUING, Instant.now());
        refused(clerkToken, issue(code, sealedByHead), "không phải chứng thư của cơ quan", sealedByHead);
    }

    @Test
    void onlyAnAdminBindsCertificates() throws Exception {
        Signer mine = world.signer("Lãnh Đạo Tự Gắn");
        DatabaseDump before = world.dump();
        RawHttp.Reply r = raw.json("PUT", "/v1/admin/certificates", headToken,
                Map.of("action", "BIND", "kind", "PERSONAL", "owner", HEAD, "certificate", SyncWorld.pem(mine.chain().get(0))));
        assertEquals(403, r.status(), r.toString());
        assertEquals("forbidden", r.code());
        RawHttp.Reply list = raw.get("/v1/admin/certificates", clerkToken);
        assertEquals(403, list.status(), list.toString());
        RawHttp.Reply unbind = raw.json("PUT", "/v1/admin/certificates", headToken,
                Map.of("action", "UNBIND", "kind", "SEAL", "owner", DemoData.communeCode(), "thumbprint",
                        vn.motcua.sign.SigningCertificate.thumbprint(sealKey.chain().get(0))));
        assertEquals(403, unbind.status(), unbind.toString());
        before.assertSameAs(world.dump(), "certificate bindings by a head and a clerk");
    }

    @Test
    void anAdminCannotBindWhatIsNoTrustedSigningCertificate() throws Exception {
        String admin = raw.login("admin", "admin-pw-123", "admin-console");
        DatabaseDump before = world.dump();
        List<RawHttp.Reply> replies = new ArrayList<>();
        replies.add(raw.json("PUT", "/v1/admin/certificates", admin, Map.of("action", "BIND", "kind", "PERSONAL", "owner", HEAD, "certificate", "not a certificate")));
        // A certificate from a CA the server does not trust.
        vn.motcua.sign.testing.TestPki elsewhere = new vn.motcua.sign.testing.TestPki("Elsewhere");
        var kp = vn.motcua.sign.testing.TestPki.rsa(2048);
        var foreign = elsewhere.issue("CN=Người Ngoài,C=VN", kp.getPublic(), Instant.now().minusSeconds(60), Instant.now().plusSeconds(86_400));
        replies.add(raw.json("PUT", "/v1/admin/certificates", admin, Map.of("action", "BIND", "kind", "PERSONAL", "owner", HEAD, "certificate",
                SyncWorld.pem(foreign))));
        // Someone else's certificate: the head's own, bound again to the clerk.
        replies.add(raw.json("PUT", "/v1/admin/certificates", admin, Map.of("action", "BIND", "kind", "PERSONAL", "owner", CLERK, "certificate",
                SyncWorld.pem(headKey.chain().get(0)))));
        replies.add(raw.json("PUT", "/v1/admin/certificates", admin, Map.of("action", "BIND", "kind", "PERSONAL", "owner", "nobody", "certificate",
                SyncWorld.pem(world.signer("Không Ai").chain().get(0)))));
        List<String> codes = replies.stream().map(RawHttp.Reply::code).toList();
        assertEquals(List.of("certificate.unreadable", "certificate.untrusted", "certificate.taken", "certificate.owner"), codes, replies.toString());
        assertEquals(List.of(400, 400, 409, 404), replies.stream().map(RawHttp.Reply::status).toList());
        before.assertSameAs(world.dump(), "bindings the server must refuse");
        // The history is there for the admin: who bound what, when.
        RawHttp.Reply list = raw.get("/v1/admin/certificates", admin);
        assertEquals(200, list.status(), list.toString());
        assertTrue(list.body().contains("\"owner\":\"" + HEAD + "\"") && list.body().contains("\"boundBy\":\"admin\""), list.body());
    }
}
