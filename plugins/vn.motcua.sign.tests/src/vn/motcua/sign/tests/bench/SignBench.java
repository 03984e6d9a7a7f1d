package vn.motcua.sign.tests.bench;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import vn.motcua.sign.KeyToken;
import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningCertificate;
import vn.motcua.sign.SigningException;
import vn.motcua.sign.SigningSession;
import vn.motcua.sign.pdf.BatchSigner;
import vn.motcua.sign.pdf.PadesSigner;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.sign.testing.Pdfs;
import vn.motcua.sign.testing.SoftHsm;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.sign.trust.TrustStore;

/**
 * {@code releng/bench sign}: PAdES signing through the product's code on a real SoftHSM2 token (RSA 2048) against a
 * same-run baseline of raw SunPKCS11 {@code Signature.sign} calls on the same key — a single signature on a 1-page and
 * a 5 MB PDF, and a batch of 100 one-page documents with one login. The target: overhead beyond the raw token
 * signature ≤ 50 ms per 1-page document, so the batch takes at most the raw baseline + 5 s.
 */
public final class SignBench {
    public static void main(String[] args) throws Exception {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Path dir = Files.createTempDirectory("motcua-sign-bench");
        SoftHsm hsm = SoftHsm.get();
        System.out.printf(Locale.ROOT, "Sign benchmark: SoftHSM2 token, RSA 2048 key, batch of %d, %s%n", batch, System.getProperty("java.version"));

        // Raw baseline: a SunPKCS11 provider of our own on the head's slot, the key, Signature.sign over 32 bytes.
        Provider raw = rawProvider();
        KeyStore ks = KeyStore.getInstance("PKCS11", raw);
        ks.load(null, SoftHsm.HEAD_PIN.toCharArray());
        PrivateKey found = null;
        for (String alias : java.util.Collections.list(ks.aliases())) {
            if (ks.isKeyEntry(alias) && SigningCertificate.thumbprint((java.security.cert.X509Certificate) ks.getCertificate(alias))
                    .equals(SigningCertificate.thumbprint(hsm.headRsa))) {
                found = (PrivateKey) ks.getKey(alias, null);
            }
        }
        PrivateKey key = found;
        byte[] msg = new byte[32];
        new SecureRandom().nextBytes(msg);
        rawSigns(raw, key, msg, 20); // warm-up
        double rawOne = median(timesMs(() -> rawSigns(raw, key, msg, 1), 30));
        double rawBatch = time(() -> rawSigns(raw, key, msg, batch));

        byte[] onePage = Pdfs.decision("benchmark");
        byte[] big = fiveMegabytes();
        TrustStore trust = TrustStore.of(List.of(hsm.pki.root));
        try (SigningSession s = headSession(hsm)) {
            Signer signer = s.signer(SigningCertificate.thumbprint(hsm.headRsa));
            PadesSigner pades = new PadesSigner(new CertificateGate(trust));
            SignatureSpec spec = SignatureSpec.of(SignatureKind.APPROVAL);
            for (int i = 0; i < 10; i++) {
                pades.sign(onePage, signer, spec); // warm-up (JIT, fonts)
            }
            double one = median(timesMs(() -> pades.sign(onePage, signer, spec), 30));
            pades.sign(big, signer, spec);
            double five = median(timesMs(() -> pades.sign(big, signer, spec), 5));

            List<BatchSigner.Item> items = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                Path in = Files.write(dir.resolve("in-" + i + ".pdf"), Pdfs.decision("số " + i));
                items.add(new BatchSigner.Item(in, dir.resolve("out-" + i + ".pdf")));
            }
            double[] signedAll = new double[1];
            double batchMs = time(() -> {
                List<BatchSigner.Result> r = new BatchSigner(new CertificateGate(trust)).sign(items, signer, spec, null, () -> false, null);
                signedAll[0] = r.stream().filter(x -> x.status() == BatchSigner.Status.SIGNED).count();
            });
            System.out.printf(Locale.ROOT, "%-44s %10s %10s %10s%n", "case", "product", "raw token", "overhead");
            System.out.printf(Locale.ROOT, "%-44s %8.1f ms %7.1f ms %7.1f ms%n", "single signature, 1-page PDF (median of 30)", one, rawOne, one - rawOne);
            System.out.printf(Locale.ROOT, "%-44s %8.1f ms %7.1f ms %7.1f ms%n", "single signature, " + big.length / 1024 / 1024 + " MB PDF (median of 5)", five, rawOne,
                    five - rawOne);
            System.out.printf(Locale.ROOT, "%-44s %8.1f s  %7.1f s  %7.1f ms/document%n", "batch of " + batch + " one-page PDFs, one login", batchMs / 1000,
                    rawBatch / 1000, (batchMs - rawBatch) / batch);
            System.out.printf(Locale.ROOT, "batch signed %d/%d; target: overhead <= 50 ms/document and batch <= raw + 5 s: %s%n", (int) signedAll[0], batch,
                    (batchMs - rawBatch) / batch <= 50 && batchMs <= rawBatch + 5000 ? "MET" : "MISSED");
        }
    }

    private static SigningSession headSession(SoftHsm hsm) throws SigningException {
        for (KeyToken t : hsm.source.tokens()) {
            try {
                return hsm.source.open(t, SoftHsm.HEAD_PIN.toCharArray());
            } catch (SigningException e) {
                // the other token
            }
        }
        throw new IllegalStateException("no token opens with the head's PIN");
    }

    private static Provider rawProvider() throws Exception {
        Provider base = Security.getProvider("SunPKCS11");
        for (int i = 0; i < 4; i++) {
            Provider p = base.configure("--name = rawbench" + i + "\nlibrary = " + SoftHsm.MODULE + "\nslotListIndex = " + i + "\n");
            try {
                KeyStore.getInstance("PKCS11", p).load(null, SoftHsm.HEAD_PIN.toCharArray());
                return p;
            } catch (Exception e) {
                // not the head's token
            }
        }
        throw new IllegalStateException("no slot opens with the head's PIN");
    }

    private static void rawSigns(Provider p, PrivateKey key, byte[] msg, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            Signature s = Signature.getInstance("SHA256withRSA", p);
            s.initSign(key);
            s.update(msg);
            s.sign();
        }
    }

    /** A PDF of about 5 MB: a few pages of incompressible (noise) images, as a scanned document is. */
    private static byte[] fiveMegabytes() throws Exception {
        try (PDDocument doc = new PDDocument()) {
            SecureRandom rnd = new SecureRandom();
            for (int p = 0; p < 3; p++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(800, 800, java.awt.image.BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < 800; y++) {
                    for (int x = 0; x < 800; x++) {
                        img.setRGB(x, y, rnd.nextInt());
                    }
                }
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                PDImageXObject x = LosslessFactory.createFromImage(doc, img);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cs.drawImage(x, 20, 20, 555, 800);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private static double time(Work w) throws Exception {
        long t = System.nanoTime();
        w.run();
        return (System.nanoTime() - t) / 1e6;
    }

    private static double[] timesMs(Work w, int n) throws Exception {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = time(w);
        }
        return out;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
