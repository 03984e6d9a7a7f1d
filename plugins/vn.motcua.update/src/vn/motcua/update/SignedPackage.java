package vn.motcua.update;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedDataParser;
import org.bouncycastle.cms.CMSSignedDataStreamGenerator;
import org.bouncycastle.cms.CMSTypedStream;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;

/**
 * A release package on the wire and on disk: a CMS SignedData (RFC 5652) that <em>encapsulates</em> a zip
 * ({@code package.properties}, for a client version {@code manifest.txt}, and {@code files/…}), signed with the
 * province's release key. One file, so it is uploaded, stored, resumed and checked as one; {@code openssl cms -verify}
 * reads it too. {@link #open} checks the signature over the exact bytes against the pinned release certificates
 * <em>before</em> the zip inside is opened at all: one flipped byte anywhere, or another key, and nothing is used.
 */
public final class SignedPackage {
    /** Most files in a package (the client has ~130). */
    public static final int MAX_ENTRIES = 20_000;
    /** Largest zip inside a package: the whole client with its runtime is ~150 MB. */
    public static final long MAX_CONTENT = 1L << 30;
    private static final Set<String> DIGESTS = Set.of(NISTObjectIdentifiers.id_sha256.getId(), NISTObjectIdentifiers.id_sha384.getId(),
            NISTObjectIdentifiers.id_sha512.getId());

    private SignedPackage() {
    }

    /** Signs {@code zip} into {@code out} (encapsulated content, the signer's certificate included). */
    public static void sign(Path zip, Path out, PrivateKey key, X509Certificate cert) throws IOException {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            CMSSignedDataStreamGenerator gen = new CMSSignedDataStreamGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .build(new JcaContentSignerBuilder(algorithm).build(key), cert));
            gen.addCertificates(new JcaCertStore(List.of(cert)));
            Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
            try (OutputStream file = Files.newOutputStream(tmp); OutputStream signed = gen.open(file, true)) {
                Files.copy(zip, signed);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
        } catch (OperatorCreationException | CMSException | CertificateException e) {
            throw new IOException("cannot sign " + zip + ": " + e.getMessage(), e);
        }
    }

    /**
     * Verifies {@code p7m} against {@code trust} and extracts the signed zip to {@code zip}. Refused: not CMS, no or
     * several signers, a digest weaker than SHA-256, a signer that is not a pinned release certificate, a signature
     * that does not match the content, content larger than {@link #MAX_CONTENT}. {@code zip} is deleted on refusal.
     */
    public static VerifiedPackage open(Path p7m, ReleaseTrust trust, Path zip) throws PackageException {
        X509Certificate signer;
        try {
            signer = verify(p7m, trust, zip);
        } catch (PackageException e) {
            deleteQuietly(zip);
            throw e;
        }
        try {
            return VerifiedPackage.read(zip, signer);
        } catch (PackageException e) {
            deleteQuietly(zip);
            throw e;
        }
    }

    private static X509Certificate verify(Path p7m, ReleaseTrust trust, Path zip) throws PackageException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(p7m), 1 << 16)) {
            Files.createDirectories(zip.toAbsolutePath().getParent());
            CMSSignedDataParser parser = new CMSSignedDataParser(new JcaDigestCalculatorProviderBuilder().build(), in);
            CMSTypedStream content = parser.getSignedContent();
            if (content == null) {
                throw new PackageException("package.notSigned");
            }
            // Reading the content computes its digest; it is written where it will be read only if the signature holds.
            try (InputStream c = content.getContentStream(); OutputStream o = Files.newOutputStream(zip)) {
                byte[] buf = new byte[1 << 16];
                long total = 0;
                for (int n; (n = c.read(buf)) > 0;) {
                    total += n;
                    if (total > MAX_CONTENT) {
                        throw new PackageException("package.tooLarge", MAX_CONTENT);
                    }
                    o.write(buf, 0, n);
                }
            }
            @SuppressWarnings("unchecked")
            Store<X509CertificateHolder> certificates = parser.getCertificates();
            Collection<SignerInformation> signers = parser.getSignerInfos().getSigners();
            if (signers.size() != 1) {
                throw new PackageException("package.signers", signers.size());
            }
            SignerInformation si = signers.iterator().next();
            if (!DIGESTS.contains(si.getDigestAlgOID())) {
                throw new PackageException("package.weakDigest", si.getDigestAlgOID());
            }
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = certificates.getMatches(si.getSID());
            if (matches.isEmpty()) {
                throw new PackageException("package.untrusted", "?");
            }
            X509CertificateHolder holder = matches.iterator().next();
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(holder);
            if (!trust.trusts(cert)) {
                throw new PackageException("package.untrusted", cert.getSubjectX500Principal().getName());
            }
            if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().build(holder))) {
                throw new PackageException("package.signature");
            }
            return cert;
        } catch (CMSException | OperatorCreationException | CertificateException | IOException | RuntimeException e) {
            // A damaged file fails in the parser (bad ASN.1, a digest that does not match): all the same to the user.
            throw new PackageException(e, "package.signature");
        }
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temporary file; the next attempt overwrites it
        }
    }
}
