package vn.motcua.update.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Enumeration;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A release key: a private key and its self-signed certificate in a PKCS#12 file. The province makes one once, keeps
 * it offline (never in the repository), and gives its certificate to every build; tests and local builds make their
 * own (docs/operations.md, "The release key").
 */
public record ReleaseKeys(PrivateKey key, X509Certificate certificate) {

    /** Makes an RSA-3072 key and a self-signed certificate valid for {@code years}, written to {@code p12}. */
    public static ReleaseKeys generate(Path p12, char[] password, String subject, int years) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(3072, new SecureRandom());
            KeyPair kp = g.generateKeyPair();
            Instant now = Instant.now();
            X500Name name = new X500Name(subject);
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(96, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365L * years))), name, kp.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("release", kp.getPrivate(), password, new X509Certificate[] { cert });
            Files.createDirectories(p12.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(p12)) {
                ks.store(out, password);
            }
            return new ReleaseKeys(kp.getPrivate(), cert);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IOException("cannot make a release key: " + e.getMessage(), e);
        }
    }

    public static ReleaseKeys load(Path p12, char[] password) throws IOException {
        try (InputStream in = Files.newInputStream(p12)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            for (Enumeration<String> e = ks.aliases(); e.hasMoreElements();) {
                String alias = e.nextElement();
                if (ks.isKeyEntry(alias)) {
                    return new ReleaseKeys((PrivateKey) ks.getKey(alias, password), (X509Certificate) ks.getCertificate(alias));
                }
            }
            throw new IOException(p12 + " holds no private key");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the release key " + p12 + ": " + e.getMessage(), e);
        }
    }

    /** The certificate as PEM (what {@code release-certificate.pem} holds). */
    public String certificatePem() {
        try {
            return pem(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(byte[] der) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END CERTIFICATE-----\n";
    }
}
