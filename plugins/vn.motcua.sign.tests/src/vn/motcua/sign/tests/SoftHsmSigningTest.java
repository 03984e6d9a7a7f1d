package vn.motcua.sign.tests;

import vn.motcua.sign.testing.*;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sign.ApprovalRecord;
import vn.motcua.sign.ApprovalSignatures;
import vn.motcua.sign.CmsSignatures;
import vn.motcua.sign.KeyToken;
import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningCertificate;
import vn.motcua.sign.SigningException;
import vn.motcua.sign.SigningSession;
import vn.motcua.sign.pdf.BatchSigner;
import vn.motcua.sign.pdf.PadesSigner;
import vn.motcua.sign.pdf.PdfVerifier;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.pdf.SignatureReport;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.sign.pdf.VerifyPdf;
import vn.motcua.sign.trust.CertificateChecks;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.sign.trust.TrustStore;

/**
 * Signing through SunPKCS11 with keys generated on SoftHSM2 tokens; every signed PDF is checked by our verifier
 * and by poppler's pdfsig. pdfsig has no NSS database with the test root here (certutil is not installed), so we
 * assert what it says about the signature itself ("Signature is Valid.") and the coverage ("Total document
 * signed" for the last signature); its certificate line is left alone (issuer unknown to it).
 */
class SoftHsmSigningTest {
    static SoftHsm hsm;
    static TrustStore trust;
    static CertificateGate gate;

    @TempDir
    Path dir;

    @BeforeAll
    static void tokens() throws Exception {
        hsm = SoftHsm.get();
        trust = TrustStore.of(List.of(hsm.pki.root));
        gate = new CertificateGate(trust);
    }

    static SigningSession openAll() throws SigningException {
        return hsm.source.openAll(t -> null == t ? null : pinFor(t));
    }

    /** SoftHSM's tokens cannot be told apart before login through SunPKCS11: try the HEAD PIN first, then CLERK's. */
    static char[] pinFor(KeyToken t) {
        return tokenPins.computeIfAbsent(t.index(), i -> guess(t)).toCharArray();
    }

    static final java.util.Map<Integer, String> tokenPins = new java.util.concurrent.ConcurrentHashMap<>();

    static String guess(KeyToken t) {
        for (String pin : new String[] { SoftHsm.HEAD_PIN, SoftHsm.CLERK_PIN }) {
            try (SigningSession s = hsm.source.open(t, pin.toCharArray())) {
                return pin;
            } catch (SigningException e) {
                // wrong token for this PIN (SoftHSM does not lock)
            }
        }
        throw new IllegalStateException("no PIN opens " + t);
    }

    @Test
    void listsCertificatesOfBothTokensWithTheirStatus() throws Exception {
        List<KeyToken> tokens = hsm.source.tokens();
        assertEquals(2, tokens.size(), "HEAD and CLERK tokens (SoftHSM's empty slot is skipped)");
        try (SigningSession s = openAll()) {
            List<SigningCertificate> certs = s.certificates();
            assertEquals(4, certs.size(), certs.toString());
            SigningCertificate head = certs.stream().filter(c -> c.thumbprint().equals(SoftHsm.thumb(hsm.headRsa))).findFirst().orElseThrow();
            assertEquals("Nguyễn Văn Lãnh Đạo", head.holder());
            assertEquals("Phòng Tư pháp, UBND xã Hợp Thịnh", head.agency());
            assertEquals("MotCua Test Issuing CA", head.issuer());
            assertEquals("RSA-2048", head.keyDescription());
            assertTrue(head.usable());
            SigningCertificate expired = certs.stream().filter(c -> c.thumbprint().equals(SoftHsm.thumb(hsm.headExpired))).findFirst().orElseThrow();
            assertEquals(List.of(CertificateChecks.Problem.EXPIRED), expired.problems());
            assertTrue(expired.whyNotUsable(null).contains("hết hạn"), expired.whyNotUsable(null));
            assertEquals(3, s.signer(SoftHsm.thumb(hsm.headRsa)).chain().size(), "signer, issuing CA, root from the token");
        }
    }

    @Test
    void wrongPinIsReportedInVietnameseAndEnglish() throws Exception {
        KeyToken t = hsm.source.tokens().get(0);
        char[] pin = "000000".toCharArray();
        SigningException e = assertThrows(SigningException.class, () -> hsm.source.open(t, pin));
        assertEquals(SigningException.Reason.WRONG_PIN, e.reason());
        assertTrue(new String(pin).chars().allMatch(c -> c == 0), "the PIN array is cleared");
        assertTrue(e.message(null).startsWith("Sai mã PIN"), e.message(null));
        assertTrue(e.message(Locale.ENGLISH).startsWith("Wrong PIN"), e.message(Locale.ENGLISH));
        assertFalse(e.getMessage().contains("000000"));
    }

    @Test
    void rsaAndEcSignaturesAreValidForUsAndForPdfsig() throws Exception {
        try (SigningSession s = openAll()) {
            for (var cert : List.of(hsm.headRsa, hsm.headEc)) {
                Signer signer = s.signer(SoftHsm.thumb(cert));
                Path out = dir.resolve("signed-" + signer.keyAlgorithm() + ".pdf");
                new PadesSigner(gate).sign(write("in.pdf", Pdfs.decision("Hộ kinh doanh")), out, signer, SignatureSpec.of(SignatureKind.APPROVAL));
                List<SignatureReport> r = new PdfVerifier(trust).verify(out);
                assertEquals(1, r.size());
                Reports.assertSoundButRevocationUnknown(r.get(0));
                assertEquals(SignatureReport.Coverage.WHOLE_DOCUMENT, r.get(0).coverage());
                assertEquals(PDSignature.SUBFILTER_ETSI_CADES_DETACHED.getName(), r.get(0).subFilter());
                List<String> p = Tools.pdfsig(out);
                assertTrue(p.get(0).contains("Signature Validation: Signature is Valid."), p.get(0));
                assertTrue(p.get(0).contains("Total document signed"), p.get(0));
                assertTrue(p.get(0).contains("ETSI.CAdES.detached"), p.get(0));
                assertPadesBaselineAttributes(Files.readAllBytes(out), 0);
            }
        }
    }

    /** PAdES B-B: signing-certificate-v2 present, no signing-time in the signed attributes, /M set. */
    static void assertPadesBaselineAttributes(byte[] pdf, int index) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDSignature sig = doc.getSignatureDictionaries().get(index);
            assertNotNull(sig.getSignDate());
            SignerInformation si = new CMSSignedData(PdfVerifier.derContentInfo(sig.getContents())).getSignerInfos().getSigners().iterator().next();
            assertNotNull(si.getSignedAttributes().get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_aa_signingCertificateV2));
            assertEquals(null, si.getSignedAttributes().get(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.pkcs_9_at_signingTime));
        }
    }

    @Test
    void timestampedSignatureFromALoopbackTsaIsBT() throws Exception {
        try (SigningSession s = openAll(); LoopbackTsa tsa = new LoopbackTsa(hsm.pki)) {
            Path out = dir.resolve("bt.pdf");
            new PadesSigner(gate).sign(write("in.pdf", Pdfs.decision("B-T")), out, s.signer(SoftHsm.thumb(hsm.headRsa)),
                    SignatureSpec.of(SignatureKind.APPROVAL).withTsa(tsa.url()));
            assertEquals(1, tsa.requests.get());
            SignatureReport r = new PdfVerifier(trust).verify(out).get(0);
            Reports.assertSoundButRevocationUnknown(r);
            assertNotNull(r.timestampTime(), "signature-time-stamp found, imprint and TSA signature checked");
            assertTrue(r.timestampTrusted(), "the TSA chains to the trusted root: its time is the signing time");
            assertEquals(r.timestampTime(), r.signingTime());
            assertTrue(r.text(Locale.ENGLISH).contains("Timestamp (TSA)"));
            assertTrue(Tools.pdfsig(out).get(0).contains("Signature is Valid."));
        }
    }

    @Test
    void secondSignatureKeepsTheFirstValid() throws Exception {
        try (SigningSession s = openAll()) {
            Path one = dir.resolve("one.pdf"), two = dir.resolve("two.pdf");
            new PadesSigner(gate).sign(write("in.pdf", Pdfs.decision("hai chữ ký")), one, s.signer(SoftHsm.thumb(hsm.headRsa)),
                    SignatureSpec.of(SignatureKind.APPROVAL));
            new PadesSigner(gate).sign(one, two, s.signer(SoftHsm.thumb(hsm.clerkRsa)),
                    SignatureSpec.of(SignatureKind.ISSUING).withStamp(new vn.motcua.sign.pdf.Stamp(0, 60, 40, 220, 70, null)));
            Path samples = Files.createDirectories(Tools.testDir().resolve("sign-samples"));
            Files.copy(two, samples.resolve("approval-and-issuing.pdf"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            byte[] first = Files.readAllBytes(one), both = Files.readAllBytes(two);
            assertArrayEquals(first, java.util.Arrays.copyOf(both, first.length), "incremental: the first revision is untouched");
            List<SignatureReport> r = new PdfVerifier(trust).verify(two);
            assertEquals(2, r.size());
            Reports.assertSoundButRevocationUnknown(r.get(0));
            assertEquals(SignatureReport.Coverage.OTHER_SIGNATURES_ADDED, r.get(0).coverage());
            Reports.assertSoundButRevocationUnknown(r.get(1));
            assertEquals(SignatureReport.Coverage.WHOLE_DOCUMENT, r.get(1).coverage());
            assertEquals("Phạm Thị Văn Thư", r.get(1).signer());
            List<String> p = Tools.pdfsig(two);
            assertEquals(2, p.size());
            assertTrue(p.get(0).contains("Signature is Valid.") && p.get(0).contains("Not total document signed"), p.get(0));
            assertTrue(p.get(1).contains("Signature is Valid.") && p.get(1).contains("Total document signed") && !p.get(1).contains("Not total"), p.get(1));
            assertPadesBaselineAttributes(both, 1);
        }
    }

    @Test
    void tamperedOrAppendedFilesAreCaught() throws Exception {
        try (SigningSession s = openAll()) {
            Path signed = dir.resolve("signed.pdf");
            new PadesSigner(gate).sign(write("in.pdf", Pdfs.decision("sửa trái phép")), signed, s.signer(SoftHsm.thumb(hsm.headRsa)),
                    SignatureSpec.of(SignatureKind.APPROVAL));
            byte[] bytes = Files.readAllBytes(signed);
            int at = indexOf(bytes, "TAMPERME-ORIGINAL".getBytes(StandardCharsets.US_ASCII));
            assertTrue(at > 0);
            bytes[at + 9] ^= 0x01; // flip one bit inside the signed bytes
            Path tampered = write("tampered.pdf", bytes);
            SignatureReport r = new PdfVerifier(trust).verify(tampered).get(0);
            assertEquals(SignatureReport.Integrity.DIGEST_MISMATCH, r.integrity());
            assertEquals(SignatureReport.Verdict.INVALID, r.verdict());
            assertTrue(r.text(null).contains("KHÔNG HỢP LỆ") && r.text(null).contains("đã bị thay đổi"), r.text(null));
            assertFalse(Tools.pdfsig(tampered).get(0).contains("Signature is Valid."), "pdfsig agrees");

            // an unsigned incremental update after signing: the signed revision is intact but the file changed
            byte[] orig = Files.readAllBytes(signed);
            Path appended = dir.resolve("appended.pdf");
            try (PDDocument doc = Loader.loadPDF(orig); java.io.OutputStream os = Files.newOutputStream(appended)) {
                doc.getDocumentInformation().setTitle("changed later");
                doc.getDocumentInformation().getCOSObject().setNeedToBeUpdated(true);
                doc.saveIncremental(os);
            }
            SignatureReport a = new PdfVerifier(trust).verify(appended).get(0);
            assertEquals(SignatureReport.Integrity.INTACT, a.integrity());
            assertEquals(SignatureReport.Coverage.CHANGED_AFTER_SIGNING, a.coverage());
            assertEquals(SignatureReport.Verdict.INDETERMINATE, a.verdict());
            assertTrue(Tools.pdfsig(appended).get(0).contains("Not total document signed"));

            // the admin command line
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            Path trustDir = Files.createDirectories(dir.resolve("trust"));
            Files.write(trustDir.resolve("root.der"), hsm.pki.root.getEncoded());
            // Offline, with no revocation data in the file: sound, but not called valid (exit code 2, and why).
            assertEquals(2, VerifyPdf.run(new String[] { "--trust", trustDir.toString(), signed.toString() }, new PrintStream(buf, true, StandardCharsets.UTF_8)));
            String said = buf.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("Chữ ký CHƯA XÁC ĐỊNH") && said.contains("Nội dung được ký còn nguyên vẹn.")
                    && said.contains("Không kiểm tra được tình trạng thu hồi"), said);
            assertEquals(1, VerifyPdf.run(new String[] { "--lang", "en", "--trust", trustDir.toString(), tampered.toString() }, new PrintStream(new ByteArrayOutputStream())));
            assertEquals(2, VerifyPdf.run(new String[] { signed.toString() }, new PrintStream(new ByteArrayOutputStream())), "no trusted root shipped");
        }
    }

    @Test
    void expiredCertificateIsRefusedByTheGate() throws Exception {
        try (SigningSession s = openAll()) {
            Signer expired = s.signer(SoftHsm.thumb(hsm.headExpired));
            Path in = write("in.pdf", Pdfs.decision("hết hạn"));
            SigningException e = assertThrows(SigningException.class,
                    () -> new PadesSigner(gate).sign(in, dir.resolve("never.pdf"), expired, SignatureSpec.of(SignatureKind.APPROVAL)));
            assertEquals(SigningException.Reason.CERTIFICATE_REFUSED, e.reason());
            assertTrue(e.message(null).contains("hết hạn"), e.message(null));
            assertFalse(Files.exists(dir.resolve("never.pdf")));
            CertificateGate.Result ok = gate.check(s.signer(SoftHsm.thumb(hsm.headEc)).chain(), java.time.Instant.now(), false);
            assertTrue(ok.allowsSigning());
            assertTrue(ok.text(Locale.ENGLISH).contains("Revocation status: not checked."));
            CertificateGate.Result untrusted = new CertificateGate(TrustStore.empty()).check(s.signer(SoftHsm.thumb(hsm.headEc)).chain(), java.time.Instant.now(), false);
            assertEquals(List.of(CertificateChecks.Problem.UNTRUSTED), untrusted.problems());
        }
    }

    @Test
    void approvalRecordIsSignedAndVerified() throws Exception {
        try (SigningSession s = openAll()) {
            byte[] docHash = CmsSignatures.sha256(Pdfs.decision("kết quả"));
            ApprovalRecord rec = new ApprovalRecord("000.00.21.H43-261120-0001", "approve", LocalDateTime.of(2026, 11, 20, 9, 30, 15), docHash);
            assertTrue(new String(rec.canonicalBytes(), StandardCharsets.UTF_8).contains("time=20261120093015\n"));
            byte[] cms = ApprovalSignatures.sign(rec, s.signer(SoftHsm.thumb(hsm.headEc)));
            ApprovalSignatures.Verification v = ApprovalSignatures.verify(rec, cms, trust);
            assertTrue(v.valid());
            assertEquals("Trần Thị Phó Chủ Tịch", v.signer().holder());
            assertNotNull(v.signingTime());
            ApprovalRecord other = new ApprovalRecord("000.00.21.H43-261120-0001", "REJECT", LocalDateTime.of(2026, 11, 20, 9, 30, 15), docHash);
            assertFalse(ApprovalSignatures.verify(other, cms, trust).intact(), "another decision does not match the signature");
        }
    }

    @Test
    void batchOfTenWithOneBrokenInputSignsTheOtherNine() throws Exception {
        List<BatchSigner.Item> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Path in = i == 4 ? write("in4.pdf", "%PDF-1.7 this is not a PDF".getBytes(StandardCharsets.US_ASCII))
                    : write("in" + i + ".pdf", Pdfs.decision("hồ sơ số " + i));
            items.add(new BatchSigner.Item(in, dir.resolve("out/out" + i + ".pdf")));
        }
        AtomicInteger progress = new AtomicInteger();
        try (SigningSession s = openAll()) {
            List<BatchSigner.Result> r = new BatchSigner(gate).sign(items, s.signer(SoftHsm.thumb(hsm.headRsa)), SignatureSpec.of(SignatureKind.APPROVAL),
                    (done, total, last) -> progress.set(done), () -> false, null);
            assertEquals(10, progress.get());
            for (int i = 0; i < 10; i++) {
                if (i == 4) {
                    assertEquals(BatchSigner.Status.FAILED, r.get(i).status());
                    assertFalse(Files.exists(items.get(i).output()));
                } else {
                    assertEquals(BatchSigner.Status.SIGNED, r.get(i).status(), r.get(i).toString());
                    Reports.assertSoundButRevocationUnknown(new PdfVerifier(trust).verify(items.get(i).output()).get(0));
                }
            }
            assertTrue(Tools.pdfsig(items.get(9).output()).get(0).contains("Signature is Valid."));
            try (var files = Files.list(dir.resolve("out"))) {
                assertEquals(9, files.count(), "no temporary files left behind");
            }
        }
    }

    Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
