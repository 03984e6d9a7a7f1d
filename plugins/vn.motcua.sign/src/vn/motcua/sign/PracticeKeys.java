package vn.motcua.sign;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The practice "token" of a training sandbox: a PKCS#12 file made on the spot with a throw-away practice CA, so a
 * trainee can go through the real signing screens (key choice, PIN, batch) without a USB token. Its CA is in no
 * trust store and every signature it makes carries the training mark ({@link Pkcs12TrainingKeySource}).
 */
public final class PracticeKeys {
    /** The PIN of every practice token; printed in the trainers' guide. */
    public static final String PIN = "1111";

    private PracticeKeys() {
    }

    /** Creates {@code file} (atomically) unless it exists; returns the key source for it. */
    public static Pkcs12TrainingKeySource ensure(Path file, String holder, String agency) throws IOException {
        if (!Files.isRegularFile(file)) {
            create(file, holder, agency);
        }
        return new Pkcs12TrainingKeySource(file);
    }

    static void create(Path file, String holder, String agency) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair ca = g.generateKeyPair();
            KeyPair user = g.generateKeyPair();
            Instant now = Instant.now();
            var caName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "CA ĐÀO TẠO / TRAINING MộtCửa Desk (không có giá trị pháp lý)")
                    .addRDN(BCStyle.O, "MộtCửa Desk").addRDN(BCStyle.C, "VN").build();
            var userName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, holder).addRDN(BCStyle.O, agency)
                    .addRDN(BCStyle.C, "VN").build();
            X509Certificate caCert = cert(new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minus(366, ChronoUnit.DAYS)),
                    Date.from(now.plus(3650, ChronoUnit.DAYS)), caName, ca.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), ca);
            // Valid from a year back: exercises are often built "as of" a past date.
            X509Certificate userCert = cert(new JcaX509v3CertificateBuilder(caCert, serial(), Date.from(now.minus(365, ChronoUnit.DAYS)),
                    Date.from(now.plus(730, ChronoUnit.DAYS)), userName, user.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation)), ca);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("practice", user.getPrivate(), PIN.toCharArray(), new Certificate[] { userCert, caCert });
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".practice", ".p12");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, PIN.toCharArray());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("Cannot create the practice token " + file + ": " + e.getMessage(), e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, new SecureRandom());
    }

    private static X509Certificate cert(org.bouncycastle.cert.X509v3CertificateBuilder b, KeyPair issuer) throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }
}
