package vn.motcua.sign.testing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * A tiny RFC 3161 timestamp authority over real HTTP on 127.0.0.1 (a plain ServerSocket: one request per
 * connection), answering with Bouncy Castle's TimeStampResponseGenerator.
 */
public final class LoopbackTsa implements AutoCloseable {
    private final ServerSocket server;
    private final TimeStampResponseGenerator gen;
    private final AtomicLong serial = new AtomicLong(1);
    public final AtomicInteger requests = new AtomicInteger();
    public final X509Certificate cert;

    private final java.util.function.Supplier<Date> clock;

    public LoopbackTsa(TestPki pki) throws Exception {
        this(pki, Date::new);
    }

    /** A TSA whose time is {@code clock}'s (a test that needs a timestamp from an earlier moment). */
    public LoopbackTsa(TestPki pki, java.util.function.Supplier<Date> clock) throws Exception {
        this.clock = clock;
        KeyPair kp = TestPki.rsa(2048);
        cert = pki.issueTsa(kp.getPublic());
        TimeStampTokenGenerator tg = new TimeStampTokenGenerator(
                new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build()).build(
                        new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()), cert),
                new JcaDigestCalculatorProviderBuilder().build().get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.99999.1"));
        tg.addCertificates(new JcaCertStore(List.of(cert, pki.inter)));
        gen = new TimeStampResponseGenerator(tg, TSPAlgorithms.ALLOWED);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "loopback-tsa");
        t.setDaemon(true);
        t.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/tsa");
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    head.write(b);
                    byte[] h = head.toByteArray();
                    int n = h.length;
                    if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                        break;
                    }
                }
                int len = 0;
                for (String line : head.toString(StandardCharsets.ISO_8859_1).split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        len = Integer.parseInt(line.substring(15).trim());
                    }
                }
                byte[] body = in.readNBytes(len);
                requests.incrementAndGet();
                TimeStampRequest req = new TimeStampRequest(body);
                TimeStampResponse resp = gen.generate(req, BigInteger.valueOf(serial.incrementAndGet()), clock.get());
                byte[] out = resp.getEncoded();
                OutputStream os = s.getOutputStream();
                os.write(("HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: " + out.length + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                os.write(out);
                os.flush();
            } catch (Exception e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
