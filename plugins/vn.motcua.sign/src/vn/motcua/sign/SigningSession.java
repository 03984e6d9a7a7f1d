package vn.motcua.sign;

import java.util.List;

/** A logged-in token (or open store): its certificates and signers. Close = log out; keys stop working. */
public interface SigningSession extends AutoCloseable {
    List<SigningCertificate> certificates();

    /** The signer for the certificate with this SHA-256 thumbprint (case-insensitive hex). */
    Signer signer(String thumbprint) throws SigningException;

    @Override
    void close();
}
