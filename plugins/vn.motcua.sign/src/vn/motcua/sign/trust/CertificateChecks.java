package vn.motcua.sign.trust;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import vn.motcua.sign.Texts;

/** The per-certificate rules of Circular 15/2025/TT-BKHCN a signing certificate must meet. */
public final class CertificateChecks {

    /** SHA-2 (and SHA-3) signature algorithms with RSA, ECDSA, RSASSA-PSS, EdDSA. */
    private static final Set<String> STRONG_SIG_OIDS = Set.of(
            "1.2.840.113549.1.1.11", "1.2.840.113549.1.1.12", "1.2.840.113549.1.1.13", "1.2.840.113549.1.1.14",
            "1.2.840.113549.1.1.10", "1.2.840.10045.4.3.1", "1.2.840.10045.4.3.2", "1.2.840.10045.4.3.3", "1.2.840.10045.4.3.4",
            "2.16.840.1.101.3.4.3.9", "2.16.840.1.101.3.4.3.10", "2.16.840.1.101.3.4.3.11", "2.16.840.1.101.3.4.3.12",
            "2.16.840.1.101.3.4.3.13", "2.16.840.1.101.3.4.3.14", "2.16.840.1.101.3.4.3.15", "2.16.840.1.101.3.4.3.16",
            "1.3.101.112", "1.3.101.113");

    public enum Problem {
        EXPIRED, NOT_YET_VALID, KEY_USAGE, WEAK_KEY, WEAK_SIGNATURE_ALGORITHM, UNTRUSTED, REVOKED;

        public String text(Locale locale) {
            return Texts.TEXT.format(locale, "problem." + name());
        }
    }

    private CertificateChecks() {
    }

    public static List<Problem> problems(X509Certificate cert, Instant now) {
        List<Problem> out = new ArrayList<>();
        if (now.isAfter(cert.getNotAfter().toInstant())) {
            out.add(Problem.EXPIRED);
        }
        if (now.isBefore(cert.getNotBefore().toInstant())) {
            out.add(Problem.NOT_YET_VALID);
        }
        boolean[] ku = cert.getKeyUsage();
        if (ku != null && !(ku[0] || (ku.length > 1 && ku[1]))) {
            out.add(Problem.KEY_USAGE); // neither digitalSignature nor nonRepudiation
        }
        if (keyBits(cert.getPublicKey()) < minimumBits(cert.getPublicKey())) {
            out.add(Problem.WEAK_KEY);
        }
        if (!STRONG_SIG_OIDS.contains(cert.getSigAlgOID())) {
            out.add(Problem.WEAK_SIGNATURE_ALGORITHM);
        }
        return out;
    }

    static int minimumBits(PublicKey key) {
        return key instanceof RSAPublicKey ? 2048 : key instanceof ECPublicKey ? 256 : 0;
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey r) {
            return r.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey e) {
            return e.getParams().getCurve().getField().getFieldSize();
        }
        return Integer.MAX_VALUE; // Ed25519/Ed448: fixed strong sizes
    }

    public static String describeKey(X509Certificate cert) {
        PublicKey k = cert.getPublicKey();
        int bits = keyBits(k);
        return k.getAlgorithm() + (bits == Integer.MAX_VALUE ? "" : "-" + bits);
    }
}
