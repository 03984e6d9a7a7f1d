package vn.motcua.sign;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Signs one SHA-256 hash with a key the user chose. The seam for every key source: a PKCS#11 token, the Windows
 * store, a training PKCS#12 file, later a remote (CSC-style) service.
 */
public interface Signer {
    SigningCertificate certificate();

    /** The signer's certificate first, then the intermediates the source knows (may be just the signer's). */
    List<X509Certificate> chain();

    /**
     * @param sha256 a 32-byte SHA-256 hash
     * @return the raw signature value: PKCS#1 v1.5 for RSA, DER {@code ECDSA-Sig-Value} for EC
     */
    byte[] signHash(byte[] sha256) throws SigningException;

    /** "RSA" or "EC". */
    default String keyAlgorithm() {
        return certificate().certificate().getPublicKey().getAlgorithm();
    }

    /** A training key: everything it signs carries the training mark. */
    default boolean training() {
        return false;
    }
}
