package vn.motcua.sign;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

import vn.motcua.sign.trust.CertificateChecks;
import vn.motcua.sign.trust.CertificateChecks.Problem;

/**
 * A certificate the user can choose to sign with, described for people: holder, agency, issuer, validity, and
 * whether it can be used now (or why not). The choice is remembered by {@link #thumbprint()}, never by slot.
 */
public record SigningCertificate(String holder, String agency, String issuer, String serialHex, Instant notBefore,
        Instant notAfter, String thumbprint, String keyDescription, List<Problem> problems, String location,
        X509Certificate certificate) {

    public static SigningCertificate of(X509Certificate cert, String location, Instant now) {
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        X500Name issuerName = X500Name.getInstance(cert.getIssuerX500Principal().getEncoded());
        String holder = first(subject, BCStyle.CN);
        List<String> agency = new ArrayList<>(all(subject, BCStyle.OU));
        agency.addAll(all(subject, BCStyle.O));
        String issuer = first(issuerName, BCStyle.CN);
        return new SigningCertificate(holder.isEmpty() ? subject.toString() : holder, String.join(", ", agency),
                issuer.isEmpty() ? issuerName.toString() : issuer, cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT),
                cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant(), thumbprint(cert),
                CertificateChecks.describeKey(cert), CertificateChecks.problems(cert, now), location, cert);
    }

    public boolean usable() {
        return problems.isEmpty();
    }

    /** Empty when usable, else the reasons in the given language. */
    public String whyNotUsable(Locale locale) {
        return problems.stream().map(p -> p.text(locale)).collect(Collectors.joining("; "));
    }

    /** SHA-256 of the DER certificate, upper-case hex. */
    public static String thumbprint(X509Certificate cert) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String first(X500Name name, ASN1ObjectIdentifier type) {
        List<String> all = all(name, type);
        return all.isEmpty() ? "" : all.get(0);
    }

    static List<String> all(X500Name name, ASN1ObjectIdentifier type) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) {
            out.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return out;
    }
}
