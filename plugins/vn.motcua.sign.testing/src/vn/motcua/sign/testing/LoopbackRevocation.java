package vn.motcua.sign.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The test CA's revocation services over real HTTP on 127.0.0.1: an OCSP responder ({@code POST /ocsp}, answers
 * signed by the issuing CA itself) and a CRL ({@code GET /crl}), both made with Bouncy Castle; {@link #revoke} marks a
 * serial revoked, {@link #close} makes the services unreachable.
 */
public final class LoopbackRevocation implements AutoCloseable {
    private final TestPki pki;
    private final HttpServer server;
    /** Revoked serials and when they were revoked. */
    private final java.util.Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
    public final AtomicInteger ocspRequests = new AtomicInteger();
    public final AtomicInteger crlRequests = new AtomicInteger();

    public LoopbackRevocation(TestPki pki) throws IOException {
        this.pki = pki;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 20);
        server.createContext("/ocsp", this::ocsp);
        server.createContext("/crl", this::crl);
        server.start();
    }

    public URI ocspUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    public URI crlUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/crl");
    }

    /** Revoked an hour ago. */
    public void revoke(BigInteger serial) {
        revoke(serial, Instant.now().minus(1, ChronoUnit.HOURS));
    }

    public void revoke(BigInteger serial, Instant at) {
        revoked.put(serial, at);
    }

    private void ocsp(HttpExchange ex) throws IOException {
        try (ex) {
            ocspRequests.incrementAndGet();
            OCSPReq req = new OCSPReq(ex.getRequestBody().readAllBytes());
            X509CertificateHolder issuer = new X509CertificateHolder(pki.inter.getEncoded());
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(issuer.getSubject()));
            Date now = new Date();
            Date next = Date.from(Instant.now().plus(1, ChronoUnit.DAYS));
            for (Req r : req.getRequestList()) {
                Instant when = revoked.get(r.getCertID().getSerialNumber());
                CertificateStatus st = when != null ? new RevokedStatus(Date.from(when), CRLReason.keyCompromise) : CertificateStatus.GOOD;
                b.addResponse(r.getCertID(), st, now, next);
            }
            var basic = b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pki.interKey.getPrivate()), new X509CertificateHolder[] { issuer }, now);
            send(ex, "application/ocsp-response", new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded());
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private void crl(HttpExchange ex) throws IOException {
        try (ex) {
            crlRequests.incrementAndGet();
            X509v2CRLBuilder b = new X509v2CRLBuilder(new X509CertificateHolder(pki.inter.getEncoded()).getSubject(), new Date());
            b.setNextUpdate(Date.from(Instant.now().plus(1, ChronoUnit.DAYS)));
            for (var e : revoked.entrySet()) {
                b.addCRLEntry(e.getKey(), Date.from(e.getValue()), CRLReason.keyCompromise);
            }
            send(ex, "application/pkix-crl", b.build(new JcaContentSignerBuilder("SHA256withRSA").build(pki.interKey.getPrivate())).getEncoded());
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    private static void send(HttpExchange ex, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
