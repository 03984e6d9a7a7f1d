package vn.motcua.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The release certificates a workstation (or server) trusts for packages: {@code release-certificate.pem} of the
 * installed version, one or more PEM certificates. Pinned, not chained: a package counts only when it is signed by the
 * key of one of these certificates, whatever a CA says; validity dates are not checked, so an expired release
 * certificate cannot cut a province's PCs off their updates. Rotation: a version signed with the old key ships a file
 * holding both certificates, the next one only the new.
 */
public final class ReleaseTrust {
    public static final String FILE = "release-certificate.pem";
    private final List<X509Certificate> certificates;

    public ReleaseTrust(List<X509Certificate> certificates) {
        this.certificates = List.copyOf(certificates);
    }

    /** The certificates of a PEM (or DER) file; an unreadable or empty file trusts nothing and says so. */
    public static ReleaseTrust load(Path file) throws PackageException {
        if (!Files.isRegularFile(file)) {
            throw new PackageException("trust.missing", file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new PackageException("trust.missing", file);
            }
            return new ReleaseTrust(out);
        } catch (IOException | CertificateException e) {
            throw new PackageException(e, "trust.unreadable", file, e.getMessage());
        }
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** True when {@code cert} is one of the pinned certificates (byte for byte). */
    public boolean trusts(X509Certificate cert) {
        try {
            byte[] enc = cert.getEncoded();
            for (X509Certificate c : certificates) {
                if (MessageDigest.isEqual(c.getEncoded(), enc)) {
                    return true;
                }
            }
            return false;
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    /** SHA-256 of a certificate, hex: how operators compare a release certificate with the one they published. */
    public static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
