package vn.motcua.sign.trust;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import vn.motcua.sign.Texts;

/**
 * Asks whether the certificates of a chain are revoked, online: OCSP at the address the certificate names
 * (Authority Information Access), else the CRL at its distribution point; each answer's signature is checked against
 * the issuer (or an OCSP responder certificate the issuer delegated to). The answers are kept as evidence for the
 * PDF's DSS dictionary (PAdES B-LT). A responder that cannot be reached gives {@link Status#UNKNOWN} with the reason,
 * never a silent "good". An intermediate CA certificate that names no revocation service is taken on its root's word;
 * a signer's certificate that names none is UNKNOWN.
 */
public final class RevocationChecker {
    public enum Status {
        GOOD, REVOKED, UNKNOWN
    }

    /** OCSP responses and CRLs (DER), and the certificates they concern, for a DSS dictionary. */
    public record Evidence(List<byte[]> ocspResponses, List<byte[]> crls, List<X509Certificate> certificates) {
    }

    public record Result(Status status, String detail, Evidence evidence) {
        public boolean checked() {
            return status != Status.UNKNOWN;
        }

        public String text(Locale locale) {
            return Texts.TEXT.format(locale, "revocation." + status, detail);
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    public RevocationChecker(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Checks every certificate of the chain but its self-signed root; {@code chain} is signer first. */
    public Result check(List<X509Certificate> chain, Instant at) {
        List<byte[]> ocsps = new ArrayList<>();
        List<byte[]> crls = new ArrayList<>();
        Status overall = Status.GOOD;
        List<String> details = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate cert = chain.get(i);
            if (cert.getSubjectX500Principal().equals(cert.getIssuerX500Principal())) {
                continue; // a root: trusted as such, nobody revokes it
            }
            X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : null;
            String name = cert.getSubjectX500Principal().getName();
            if (issuer == null) {
                overall = worse(overall, Status.UNKNOWN);
                details.add(name + ": no issuer certificate");
                continue;
            }
            Status s;
            String why;
            try {
                Answer a = ocsp(cert, issuer, at);
                if (a == null) {
                    a = crl(cert, issuer, at);
                }
                if (a == null && cert.getBasicConstraints() >= 0) {
                    continue; // a CA certificate naming no revocation service: only its root vouches for it
                }
                if (a == null) {
                    s = Status.UNKNOWN;
                    why = "no OCSP or CRL address in the certificate";
                } else {
                    s = a.status;
                    why = a.source;
                    if (a.ocsp != null) {
                        ocsps.add(a.ocsp);
                    }
                    if (a.crl != null) {
                        crls.add(a.crl);
                    }
                }
            } catch (Exception e) {
                s = Status.UNKNOWN;
                why = e.getMessage() == null ? e.toString() : e.getMessage();
            }
            overall = worse(overall, s);
            if (s != Status.GOOD) {
                details.add(name + ": " + why);
            }
        }
        return new Result(overall, String.join("; ", details), new Evidence(ocsps, crls, List.copyOf(chain)));
    }

    private static Status worse(Status a, Status b) {
        return a == Status.REVOKED || b == Status.REVOKED ? Status.REVOKED : a == Status.UNKNOWN || b == Status.UNKNOWN ? Status.UNKNOWN : Status.GOOD;
    }

    private record Answer(Status status, String source, byte[] ocsp, byte[] crl) {
    }

    private Answer ocsp(X509Certificate cert, X509Certificate issuer, Instant at) throws Exception {
        List<String> urls = urls(cert, true);
        Exception last = null;
        for (String url : urls) {
            try {
                CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                        new X509CertificateHolder(issuer.getEncoded()), cert.getSerialNumber());
                byte[] req = new OCSPReqBuilder().addRequest(id).build().getEncoded();
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                        .header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(req)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("OCSP " + url + " answered HTTP " + r.statusCode());
                }
                OCSPResp resp = new OCSPResp(r.body());
                if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                    throw new IllegalStateException("OCSP " + url + " answered status " + resp.getStatus());
                }
                BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
                X509Certificate responder = responder(basic, issuer);
                if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))) {
                    throw new IllegalStateException("OCSP answer from " + url + " has a bad signature");
                }
                for (SingleResp single : basic.getResponses()) {
                    if (single.getCertID().matchesIssuer(new X509CertificateHolder(issuer.getEncoded()),
                            new JcaDigestCalculatorProviderBuilder().build()) && single.getCertID().getSerialNumber().equals(cert.getSerialNumber())) {
                        if (single.getNextUpdate() != null && single.getNextUpdate().toInstant().isBefore(at)) {
                            throw new IllegalStateException("OCSP answer from " + url + " is out of date");
                        }
                        CertificateStatus st = single.getCertStatus();
                        Status s = st == CertificateStatus.GOOD ? Status.GOOD : st instanceof RevokedStatus ? Status.REVOKED : Status.UNKNOWN;
                        return new Answer(s, "OCSP " + url, r.body(), null);
                    }
                }
                throw new IllegalStateException("OCSP answer from " + url + " does not name the certificate");
            } catch (Exception e) {
                last = e;
            }
        }
        if (last != null && urls(cert, false).isEmpty()) {
            throw last;
        }
        return null;
    }

    /** The issuer itself, or a certificate it issued for OCSP signing that the answer carries. */
    private static X509Certificate responder(BasicOCSPResp basic, X509Certificate issuer) throws Exception {
        JcaX509CertificateConverter conv = new JcaX509CertificateConverter();
        for (X509CertificateHolder h : basic.getCerts()) {
            X509Certificate c = conv.getCertificate(h);
            if (c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal()) && c.getExtendedKeyUsage() != null
                    && c.getExtendedKeyUsage().contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
                c.verify(issuer.getPublicKey());
                return c;
            }
        }
        return issuer;
    }

    private Answer crl(X509Certificate cert, X509Certificate issuer, Instant at) throws Exception {
        Exception last = null;
        for (String url : urls(cert, false)) {
            try {
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("CRL " + url + " answered HTTP " + r.statusCode());
                }
                X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(r.body()));
                crl.verify(issuer.getPublicKey());
                if (crl.getNextUpdate() != null && crl.getNextUpdate().before(Date.from(at))) {
                    throw new IllegalStateException("CRL " + url + " is out of date");
                }
                return new Answer(crl.isRevoked(cert) ? Status.REVOKED : Status.GOOD, "CRL " + url, null, r.body());
            } catch (Exception e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
        return null;
    }

    /** OCSP addresses (AIA) or CRL distribution points (http only) the certificate names. */
    static List<String> urls(X509Certificate cert, boolean ocsp) {
        List<String> out = new ArrayList<>();
        try {
            byte[] ext = cert.getExtensionValue(ocsp ? Extension.authorityInfoAccess.getId() : Extension.cRLDistributionPoints.getId());
            if (ext == null) {
                return out;
            }
            byte[] inner = ASN1OctetString.getInstance(ext).getOctets();
            if (ocsp) {
                for (AccessDescription d : AuthorityInformationAccess.getInstance(inner).getAccessDescriptions()) {
                    if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                        add(out, d.getAccessLocation());
                    }
                }
            } else {
                for (DistributionPoint dp : CRLDistPoint.getInstance(inner).getDistributionPoints()) {
                    DistributionPointName n = dp.getDistributionPoint();
                    if (n != null && n.getType() == DistributionPointName.FULL_NAME) {
                        for (GeneralName g : GeneralNames.getInstance(n.getName()).getNames()) {
                            add(out, g);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // a malformed extension: no address
        }
        return out;
    }

    private static void add(List<String> out, GeneralName g) {
        if (g.getTagNo() == GeneralName.uniformResourceIdentifier) {
            String u = g.getName().toString();
            if (u.startsWith("http://") || u.startsWith("https://")) {
                out.add(u);
            }
        }
    }
}
