package vn.motcua.sign.testing;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA chain made with Bouncy Castle: root → intermediate → end entities (signers, TSA). */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    public final KeyPair rootKey = rsa(2048);
    public final X509Certificate root;
    public final KeyPair interKey = rsa(2048);
    public final X509Certificate inter;

    public TestPki(String name) throws Exception {
        Instant now = Instant.now();
        X500Name rootName = new X500Name("CN=" + name + " Root CA,O=MotCua Test PKI,C=VN");
        root = build(rootName, rootName, rootKey.getPublic(), rootKey.getPrivate(), now.minus(3650, ChronoUnit.DAYS), now.plus(3650, ChronoUnit.DAYS), true, null, null);
        X500Name interName = new X500Name("CN=" + name + " Issuing CA,O=MotCua Test PKI,C=VN");
        inter = build(interName, rootName, interKey.getPublic(), rootKey.getPrivate(), now.minus(1000, ChronoUnit.DAYS), now.plus(3000, ChronoUnit.DAYS), true, root, null);
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signing certificate for a key held elsewhere (on the token). */
    public X509Certificate issue(String subject, PublicKey key, Instant from, Instant to) throws Exception {
        return build(new X500Name(subject), X500Name.getInstance(inter.getSubjectX500Principal().getEncoded()), key, interKey.getPrivate(), from, to,
                false, inter, null);
    }

    /**
     * A signing certificate naming an OCSP responder (Authority Information Access) and a CRL distribution point, as
     * certificates of the Vietnamese CAs do.
     */
    public X509Certificate issueWithRevocation(String subject, PublicKey key, Instant from, Instant to, java.net.URI ocsp, java.net.URI crl)
            throws Exception {
        return build(new X500Name(subject), X500Name.getInstance(inter.getSubjectX500Principal().getEncoded()), key, interKey.getPrivate(), from, to,
                false, inter, null, b -> {
                    if (ocsp != null) {
                        b.addExtension(Extension.authorityInfoAccess, false, new org.bouncycastle.asn1.x509.AuthorityInformationAccess(
                                org.bouncycastle.asn1.x509.AccessDescription.id_ad_ocsp,
                                new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier, ocsp.toString())));
                    }
                    if (crl != null) {
                        var name = new org.bouncycastle.asn1.x509.GeneralNames(
                                new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.uniformResourceIdentifier, crl.toString()));
                        b.addExtension(Extension.cRLDistributionPoints, false, new org.bouncycastle.asn1.x509.CRLDistPoint(
                                new org.bouncycastle.asn1.x509.DistributionPoint[] { new org.bouncycastle.asn1.x509.DistributionPoint(
                                        new org.bouncycastle.asn1.x509.DistributionPointName(name), null, null) }));
                    }
                });
    }

    /**
     * A key in memory with a certificate of this PKI for {@code subject} ("CN=…,O=…,C=VN") valid from {@code from} to
     * {@code to}, naming these revocation services (either may be null), chain up to the root.
     */
    public SoftwareSigner signer(String subject, Instant from, Instant to, java.net.URI ocsp, java.net.URI crl) throws Exception {
        KeyPair kp = rsa(2048);
        X509Certificate cert = issueWithRevocation(subject, kp.getPublic(), from, to, ocsp, crl);
        return new SoftwareSigner(java.util.List.of(cert, inter, root), kp.getPrivate());
    }

    /** Extensions a test adds to a certificate. */
    @FunctionalInterface
    interface Extra {
        void add(X509v3CertificateBuilder b) throws Exception;
    }

    public X509Certificate issueTsa(PublicKey key) throws Exception {
        Instant now = Instant.now();
        return build(new X500Name("CN=MotCua Test TSA,O=MotCua Test PKI,C=VN"), X500Name.getInstance(inter.getSubjectX500Principal().getEncoded()), key,
                interKey.getPrivate(), now.minus(10, ChronoUnit.DAYS), now.plus(1000, ChronoUnit.DAYS), false, inter, KeyPurposeId.id_kp_timeStamping);
    }

    private static X509Certificate build(X500Name subject, X500Name issuer, PublicKey key, PrivateKey signWith, Instant from, Instant to, boolean ca,
            X509Certificate issuerCert, KeyPurposeId eku) throws Exception {
        return build(subject, issuer, key, signWith, from, to, ca, issuerCert, eku, null);
    }

    private static X509Certificate build(X500Name subject, X500Name issuer, PublicKey key, PrivateKey signWith, Instant from, Instant to, boolean ca,
            X509Certificate issuerCert, KeyPurposeId eku, Extra extra) throws Exception {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(from), Date.from(to),
                subject, key);
        JcaX509ExtensionUtils u = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        b.addExtension(Extension.keyUsage, true,
                new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        b.addExtension(Extension.subjectKeyIdentifier, false, u.createSubjectKeyIdentifier(key));
        if (issuerCert != null) {
            b.addExtension(Extension.authorityKeyIdentifier, false, u.createAuthorityKeyIdentifier(issuerCert));
        }
        if (eku != null) {
            b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(eku));
        }
        if (extra != null) {
            extra.add(b);
        }
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signWith)));
    }
}
