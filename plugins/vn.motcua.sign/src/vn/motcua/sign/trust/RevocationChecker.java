package vn.motcua.sign.trust;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * Asks whether the certificates of a chain are revoked: OCSP, else the CRL, each answer's signature checked against
 * the issuer (or an OCSP responder certificate the issuer delegated to) and its freshness against the time asked
 * about. Two sources: <b>online</b> ({@link #RevocationChecker(Limits)}), at the addresses the certificate names, and
 * <b>embedded</b> ({@link #embedded}), the answers a signer put in the PDF's DSS (PAdES B-LT), never the network.
 * <p>
 * Online fetches go to addresses written by whoever made the certificate — for the verification screen, any PDF's
 * author — so each is bounded ({@link Limits}): connect and total time, answer size, a few redirects, http/https only
 * (never file:, ldap: or anything else, also not after a redirect). A responder that cannot be reached, or answers
 * badly, gives {@link Status#UNKNOWN} with the reason, never a silent "good". An intermediate CA certificate that names
 * no revocation service is taken on its root's word; a signer's certificate that names none is UNKNOWN. The online
 * answers are kept as evidence for the PDF's DSS dictionary.
 */
public final class RevocationChecker {
    public enum Status {
        GOOD, REVOKED, UNKNOWN
    }

    /** Where an answer came from. */
    public enum Source {
        ONLINE, EMBEDDED
    }

    /** OCSP responses and CRLs (DER), and the certificates they concern, for a DSS dictionary. */
    public record Evidence(List<byte[]> ocspResponses, List<byte[]> crls, List<X509Certificate> certificates) {
    }

    /**
     * @param revokedAt for REVOKED, the revocation time the answer gives (the earliest over the chain), else null
     */
    public record Result(Status status, String detail, Evidence evidence, Source source, Instant revokedAt) {
        public Result(Status status, String detail, Evidence evidence) {
            this(status, detail, evidence, Source.ONLINE, null);
        }

        public boolean checked() {
            return status != Status.UNKNOWN;
        }

        public String text(Locale locale) {
            String key = "revocation." + status + (status == Status.GOOD && source == Source.EMBEDDED ? ".embedded" : "");
            return Texts.TEXT.format(locale, key, detail);
        }
    }

    /**
     * Bounds of one online fetch.
     *
     * @param connect      to open the connection
     * @param total        for the whole exchange, redirects included
     * @param maxBytes     largest answer read (a bigger one is cut off and refused)
     * @param maxRedirects redirects followed (each to http or https only)
     */
    public record Limits(Duration connect, Duration total, int maxBytes, int maxRedirects) {
        /** 5 s to connect, 10 s in all, 4 MiB (a CA's CRL), 3 redirects. */
        public static Limits standard() {
            return new Limits(Duration.ofSeconds(5), Duration.ofSeconds(10), 4 << 20, 3);
        }
    }

    /** An OCSP answer without nextUpdate is taken as current for this long after its thisUpdate. */
    private static final Duration UNDATED_ANSWER_LIFE = Duration.ofDays(1);

    private final HttpClient http;
    private final Limits limits;
    private final Evidence embedded;

    /** Online, with the standard limits but this connect time (total: twice it). */
    public RevocationChecker(Duration timeout) {
        this(new Limits(timeout, timeout.multipliedBy(2), Limits.standard().maxBytes(), Limits.standard().maxRedirects()));
    }

    /** Online, within {@code limits}. */
    public RevocationChecker(Limits limits) {
        this.limits = limits;
        this.embedded = null;
        this.http = HttpClient.newBuilder().connectTimeout(limits.connect()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private RevocationChecker(Evidence embedded) {
        this.limits = null;
        this.http = null;
        this.embedded = embedded;
    }

    /** Decides only from answers embedded in a signed document (its DSS); never opens a connection. */
    public static RevocationChecker embedded(List<byte[]> ocspResponses, List<byte[]> crls) {
        return new RevocationChecker(new Evidence(List.copyOf(ocspResponses), List.copyOf(crls), List.of()));
    }

    public boolean online() {
        return embedded == null;
    }

    /**
     * Checks every certificate of the chain but its self-signed root, as of {@code at} (now when online; the signing
     * time for embedded answers); {@code chain} is signer first, each certificate's issuer next to it.
     */
    public Result check(List<X509Certificate> chain, Instant at) {
        List<byte[]> ocsps = new ArrayList<>();
        List<byte[]> crls = new ArrayList<>();
        Status overall = Status.GOOD;
        Instant revokedAt = null;
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
                Answer a = embedded != null ? fromEmbedded(cert, issuer, at) : fromNetwork(cert, issuer, at);
                boolean namesService = !urls(cert, true).isEmpty() || !urls(cert, false).isEmpty();
                if (a == null && cert.getBasicConstraints() >= 0 && !namesService) {
                    continue; // a CA certificate naming no revocation service: only its root vouches for it
                }
                if (a == null) {
                    s = Status.UNKNOWN;
                    why = embedded != null ? "no OCSP answer or CRL for it in the document"
                            : namesService ? "no answer" : "no OCSP or CRL address in the certificate";
                } else {
                    s = a.status;
                    why = a.source;
                    if (a.revokedAt != null && (revokedAt == null || a.revokedAt.isBefore(revokedAt))) {
                        revokedAt = a.revokedAt;
                    }
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
        return new Result(overall, String.join("; ", details), new Evidence(ocsps, crls, List.copyOf(chain)),
                embedded != null ? Source.EMBEDDED : Source.ONLINE, overall == Status.REVOKED ? revokedAt : null);
    }

    private static Status worse(Status a, Status b) {
        return a == Status.REVOKED || b == Status.REVOKED ? Status.REVOKED : a == Status.UNKNOWN || b == Status.UNKNOWN ? Status.UNKNOWN : Status.GOOD;
    }

    private record Answer(Status status, String source, byte[] ocsp, byte[] crl, Instant revokedAt) {
    }

    // ---- where answers come from ----

    private Answer fromNetwork(X509Certificate cert, X509Certificate issuer, Instant at) throws Exception {
        Exception last = null;
        for (String url : urls(cert, true)) {
            try {
                byte[] req = new OCSPReqBuilder().addRequest(certId(cert, issuer)).build().getEncoded();
                byte[] body = fetch(url, req);
                Answer a = ocspAnswer(body, cert, issuer, at, "OCSP " + url);
                if (a == null) {
                    throw new IllegalStateException("OCSP answer from " + url + " does not name the certificate");
                }
                return a;
            } catch (Exception e) {
                last = e;
            }
        }
        for (String url : urls(cert, false)) {
            try {
                return crlAnswer(fetch(url, null), cert, issuer, at, "CRL " + url, true);
            } catch (Exception e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
        return null;
    }

    private Answer fromEmbedded(X509Certificate cert, X509Certificate issuer, Instant at) throws Exception {
        Exception last = null;
        for (byte[] body : embedded.ocspResponses()) {
            try {
                Answer a = ocspAnswer(body, cert, issuer, at, "OCSP (DSS)");
                if (a != null) {
                    return a;
                }
            } catch (Exception e) {
                last = e;
            }
        }
        for (byte[] body : embedded.crls()) {
            try {
                Answer a = crlAnswer(body, cert, issuer, at, "CRL (DSS)", false);
                if (a != null) {
                    return a;
                }
            } catch (Exception e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
        return null;
    }

    // ---- reading answers ----

    private static CertificateID certId(X509Certificate cert, X509Certificate issuer) throws Exception {
        return new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1), new X509CertificateHolder(issuer.getEncoded()),
                cert.getSerialNumber());
    }

    /** The OCSP answer about {@code cert}, signature and freshness checked; null when the response does not name it. */
    private static Answer ocspAnswer(byte[] body, X509Certificate cert, X509Certificate issuer, Instant at, String source) throws Exception {
        OCSPResp resp = new OCSPResp(body);
        if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
            throw new IllegalStateException(source + " answered status " + resp.getStatus());
        }
        BasicOCSPResp basic = (BasicOCSPResp) resp.getResponseObject();
        X509CertificateHolder issuerHolder = new X509CertificateHolder(issuer.getEncoded());
        for (SingleResp single : basic.getResponses()) {
            if (!single.getCertID().getSerialNumber().equals(cert.getSerialNumber())
                    || !single.getCertID().matchesIssuer(issuerHolder, new JcaDigestCalculatorProviderBuilder().build())) {
                continue;
            }
            X509Certificate responder = responder(basic, issuer);
            if (!basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(responder))) {
                throw new IllegalStateException(source + ": the answer has a bad signature");
            }
            CertificateStatus st = single.getCertStatus();
            if (st instanceof RevokedStatus r) {
                return new Answer(Status.REVOKED, source, body, null, r.getRevocationTime().toInstant());
            }
            if (st != CertificateStatus.GOOD) {
                return new Answer(Status.UNKNOWN, source + ": the responder does not know the certificate", body, null, null);
            }
            if (!fresh(single.getThisUpdate().toInstant(), single.getNextUpdate() == null ? null : single.getNextUpdate().toInstant(), at)) {
                throw new IllegalStateException(source + ": the answer is out of date for " + at);
            }
            return new Answer(Status.GOOD, source, body, null, null);
        }
        return null;
    }

    /**
     * The CRL's word on {@code cert}; null when the CRL is another issuer's ({@code mustBeIssuers} false: an embedded CRL
     * may concern another certificate of the chain).
     */
    private static Answer crlAnswer(byte[] body, X509Certificate cert, X509Certificate issuer, Instant at, String source, boolean mustBeIssuers)
            throws Exception {
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(body));
        if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            if (mustBeIssuers) {
                throw new IllegalStateException(source + " is not issued by " + issuer.getSubjectX500Principal().getName());
            }
            return null;
        }
        crl.verify(issuer.getPublicKey());
        X509CRLEntry entry = crl.getRevokedCertificate(cert);
        if (entry != null) {
            return new Answer(Status.REVOKED, source, null, body, entry.getRevocationDate().toInstant());
        }
        if (crl.getNextUpdate() == null ? !fresh(crl.getThisUpdate().toInstant(), null, at)
                : !fresh(crl.getThisUpdate().toInstant(), crl.getNextUpdate().toInstant(), at)) {
            throw new IllegalStateException(source + " is out of date for " + at);
        }
        return new Answer(Status.GOOD, source, null, body, null);
    }

    /**
     * Whether a "good" answer speaks for {@code at}: made at or after it (revocation is final, so good later means good
     * then), or made before it and still current at it.
     */
    static boolean fresh(Instant thisUpdate, Instant nextUpdate, Instant at) {
        if (!thisUpdate.isBefore(at)) {
            return true;
        }
        return nextUpdate != null ? !nextUpdate.isBefore(at) : !thisUpdate.plus(UNDATED_ANSWER_LIFE).isBefore(at);
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

    // ---- bounded fetching ----

    /**
     * One answer from {@code url}: POSTed {@code ocspRequest}, or a GET when null. Redirects are followed by hand, each
     * target checked again; the whole exchange has {@link Limits#total()} and the body {@link Limits#maxBytes()}.
     */
    private byte[] fetch(String url, byte[] ocspRequest) throws IOException {
        long deadline = System.nanoTime() + limits.total().toNanos();
        URI uri = URI.create(url);
        for (int redirects = 0;; redirects++) {
            requireWebAddress(uri);
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IOException(url + ": no answer within " + limits.total().toSeconds() + " s");
            }
            // No per-request timeout: the one deadline below bounds the whole exchange, and cancels it.
            HttpRequest.Builder b = HttpRequest.newBuilder(uri);
            HttpRequest req = ocspRequest != null
                    ? b.header("Content-Type", "application/ocsp-request").POST(HttpRequest.BodyPublishers.ofByteArray(ocspRequest)).build()
                    : b.GET().build();
            CompletableFuture<HttpResponse<byte[]>> f = http.sendAsync(req,
                    info -> info.statusCode() == 200 ? new CappedBody(limits.maxBytes()) : HttpResponse.BodySubscribers.replacing(new byte[0]));
            HttpResponse<byte[]> r;
            try {
                r = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new IOException(uri + ": no answer within " + limits.total().toSeconds() + " s");
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                throw c instanceof IOException io ? io : new IOException(uri + ": " + c, c);
            }
            int code = r.statusCode();
            if (code == 200) {
                return r.body();
            }
            if (code >= 300 && code < 400 && r.headers().firstValue("Location").isPresent()) {
                if (redirects >= limits.maxRedirects()) {
                    throw new IOException(url + ": more than " + limits.maxRedirects() + " redirects");
                }
                uri = uri.resolve(r.headers().firstValue("Location").get());
                if (code != 307 && code != 308) {
                    ocspRequest = null; // 301/302/303: the next request is a GET
                }
                continue;
            }
            throw new IOException(uri + " answered HTTP " + code);
        }
    }

    private static void requireWebAddress(URI uri) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IOException("refused to fetch " + uri + ": only http and https addresses are asked");
        }
    }

    /** A response body read up to a size; a bigger one is cancelled and refused. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final int max;
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        CappedBody(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (buf.size() + b.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("answer larger than " + max + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                buf.writeBytes(chunk);
            }
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(buf.toByteArray());
        }
    }

    // ---- addresses in certificates ----

    /** OCSP addresses (AIA) or CRL distribution points (http and https only) the certificate names. */
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
            String lower = u.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                out.add(u);
            }
        }
    }
}
