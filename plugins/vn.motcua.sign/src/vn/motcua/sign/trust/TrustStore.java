package vn.motcua.sign.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import vn.motcua.sign.SigningCertificate;

/**
 * Trusted root certificates: the ones shipped in the bundle's {@code trust/} folder (listed in
 * {@code trust/roots.txt}; empty until an admin adds official files, see {@code trust/README.md}) plus PEM/DER files
 * from folders an admin controls. Chains are built with the JDK's PKIX builder, revocation off. Intermediate CA
 * certificates may be kept beside the anchors ({@link #withIntermediates}): they help build a path from a signature that
 * does not carry its whole chain, but are never trusted by themselves.
 */
public final class TrustStore {
    private final Map<String, X509Certificate> anchors;
    private final List<X509Certificate> intermediates;

    private TrustStore(Map<String, X509Certificate> anchors, List<X509Certificate> intermediates) {
        this.anchors = anchors;
        this.intermediates = intermediates;
    }

    public static TrustStore empty() {
        return new TrustStore(Map.of(), List.of());
    }

    public static TrustStore of(Collection<X509Certificate> roots) {
        Map<String, X509Certificate> m = new LinkedHashMap<>();
        roots.forEach(c -> m.put(SigningCertificate.thumbprint(c), c));
        return new TrustStore(Map.copyOf(m), List.of());
    }

    /**
     * A server's trust folder: every self-signed certificate in {@code dir} is an anchor, every other one an intermediate
     * (a missing folder gives an empty store).
     */
    public static TrustStore withIntermediates(Path dir) throws IOException {
        List<X509Certificate> roots = new ArrayList<>();
        List<X509Certificate> others = new ArrayList<>();
        for (X509Certificate c : certificatesIn(dir)) {
            (selfSigned(c) ? roots : others).add(c);
        }
        return new TrustStore(of(roots).anchors, List.copyOf(others));
    }

    static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public boolean isEmpty() {
        return anchors.isEmpty();
    }

    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    /** The roots shipped inside this bundle ({@code trust/roots.txt} names the files). */
    public static TrustStore shipped() throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream index = TrustStore.class.getResourceAsStream("/trust/roots.txt")) {
            if (index != null) {
                for (String line : new String(index.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                    String name = line.strip();
                    if (name.isEmpty() || name.startsWith("#")) {
                        continue;
                    }
                    try (InputStream in = TrustStore.class.getResourceAsStream("/trust/" + name)) {
                        if (in != null) {
                            certs.addAll(parse(in.readAllBytes()));
                        }
                    }
                }
            }
        }
        return of(certs);
    }

    /** Every {@code *.pem, *.crt, *.cer, *.der} file in the folder (a missing folder gives an empty store). */
    public static TrustStore fromFolder(Path dir) throws IOException {
        return of(certificatesIn(dir));
    }

    private static List<X509Certificate> certificatesIn(Path dir) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (n.endsWith(".pem") || n.endsWith(".crt") || n.endsWith(".cer") || n.endsWith(".der")) {
                        certs.addAll(parse(Files.readAllBytes(f)));
                    }
                }
            }
        }
        return certs;
    }

    public TrustStore plus(TrustStore other) {
        Map<String, X509Certificate> m = new LinkedHashMap<>(anchors);
        m.putAll(other.anchors);
        List<X509Certificate> i = new ArrayList<>(intermediates);
        i.addAll(other.intermediates);
        return new TrustStore(Map.copyOf(m), List.copyOf(i));
    }

    public List<X509Certificate> anchors() {
        return List.copyOf(anchors.values());
    }

    /** PEM (one or more certificates) or DER. */
    public static List<X509Certificate> parse(byte[] bytes) throws IOException {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            return cf.generateCertificates(new ByteArrayInputStream(bytes)).stream().map(c -> (X509Certificate) c).toList();
        } catch (CertificateException e) {
            throw new IOException("not a certificate file: " + e.getMessage(), e);
        }
    }

    /**
     * Builds a path from {@code chain.get(0)} (the end entity) through the other certificates to one of the anchors,
     * every certificate valid at {@code at}.
     */
    public TrustResult validate(List<X509Certificate> chain, Date at) {
        if (anchors.isEmpty()) {
            return new TrustResult(false, null, List.of(), "no trusted roots configured");
        }
        try {
            Set<TrustAnchor> ta = anchors.values().stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toSet());
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(chain.get(0));
            PKIXBuilderParameters params = new PKIXBuilderParameters(ta, target);
            params.setRevocationEnabled(false);
            params.setDate(at);
            List<X509Certificate> known = new ArrayList<>(chain);
            known.addAll(intermediates);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(known)));
            PKIXCertPathBuilderResult r = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(params);
            List<X509Certificate> path = new ArrayList<>();
            for (Certificate c : r.getCertPath().getCertificates()) {
                path.add((X509Certificate) c);
            }
            return new TrustResult(true, r.getTrustAnchor().getTrustedCert(), path, null);
        } catch (CertPathBuilderException e) {
            return new TrustResult(false, null, List.of(), e.getMessage());
        } catch (Exception e) {
            return new TrustResult(false, null, List.of(), e.toString());
        }
    }
}
