package vn.motcua.sign.tests;

import vn.motcua.sign.testing.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.ProviderException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.security.auth.login.FailedLoginException;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sign.Pkcs11Errors;
import vn.motcua.sign.Pkcs11KeySource;
import vn.motcua.sign.Pkcs12TrainingKeySource;
import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningCertificate;
import vn.motcua.sign.SigningException;
import vn.motcua.sign.SigningException.Reason;
import vn.motcua.sign.SigningSession;
import vn.motcua.sign.pdf.BatchSigner;
import vn.motcua.sign.pdf.PadesSigner;
import vn.motcua.sign.pdf.PdfVerifier;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.pdf.SignatureReport;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.sign.trust.TrustStore;

/**
 * What SoftHSM cannot do (lock a PIN, be pulled out, demand a PIN per signature) through a fake token behind the
 * same {@link Signer} interface that throws what SunPKCS11 throws, mapped by the same {@link Pkcs11Errors}; plus the
 * training PKCS#12 source and module detection.
 */
class FaultyTokenTest {
    @TempDir
    Path dir;

    /** A software key that behaves like a token: after {@code failAfter} signatures every call throws {@code error}. */
    static final class FakeToken implements Signer {
        final SigningCertificate cert;
        final List<X509Certificate> chain;
        final PrivateKey key;
        int failAfter = Integer.MAX_VALUE;
        RuntimeException error;
        int signed;

        FakeToken(TestPki pki) throws Exception {
            KeyPair kp = TestPki.rsa(2048);
            X509Certificate c = pki.issue("CN=Token Giả,O=UBND xã Thử,C=VN", kp.getPublic(), Instant.now().minus(1, ChronoUnit.DAYS),
                    Instant.now().plus(30, ChronoUnit.DAYS));
            cert = SigningCertificate.of(c, "fake", Instant.now());
            chain = List.of(c, pki.inter);
            key = kp.getPrivate();
        }

        @Override
        public SigningCertificate certificate() {
            return cert;
        }

        @Override
        public List<X509Certificate> chain() {
            return chain;
        }

        @Override
        public byte[] signHash(byte[] sha256) throws SigningException {
            try {
                if (signed >= failAfter) {
                    throw error;
                }
                Signature s = Signature.getInstance("NONEwithRSA");
                s.initSign(key);
                s.update(HexFormat.of().parseHex("3031300d060960864801650304020105000420"));
                s.update(sha256);
                signed++;
                return s.sign();
            } catch (Exception e) {
                throw Pkcs11Errors.map(e, true);
            }
        }
    }

    /** What SunPKCS11 throws: a ProviderException around the module's PKCS11Exception (internal class, same text). */
    static RuntimeException ckr(String code) {
        return new ProviderException("sign failed", new java.security.GeneralSecurityException(code));
    }

    @Test
    void loginErrorsMapToClearMessages() {
        SigningException wrong = Pkcs11Errors.map(new java.io.IOException("load failed", new FailedLoginException()), false);
        assertEquals(Reason.WRONG_PIN, wrong.reason());
        SigningException last = Pkcs11Errors.map(new ProviderException(new java.security.GeneralSecurityException("CKR_PIN_INCORRECT CKF_USER_PIN_FINAL_TRY")), false);
        assertEquals(1, last.remainingTries());
        assertEquals("Sai mã PIN. Còn 1 lần thử trước khi token bị khóa.", last.message(null));
        assertEquals("Wrong PIN. 1 tries left before the token locks.", last.message(Locale.ENGLISH));
        SigningException locked = Pkcs11Errors.map(new java.io.IOException(new javax.security.auth.login.LoginException("CKR_PIN_LOCKED")), false);
        assertEquals(Reason.PIN_LOCKED, locked.reason());
        assertTrue(locked.message(null).contains("bị khóa"));
        for (String gone : List.of("CKR_DEVICE_REMOVED", "CKR_TOKEN_NOT_PRESENT", "CKR_SESSION_HANDLE_INVALID")) {
            assertEquals(Reason.TOKEN_REMOVED, Pkcs11Errors.map(ckr(gone), true).reason(), gone);
        }
        SigningException perSig = Pkcs11Errors.map(ckr("CKR_USER_NOT_LOGGED_IN"), true);
        assertEquals(Reason.PIN_PER_SIGNATURE, perSig.reason());
        assertTrue(perSig.message(Locale.ENGLISH).contains("asks the PIN for every signature"));
        assertEquals(Reason.NO_TOKEN, Pkcs11Errors.map(ckr("CKR_TOKEN_NOT_RECOGNIZED"), false).reason());
    }

    @Test
    void tokenPulledOutMidBatchStopsCleanly() throws Exception {
        TestPki pki = new TestPki("Fake");
        FakeToken token = new FakeToken(pki);
        token.failAfter = 3;
        token.error = ckr("CKR_DEVICE_REMOVED");
        List<BatchSigner.Item> items = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            items.add(new BatchSigner.Item(Files.write(dir.resolve("in" + i + ".pdf"), Pdfs.decision("số " + i)), dir.resolve("out" + i + ".pdf")));
        }
        CertificateGate gate = new CertificateGate(TrustStore.of(List.of(pki.root)));
        List<BatchSigner.Result> r = new BatchSigner(gate).sign(items, token, SignatureSpec.of(SignatureKind.APPROVAL), null, () -> false, null);
        for (int i = 0; i < 3; i++) {
            assertEquals(BatchSigner.Status.SIGNED, r.get(i).status());
            SignatureReport real = new PdfVerifier(TrustStore.of(List.of(pki.root))).verify(items.get(i).output()).get(0);
            vn.motcua.sign.testing.Reports.assertSoundButRevocationUnknown(real);
            assertTrue(!real.training(), "a real CA is not a training one");
        }
        assertEquals(BatchSigner.Status.FAILED, r.get(3).status());
        assertEquals(Reason.TOKEN_REMOVED, r.get(3).reason());
        assertTrue(r.get(3).message().contains("rút ra"), r.get(3).message());
        for (int i = 4; i < 6; i++) {
            assertEquals(BatchSigner.Status.NOT_ATTEMPTED, r.get(i).status());
            assertFalse(Files.exists(items.get(i).output()));
        }
        assertFalse(Files.exists(items.get(3).output()));

        token.signed = 0;
        token.failAfter = 0;
        token.error = ckr("CKR_PIN_LOCKED");
        List<BatchSigner.Result> locked = new BatchSigner(gate).sign(items.subList(0, 2), token, SignatureSpec.of(SignatureKind.APPROVAL), null, () -> false,
                Locale.ENGLISH);
        assertEquals(Reason.PIN_LOCKED, locked.get(0).reason());
        assertEquals(BatchSigner.Status.NOT_ATTEMPTED, locked.get(1).status());

        token.failAfter = Integer.MAX_VALUE;
        int[] calls = { 0 };
        List<BatchSigner.Result> cancelled = new BatchSigner(gate).sign(items, token, SignatureSpec.of(SignatureKind.APPROVAL), null, () -> calls[0]++ >= 2, null);
        assertEquals(2, cancelled.stream().filter(x -> x.status() == BatchSigner.Status.SIGNED).count());
        assertEquals(Reason.CANCELLED, cancelled.get(5).reason());
    }

    @Test
    void trainingKeysMarkEveryStamp() throws Exception {
        TestPki pki = new TestPki("Training");
        KeyPair kp = TestPki.rsa(2048);
        X509Certificate c = pki.issue("CN=Học Viên Đào Tạo,O=Lớp tập huấn,C=VN", kp.getPublic(), Instant.now().minus(1, ChronoUnit.DAYS),
                Instant.now().plus(30, ChronoUnit.DAYS));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("hv", kp.getPrivate(), "train".toCharArray(), new java.security.cert.Certificate[] { c, pki.inter });
        Path p12 = dir.resolve("training.p12");
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, "train".toCharArray());
        }
        Pkcs12TrainingKeySource src = new Pkcs12TrainingKeySource(p12);
        assertEquals(Reason.WRONG_PIN, org.junit.jupiter.api.Assertions.assertThrows(SigningException.class,
                () -> src.open(src.tokens().get(0), "nope".toCharArray())).reason());
        try (SigningSession s = src.open(src.tokens().get(0), "train".toCharArray())) {
            Signer signer = s.signer(s.certificates().get(0).thumbprint());
            assertTrue(signer.training());
            // the training root is in no trust store: allowed for training, with the mark
            Path out = dir.resolve("training-signed.pdf");
            new PadesSigner(new CertificateGate(TrustStore.empty())).sign(Files.write(dir.resolve("t.pdf"), Pdfs.decision("tập huấn")), out, signer,
                    SignatureSpec.of(SignatureKind.ISSUING).withStamp(null));
            try (PDDocument doc = Loader.loadPDF(out.toFile())) {
                var sig = doc.getSignatureDictionaries().get(0);
                assertTrue(sig.getReason().contains(PadesSigner.TRAINING_MARK));
                var widget = doc.getSignatureFields().get(0).getWidgets().get(0);
                assertTrue(widget.getRectangle().getWidth() > 0, "training signatures are always visible");
                ByteArrayOutputStream ap = new ByteArrayOutputStream();
                try (var in = widget.getNormalAppearanceStream().getContents()) {
                    in.transferTo(ap);
                }
                assertTrue(ap.size() > 0);
            }
            String text = stampText(out);
            assertTrue(text.contains("ĐÀO TẠO / TRAINING — không có giá trị pháp lý"), text);
            assertTrue(text.contains("Văn thư ký số: Học Viên Đào Tạo"), text);
            assertTrue(Tools.pdfsig(out).get(0).contains("Signature is Valid."));
            // The verification view says it is a practice signature.
            SignatureReport report = new PdfVerifier(TrustStore.of(List.of(pki.root))).verify(out).get(0);
            assertTrue(report.training(), report.issuer());
            assertTrue(report.text(null).contains("Chứng thư ĐÀO TẠO"), report.text(null));
        }
    }

    /** The text drawn in the signature widgets' appearance streams, decoded through the embedded font. */
    static String stampText(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            StringBuilder b = new StringBuilder();
            for (var f : doc.getSignatureFields()) {
                var as = f.getWidgets().get(0).getNormalAppearanceStream();
                try (PDDocument one = new PDDocument()) {
                    var page = new org.apache.pdfbox.pdmodel.PDPage(new org.apache.pdfbox.pdmodel.common.PDRectangle(as.getBBox().getWidth(), as.getBBox().getHeight()));
                    one.addPage(page);
                    var form = new org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject(as.getCOSObject());
                    try (var cs = new org.apache.pdfbox.pdmodel.PDPageContentStream(one, page)) {
                        cs.drawForm(form);
                    }
                    b.append(new PDFTextStripper().getText(one));
                }
            }
            return b.toString();
        }
    }

    @Test
    void moduleDetectionListsVendorsAndReportsWhatIsMissing() {
        assertTrue(Pkcs11KeySource.candidates("Windows 11").contains("C:\\Windows\\System32\\eTPKCS11.dll"));
        List<String> linux = Pkcs11KeySource.candidates("Linux");
        assertEquals("/usr/lib/softhsm/libsofthsm2.so", linux.get(linux.size() - 1), "SoftHSM is tried last");
        Path found = Pkcs11KeySource.findModule("Linux").orElseThrow(); // OpenSC or SoftHSM on the build machine
        assertTrue(linux.contains(found.toString()) && Files.isRegularFile(found), found.toString());
        SigningException e = org.junit.jupiter.api.Assertions.assertThrows(SigningException.class,
                () -> Pkcs11KeySource.detect(Path.of("/nonexistent/libeTPkcs11.so")));
        assertEquals(Reason.MODULE_NOT_FOUND, e.reason());
        assertTrue(e.message(null).contains("/nonexistent/libeTPkcs11.so"));
        assertTrue(BigInteger.ONE.signum() > 0);
    }

    @Test
    void thePracticeTokenSignsWithTheMarkAndIsReportedAsTraining() throws Exception {
        Pkcs12TrainingKeySource src = vn.motcua.sign.PracticeKeys.ensure(dir.resolve("practice.p12"), "Học Viên Tập Huấn", "UBND xã Hợp Thịnh");
        assertEquals(Reason.WRONG_PIN, org.junit.jupiter.api.Assertions.assertThrows(SigningException.class,
                () -> src.open(src.tokens().get(0), "0000".toCharArray())).reason());
        byte[] signed;
        try (SigningSession s = src.open(src.tokens().get(0), vn.motcua.sign.PracticeKeys.PIN.toCharArray())) {
            Signer signer = s.signer(s.certificates().get(0).thumbprint());
            assertTrue(signer.training());
            signed = new PadesSigner(new CertificateGate(TrustStore.empty())).sign(Pdfs.decision("thực hành"), signer,
                    SignatureSpec.of(SignatureKind.APPROVAL));
        }
        var report = new vn.motcua.sign.pdf.PdfVerifier(TrustStore.empty()).verify(signed).get(0);
        assertTrue(report.training(), report.text(null));
        assertTrue(report.text(null).contains("Chứng thư ĐÀO TẠO"), report.text(null));
        assertTrue(Tools.pdfsig(java.nio.file.Files.write(dir.resolve("practice-signed.pdf"), signed)).get(0).contains("Signature is Valid."));
    }
}
