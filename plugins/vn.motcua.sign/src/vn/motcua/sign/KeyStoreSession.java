package vn.motcua.sign;

import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.motcua.sign.SigningException.Reason;

/**
 * A session over a JCA {@link KeyStore} (PKCS#11, PKCS#12 or Windows-MY). Private-key handles are fetched once at
 * open time and die with {@link #close()} (a PKCS#11 logout invalidates them anyway): never keep them across
 * batches.
 */
final class KeyStoreSession implements SigningSession {
    /** How the hash reaches the provider's raw ("NONEwith…") signature. */
    enum HashMode {
        /** the caller wraps an RSA hash in a DigestInfo (SunPKCS11, SunRsaSign) */
        DIGEST_INFO,
        /** the provider wants the bare hash and picks the DigestInfo by its length (SunMSCAPI) */
        RAW_HASH
    }

    private static final byte[] SHA256_DIGEST_INFO = java.util.HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    private record Entry(SigningCertificate cert, List<X509Certificate> chain, PrivateKey key) {
    }

    private final Map<String, Entry> byThumbprint = new LinkedHashMap<>();
    private final Provider provider;
    private final HashMode hashMode;
    private final boolean training;
    private final Runnable onClose;
    private volatile boolean closed;

    KeyStoreSession(KeyStore ks, char[] keyPassword, Provider provider, HashMode hashMode, boolean training, String location,
            Runnable onClose) throws SigningException {
        this.provider = provider;
        this.hashMode = hashMode;
        this.training = training;
        this.onClose = onClose;
        Instant now = Instant.now();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (!ks.isKeyEntry(alias)) {
                    continue;
                }
                Certificate[] chain = ks.getCertificateChain(alias);
                if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate)) {
                    continue;
                }
                List<X509Certificate> xs = new ArrayList<>();
                for (Certificate c : chain) {
                    xs.add((X509Certificate) c);
                }
                PrivateKey key = (PrivateKey) ks.getKey(alias, keyPassword);
                SigningCertificate sc = SigningCertificate.of(xs.get(0), location, now);
                byThumbprint.put(sc.thumbprint(), new Entry(sc, List.copyOf(xs), key));
            }
        } catch (Exception e) {
            throw Pkcs11Errors.map(e, false);
        }
    }

    @Override
    public List<SigningCertificate> certificates() {
        return byThumbprint.values().stream().map(Entry::cert).toList();
    }

    @Override
    public Signer signer(String thumbprint) throws SigningException {
        Entry e = thumbprint == null ? null : byThumbprint.get(thumbprint.toUpperCase(java.util.Locale.ROOT));
        if (e == null) {
            throw new SigningException(Reason.CERTIFICATE_NOT_FOUND, thumbprint);
        }
        return new Signer() {
            @Override
            public SigningCertificate certificate() {
                return e.cert();
            }

            @Override
            public List<X509Certificate> chain() {
                return e.chain();
            }

            @Override
            public boolean training() {
                return training;
            }

            @Override
            public byte[] signHash(byte[] sha256) throws SigningException {
                if (closed) {
                    throw new SigningException(Reason.TOKEN_REMOVED, "session closed");
                }
                try {
                    boolean rsa = "RSA".equals(e.key().getAlgorithm());
                    Signature s = provider == null ? Signature.getInstance(rsa ? "NONEwithRSA" : "NONEwithECDSA")
                            : Signature.getInstance(rsa ? "NONEwithRSA" : "NONEwithECDSA", provider);
                    s.initSign(e.key());
                    if (rsa && hashMode == HashMode.DIGEST_INFO) {
                        s.update(SHA256_DIGEST_INFO);
                    }
                    s.update(sha256);
                    return s.sign();
                } catch (Exception ex) {
                    throw Pkcs11Errors.map(ex, true);
                }
            }
        };
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            byThumbprint.clear();
            onClose.run();
        }
    }
}
