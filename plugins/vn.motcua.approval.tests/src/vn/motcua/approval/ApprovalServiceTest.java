package vn.motcua.approval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.forms.FormRenderer;
import vn.motcua.sign.ApprovalSignatures;
import vn.motcua.sign.KeyToken;
import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningCertificate;
import vn.motcua.sign.SigningException;
import vn.motcua.sign.SigningSession;
import vn.motcua.sign.pdf.Batch;
import vn.motcua.sign.pdf.PdfVerifier;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.pdf.SignatureReport;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.sign.testing.SoftHsm;
import vn.motcua.sign.testing.Tools;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.sign.trust.TrustStore;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierDocuments.Document;
import vn.motcua.store.DossierDocuments.Kind;
import vn.motcua.store.LocalCache;
import vn.motcua.training.DemoData;

/**
 * The head's approval against a real SoftHSM2 token, a real encrypted H2 cache and poppler's pdfsig: one PIN, many
 * dossiers, each approved together with its signed result and approval record — or not at all.
 */
class ApprovalServiceTest {
    @TempDir
    Path dir;
    private LocalCache cache;
    private SoftHsm hsm;
    private TrustStore trust;
    private ApprovalService service;
    private Actor head;

    @BeforeEach
    void setUp() throws Exception {
        hsm = SoftHsm.get();
        cache = CacheOpener.open(dir.resolve("data"), CacheKey.generate());
        DemoData.seed(cache, DemoData.DEFAULT_SEED, DemoData.DEFAULT_DOSSIERS, Instant.now());
        trust = TrustStore.of(List.of(hsm.pki.root));
        service = new ApprovalService(cache, new FormRenderer(null), new CertificateGate(trust), false, Clock.systemUTC());
        User u = DemoData.demoUsers().stream().filter(x -> x.roles().equals(Set.of(Role.HEAD))).findFirst().orElseThrow();
        head = new Actor(u, Role.HEAD, "PC-LANHDAO");
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        cache.close();
    }

    private SigningSession login() throws Exception {
        // Tokens cannot be told apart before login through SunPKCS11: the HEAD token is the one its PIN opens.
        for (KeyToken t : hsm.source.tokens()) {
            try {
                return hsm.source.open(t, SoftHsm.HEAD_PIN.toCharArray());
            } catch (SigningException e) {
                // the CLERK token
            }
        }
        throw new AssertionError("no token opens with the head's PIN");
    }

    private List<String> pending(int n) {
        List<Dossier> inbox = service.inbox(DemoData.communeCode());
        assertTrue(inbox.size() >= n, "demo data has " + inbox.size() + " dossiers awaiting approval");
        return inbox.stream().limit(n).map(Dossier::code).toList();
    }

    @Test
    void oneLoginApprovesABatchWithSignedResultsPdfsigAccepts() throws Exception {
        List<String> codes = pending(3);
        byte[][] drafts = new byte[3][];
        for (int i = 0; i < 3; i++) {
            drafts[i] = service.draft(cache.dossierRepository().findByCode(codes.get(i)).orElseThrow());
            // previewing again gives the same stored bytes: the head signs what was shown
            assertArrayEquals(drafts[i], service.draft(cache.dossierRepository().findByCode(codes.get(i)).orElseThrow()));
        }
        int[] progress = new int[1];
        List<Batch.Outcome<String>> out;
        try (SigningSession s = login()) {
            Signer signer = s.signer(SigningCertificate.thumbprint(hsm.headRsa));
            out = service.approve(codes, signer, SignatureSpec.of(SignatureKind.APPROVAL), head, (done, total, last) -> progress[0] = done,
                    () -> false, Locale.ENGLISH);
        }
        assertEquals(3, progress[0]);
        for (int i = 0; i < 3; i++) {
            String code = codes.get(i);
            assertEquals(Batch.Status.SIGNED, out.get(i).status(), String.valueOf(out.get(i).message()));
            assertEquals(DossierStatus.APPROVED, cache.dossierRepository().findByCode(code).orElseThrow().status());
            Document signedDoc = cache.documents().latest(code, Kind.SIGNED_RESULT).orElseThrow();
            byte[] signed = cache.documents().content(signedDoc);
            // incremental save: the draft's bytes are untouched at the start of the signed file
            assertArrayEquals(drafts[i], Arrays.copyOf(signed, drafts[i].length));
            Path file = Files.write(dir.resolve("signed-" + i + ".pdf"), signed);
            List<String> p = Tools.pdfsig(file);
            assertEquals(1, p.size());
            assertTrue(p.get(0).contains("Signature Validation: Signature is Valid."), p.get(0));
            assertTrue(p.get(0).contains("Total document signed"), p.get(0));
            List<SignatureReport> reports = new PdfVerifier(trust).verify(file);
            assertTrue(reports.get(0).text(Locale.ENGLISH).contains("Nguyễn Văn Lãnh Đạo"), reports.get(0).text(Locale.ENGLISH));
            // the approval record: the decision, over the signed result's hash, signed by the same key
            Document recordDoc = cache.documents().latest(code, Kind.APPROVAL_RECORD).orElseThrow();
            var record = ApprovalService.parseRecord(recordDoc.note());
            assertEquals(code, record.dossierCode());
            assertTrue(recordDoc.note().contains("sha256=" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signed))));
            var v = ApprovalSignatures.verify(record, cache.documents().content(recordDoc), trust);
            assertTrue(v.valid(), String.valueOf(v.trust()));
            assertEquals(SigningCertificate.thumbprint(hsm.headRsa), v.signer().thumbprint());
        }
        assertTrue(service.inbox(DemoData.communeCode()).stream().noneMatch(d -> codes.contains(d.code())));
    }

    @Test
    void aDossierNoLongerPendingFailsAloneAndTheOthersAreApproved() throws Exception {
        List<String> codes = pending(3);
        service.sendBack(codes.get(1), "Thiếu căn cứ pháp lý", head);
        List<Batch.Outcome<String>> out;
        try (SigningSession s = login()) {
            out = service.approve(codes, s.signer(SigningCertificate.thumbprint(hsm.headRsa)), SignatureSpec.of(SignatureKind.APPROVAL), head, null,
                    () -> false, null);
        }
        assertEquals(Batch.Status.SIGNED, out.get(0).status());
        assertEquals(Batch.Status.FAILED, out.get(1).status());
        assertTrue(out.get(1).message().contains(codes.get(1)) && out.get(1).message().contains("không còn chờ phê duyệt"), out.get(1).message());
        assertEquals(Batch.Status.SIGNED, out.get(2).status());
        assertEquals(DossierStatus.IN_PROCESS, cache.dossierRepository().findByCode(codes.get(1)).orElseThrow().status());
        assertTrue(cache.documents().latest(codes.get(1), Kind.SIGNED_RESULT).isEmpty());
    }

    @Test
    void anExpiredCertificateIsRefusedBeforeAnythingChanges() throws Exception {
        List<String> codes = pending(2);
        try (SigningSession s = login()) {
            Signer expired = s.signer(SigningCertificate.thumbprint(hsm.headExpired));
            SigningException e = assertThrows(SigningException.class, () -> service.approve(codes, expired,
                    SignatureSpec.of(SignatureKind.APPROVAL), head, null, () -> false, null));
            assertEquals(SigningException.Reason.CERTIFICATE_REFUSED, e.reason());
        }
        for (String c : codes) {
            assertEquals(DossierStatus.PENDING_APPROVAL, cache.dossierRepository().findByCode(c).orElseThrow().status());
            assertTrue(cache.documents().latest(c, Kind.SIGNED_RESULT).isEmpty());
        }
    }

    @Test
    void aTokenPulledOutMidBatchLeavesTheRestUntouched() throws Exception {
        List<String> codes = pending(4);
        List<Batch.Outcome<String>> out;
        try (SigningSession s = login()) {
            Signer real = s.signer(SigningCertificate.thumbprint(hsm.headRsa));
            // SoftHSM cannot be unplugged: after 3 raw signatures (PDF + record of dossier 1, PDF of dossier 2) the
            // token "goes away", as a real one does when pulled out.
            Signer pulled = new Signer() {
                int calls;

                public SigningCertificate certificate() {
                    return real.certificate();
                }

                public List<X509Certificate> chain() {
                    return real.chain();
                }

                public byte[] signHash(byte[] sha256) throws SigningException {
                    if (++calls > 3) {
                        throw new SigningException(SigningException.Reason.TOKEN_REMOVED, "HEAD");
                    }
                    return real.signHash(sha256);
                }
            };
            out = service.approve(codes, pulled, SignatureSpec.of(SignatureKind.APPROVAL), head, null, () -> false, null);
        }
        assertEquals(Batch.Status.SIGNED, out.get(0).status());
        assertEquals(Batch.Status.FAILED, out.get(1).status());
        assertEquals(SigningException.Reason.TOKEN_REMOVED, out.get(1).reason());
        assertEquals(Batch.Status.NOT_ATTEMPTED, out.get(2).status());
        assertEquals(Batch.Status.NOT_ATTEMPTED, out.get(3).status());
        assertEquals(DossierStatus.APPROVED, cache.dossierRepository().findByCode(codes.get(0)).orElseThrow().status());
        for (String c : codes.subList(1, 4)) {
            assertEquals(DossierStatus.PENDING_APPROVAL, cache.dossierRepository().findByCode(c).orElseThrow().status(), c);
            assertTrue(cache.documents().latest(c, Kind.SIGNED_RESULT).isEmpty(), c);
            assertTrue(cache.documents().latest(c, Kind.APPROVAL_RECORD).isEmpty(), c);
        }
    }

    @Test
    void aHeadOfAnotherAgencyCannotApprove() throws Exception {
        List<String> codes = pending(1);
        Actor stranger = new Actor(new User("lanhdao.khac", "Người Khác", "000.00.99.H99", Set.of(Role.HEAD)), Role.HEAD, "PC-X");
        List<Batch.Outcome<String>> out;
        try (SigningSession s = login()) {
            out = service.approve(codes, s.signer(SigningCertificate.thumbprint(hsm.headRsa)), SignatureSpec.of(SignatureKind.APPROVAL), stranger,
                    null, () -> false, Locale.ENGLISH);
        }
        assertEquals(Batch.Status.FAILED, out.get(0).status());
        assertEquals(DossierStatus.PENDING_APPROVAL, cache.dossierRepository().findByCode(codes.get(0)).orElseThrow().status());
        assertTrue(cache.documents().latest(codes.get(0), Kind.SIGNED_RESULT).isEmpty());
    }

    @Test
    void theRecordsClerkSealsOnlyAHeadSignatureThatHolds() throws Exception {
        List<String> codes = pending(3);
        try (SigningSession s = login()) {
            List<Batch.Outcome<String>> out = service.approve(codes, s.signer(SigningCertificate.thumbprint(hsm.headRsa)),
                    SignatureSpec.of(SignatureKind.APPROVAL), head, null, () -> false, null);
            assertTrue(out.stream().allMatch(o -> o.status() == Batch.Status.SIGNED), out.toString());
        }
        // Dossier 2: a later "approval record" naming the same signed result, with a signature that is not one.
        Document signed2 = cache.documents().latest(codes.get(1), Kind.SIGNED_RESULT).orElseThrow();
        Document record2 = cache.documents().latest(codes.get(1), Kind.APPROVAL_RECORD).orElseThrow();
        cache.documents().add(new vn.motcua.store.DossierDocuments.NewDocument(codes.get(1), Kind.APPROVAL_RECORD, "giả.p7s",
                "application/pkcs7-signature", "không phải CMS".getBytes(StandardCharsets.UTF_8), "ai.do", record2.note()));
        assertTrue(record2.note().contains(signed2.sha256()));
        // Dossier 3: its signed result was changed in the cache after signing (a byte of the signed revision).
        Document signed3 = cache.documents().latest(codes.get(2), Kind.SIGNED_RESULT).orElseThrow();
        byte[] changed = cache.documents().content(signed3);
        changed[changed.length / 3] ^= 1;
        cache.documents().add(new vn.motcua.store.DossierDocuments.NewDocument(codes.get(2), Kind.SIGNED_RESULT, "sửa.pdf", "application/pdf", changed,
                "ai.do", ""));

        vn.motcua.sign.testing.TestPki sealCa = hsm.pki;
        var kp = vn.motcua.sign.testing.TestPki.rsa(2048);
        var sealCert = sealCa.issue("CN=Văn thư UBND xã Hợp Thịnh,C=VN", kp.getPublic(), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400));
        Signer seal = new vn.motcua.sign.testing.SoftwareSigner(List.of(sealCert, sealCa.inter, sealCa.root), kp.getPrivate());
        User clerkUser = DemoData.demoUsers().stream().filter(x -> x.roles().contains(Role.CLERK)).findFirst().orElseThrow();
        List<Batch.Outcome<String>> out = service.issue(codes, seal, SignatureSpec.of(SignatureKind.ISSUING), new Actor(clerkUser, Role.CLERK, "PC-VANTHU"),
                1, "GCN-UBND", null, () -> false, null);
        assertEquals(Batch.Status.SIGNED, out.get(0).status(), out.get(0).message());
        assertEquals(Batch.Status.FAILED, out.get(1).status());
        assertTrue(out.get(1).message().startsWith("Không đóng dấu hồ sơ " + codes.get(1)) && out.get(1).message().contains("bản ghi phê duyệt"),
                out.get(1).message());
        assertEquals(Batch.Status.FAILED, out.get(2).status());
        assertTrue(out.get(2).message().contains(codes.get(2)) && out.get(2).message().contains("không có bản ghi phê duyệt của văn bản kết quả đã ký"),
                out.get(2).message());
        for (String c : codes.subList(1, 3)) {
            assertEquals(DossierStatus.APPROVED, cache.dossierRepository().findByCode(c).orElseThrow().status(), c);
            assertTrue(cache.documents().latest(c, Kind.ISSUED_RESULT).isEmpty(), c);
        }
        // A records clerk whose workstation does not trust the head's CA (only the seal's) does not seal either, and says why.
        String code = pending(1).get(0);
        try (SigningSession s = login()) {
            service.approve(List.of(code), s.signer(SigningCertificate.thumbprint(hsm.headRsa)), SignatureSpec.of(SignatureKind.APPROVAL), head, null,
                    () -> false, null);
        }
        vn.motcua.sign.testing.TestPki otherCa = new vn.motcua.sign.testing.TestPki("Seal CA");
        var kp2 = vn.motcua.sign.testing.TestPki.rsa(2048);
        var otherSeal = otherCa.issue("CN=Văn thư,C=VN", kp2.getPublic(), Instant.now().minusSeconds(3600), Instant.now().plusSeconds(86_400));
        ApprovalService untrusting = new ApprovalService(cache, new FormRenderer(null), new CertificateGate(TrustStore.of(List.of(otherCa.root))), false,
                Clock.systemUTC());
        Batch.Outcome<String> o = untrusting.issue(List.of(code), new vn.motcua.sign.testing.SoftwareSigner(List.of(otherSeal, otherCa.inter, otherCa.root),
                kp2.getPrivate()), SignatureSpec.of(SignatureKind.ISSUING), new Actor(clerkUser, Role.CLERK, "PC-VANTHU"), 5, "GCN-UBND", null, () -> false,
                Locale.ENGLISH).get(0);
        assertEquals(Batch.Status.FAILED, o.status());
        assertTrue(o.message().startsWith("Dossier " + code + " not sealed") && o.message().contains("does not chain to a trusted root"), o.message());
    }

    @Test
    void theDraftIsTheResultTemplateInVietnamese() throws Exception {
        Dossier d = cache.dossierRepository().findByCode(pending(1).get(0)).orElseThrow();
        byte[] pdf = service.draft(d);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("VĂN BẢN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"), text);
            assertTrue(text.contains(d.code()), text);
            assertTrue(text.contains(d.applicant().displayName()), text);
        }
        assertEquals(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1), "%PDF-");
    }
}
