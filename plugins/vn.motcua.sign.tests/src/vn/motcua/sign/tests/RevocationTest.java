package vn.motcua.sign.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sign.SigningException;
import vn.motcua.sign.pdf.PadesSigner;
import vn.motcua.sign.pdf.PdfVerifier;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.pdf.SignatureReport;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.sign.testing.LoopbackRevocation;
import vn.motcua.sign.testing.Pdfs;
import vn.motcua.sign.testing.SoftwareSigner;
import vn.motcua.sign.testing.TestPki;
import vn.motcua.sign.testing.Tools;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.sign.trust.RevocationChecker;
import vn.motcua.sign.trust.TrustStore;

/**
 * Revocation online and PAdES B-LT, against a real OCSP responder and CRL over HTTP on loopback (Bouncy Castle):
 * a good certificate signs with its validation data embedded (pdfsig still accepts), a revoked one is refused, an
 * unreachable responder gives an explicit warning, and a change after the DSS is still caught.
 */
class RevocationTest {
    static TestPki pki;
    static LoopbackRevocation services;
    static TrustStore trust;
    static RevocationChecker online = new RevocationChecker(Duration.ofSeconds(5));
    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki("Revocation");
        services = new LoopbackRevocation(pki);
        trust = TrustStore.of(List.of(pki.root));
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    static SoftwareSigner signer(String cn, URI ocsp, URI crl) throws Exception {
        return pki.signer("CN=" + cn + ",O=UBND xã Hợp Thịnh,C=VN", Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(60, ChronoUnit.DAYS), ocsp,
                crl);
    }

    @Test
    void aGoodCertificateSignsLongTermAndTheFileStaysValid() throws Exception {
        SoftwareSigner s = signer("Nguyễn Văn Hợp Lệ", services.ocspUrl(), services.crlUrl());
        CertificateGate gate = new CertificateGate(trust, online);
        CertificateGate.Result r = gate.check(s.chain(), Instant.now(), false);
        assertTrue(r.revocationChecked(), r.text(null));
        assertNull(r.revocationWarning(null));
        byte[] pdf = new PadesSigner(gate).sign(Pdfs.decision("B-LT"), s, SignatureSpec.of(SignatureKind.APPROVAL));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSDictionary dss = (COSDictionary) doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.getPDFName("DSS"));
            assertEquals(3, ((COSArray) dss.getDictionaryObject(COSName.getPDFName("Certs"))).size());
            assertEquals(1, ((COSArray) dss.getDictionaryObject(COSName.getPDFName("OCSPs"))).size());
        }
        Path file = Files.write(dir.resolve("b-lt.pdf"), pdf);
        List<String> p = Tools.pdfsig(file);
        assertTrue(p.get(0).contains("Signature Validation: Signature is Valid."), p.get(0));
        SignatureReport report = new PdfVerifier(trust, online, null).verify(pdf).get(0);
        assertEquals(SignatureReport.Coverage.VALIDATION_DATA_ADDED, report.coverage());
        assertEquals(SignatureReport.Verdict.VALID, report.verdict(), report.text(null));
        String text = report.text(null);
        assertTrue(text.contains("chưa bị thu hồi") && text.contains("1 phản hồi OCSP"), text);
    }

    @Test
    void theCrlIsUsedWhenTheCertificateNamesNoOcspResponder() throws Exception {
        SoftwareSigner s = signer("Trần Thị Chỉ Có CRL", null, services.crlUrl());
        int before = services.crlRequests.get();
        byte[] pdf = new PadesSigner(new CertificateGate(trust, online)).sign(Pdfs.decision("CRL"), s, SignatureSpec.of(SignatureKind.APPROVAL));
        assertTrue(services.crlRequests.get() > before);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            COSDictionary dss = (COSDictionary) doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.getPDFName("DSS"));
            assertEquals(1, ((COSArray) dss.getDictionaryObject(COSName.getPDFName("CRLs"))).size());
        }
    }

    @Test
    void aRevokedCertificateIsRefusedAndReportedOnVerification() throws Exception {
        SoftwareSigner s = signer("Lê Văn Bị Thu Hồi", services.ocspUrl(), services.crlUrl());
        byte[] signedBefore = new PadesSigner(new CertificateGate(trust, online)).sign(Pdfs.decision("trước khi thu hồi"), s,
                SignatureSpec.of(SignatureKind.APPROVAL));
        services.revoke(s.chain().get(0).getSerialNumber());
        SigningException e = assertThrows(SigningException.class,
                () -> new PadesSigner(new CertificateGate(trust, online)).sign(Pdfs.decision("sau"), s, SignatureSpec.of(SignatureKind.APPROVAL)));
        assertEquals(SigningException.Reason.CERTIFICATE_REFUSED, e.reason());
        assertTrue(e.message(null).contains("đã bị thu hồi"), e.message(null));
        String text = new PdfVerifier(trust, online, Locale.ENGLISH).verify(signedBefore).get(0).text(Locale.ENGLISH);
        assertTrue(text.contains("THE CERTIFICATE IS REVOKED"), text);
    }

    @Test
    void anUnreachableResponderIsAnExplicitWarningNotASilentPass() throws Exception {
        LoopbackRevocation gone = new LoopbackRevocation(pki);
        URI ocsp = gone.ocspUrl();
        gone.close();
        SoftwareSigner s = signer("Phạm Văn Ngoại Tuyến", ocsp, null);
        CertificateGate gate = new CertificateGate(trust, online);
        CertificateGate.Result r = gate.check(s.chain(), Instant.now(), false);
        assertTrue(!r.revocationChecked());
        assertTrue(r.allowsSigning(), "no answer is not a refusal");
        String warning = r.revocationWarning(null);
        assertTrue(warning.startsWith("Cảnh báo: không kiểm tra được tình trạng thu hồi"), warning);
        byte[] pdf = new PadesSigner(gate).sign(Pdfs.decision("ngoại tuyến"), s, SignatureSpec.of(SignatureKind.APPROVAL));
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertNull(doc.getDocumentCatalog().getCOSObject().getDictionaryObject(COSName.getPDFName("DSS")), "no DSS without answers");
        }
        List<String> p = Tools.pdfsig(Files.write(dir.resolve("b-b.pdf"), pdf));
        assertTrue(p.get(0).contains("Signature is Valid.") && p.get(0).contains("Total document signed"), p.get(0));
    }

    @Test
    void aChangeAfterTheValidationDataIsStillCaught() throws Exception {
        SoftwareSigner s = signer("Đỗ Văn Kiểm Tra", services.ocspUrl(), null);
        byte[] pdf = new PadesSigner(new CertificateGate(trust, online)).sign(Pdfs.decision("gốc"), s, SignatureSpec.of(SignatureKind.APPROVAL));
        byte[] changed;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            doc.getPage(0).getCOSObject().setItem(COSName.ROTATE, org.apache.pdfbox.cos.COSInteger.get(90));
            doc.getPage(0).getCOSObject().setNeedToBeUpdated(true);
            var out = new java.io.ByteArrayOutputStream();
            doc.saveIncremental(out);
            changed = out.toByteArray();
        }
        SignatureReport report = new PdfVerifier(trust).verify(changed).get(0);
        assertEquals(SignatureReport.Coverage.CHANGED_AFTER_SIGNING, report.coverage());
        assertEquals(SignatureReport.Verdict.INDETERMINATE, report.verdict());
    }
}
