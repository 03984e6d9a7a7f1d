package vn.motcua.sign.testing;

import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningCertificate;
import vn.motcua.sign.SigningException;

/**
 * An RSA key in memory behind the product's {@link Signer} seam, for certificates a test issues on the fly (with
 * revocation addresses pointing at {@link LoopbackRevocation}); token behaviour is tested with SoftHSM2.
 */
public final class SoftwareSigner implements Signer {
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");
    private final SigningCertificate cert;
    private final List<X509Certificate> chain;
    private final PrivateKey key;

    public SoftwareSigner(List<X509Certificate> chain, PrivateKey key) {
        this.cert = SigningCertificate.of(chain.get(0), "memory", Instant.now());
        this.chain = List.copyOf(chain);
        this.key = key;
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
            Signature s = Signature.getInstance("NONEwithRSA");
            s.initSign(key);
            s.update(SHA256_DIGEST_INFO);
            s.update(sha256);
            return s.sign();
        } catch (Exception e) {
            throw new SigningException(SigningException.Reason.FAILED, e.toString());
        }
    }
}
