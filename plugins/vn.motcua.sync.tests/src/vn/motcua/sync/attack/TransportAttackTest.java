package vn.motcua.sync.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sync.SyncClient;
import vn.motcua.sync.SyncException;
import vn.motcua.sync.SyncSettings;
import vn.motcua.sync.testing.ServerProcess;

/**
 * Transport: the server serves TLS itself from a PKCS#12 keystore (a certificate made here, trusted by the JDK's client),
 * TLS 1.2 and 1.3 only, never plain HTTP on that port; the workstation refuses {@code http://} to any other machine
 * before sending a byte and says how to fix the address, while loopback stays allowed (local demo and tests).
 */
class TransportAttackTest {
    @TempDir
    Path dir;

    private static X509Certificate selfSigned(KeyPair kp) throws Exception {
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(new X500Name("CN=motcua-sync.test"), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), new X500Name("CN=motcua-sync.test"), kp.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost") }));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate())));
    }

    @Test
    void theServerSpeaksTlsItselfWithTheKeystoreItIsGiven() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        X509Certificate cert = selfSigned(kp);
        char[] password = "mat-khau-kho-khoa".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", kp.getPrivate(), password, new X509Certificate[] { cert });
        Path p12 = dir.resolve("server.p12");
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, password);
        }
        // The password from a file (as from a secret store), never in the properties.
        Path pw = Files.writeString(dir.resolve("keystore.password"), new String(password) + "\n", StandardCharsets.UTF_8);
        try (ServerProcess server = new ServerProcess(dir.resolve("server"), Map.of("tls.keystore", p12.toString(), "tls.keystore.password.file",
                pw.toString())).start()) {
            URI https = URI.create("https://127.0.0.1:" + server.uri().getPort());
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(https.resolve("/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"status\":\"ok\""));
            System.out.println("[tls] negotiated " + health.sslSession().orElseThrow().getProtocol() + " " + health.sslSession().get().getCipherSuite());
            HttpResponse<String> login = client.send(HttpRequest.newBuilder(https.resolve("/v1/login")).header("X-Motcua-Protocol", "1")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin-pw-123\",\"workstationId\":\"tls\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());

            // TLS 1.2 is accepted (older Windows clients); the server is told 1.2 and 1.3 only.
            SSLParameters only12 = new SSLParameters();
            only12.setProtocols(new String[] { "TLSv1.2" });
            HttpClient old = HttpClient.newBuilder().sslContext(ctx).sslParameters(only12).build();
            HttpResponse<String> r12 = old.send(HttpRequest.newBuilder(https.resolve("/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("TLSv1.2", r12.sslSession().orElseThrow().getProtocol());

            // A client that does not trust the certificate is not talked to; plain HTTP on the TLS port gets nothing useful.
            HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            assertThrows(IOException.class, () -> untrusting.send(HttpRequest.newBuilder(https.resolve("/v1/health")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            boolean plainRefused;
            try {
                HttpResponse<String> plain = untrusting.send(HttpRequest.newBuilder(server.uri().resolve("/v1/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                plainRefused = plain.statusCode() != 200;
            } catch (IOException e) {
                plainRefused = true;
            }
            assertTrue(plainRefused, "plain HTTP to the TLS port");
        }
    }

    @Test
    void theWorkstationRefusesPlainHttpToAnotherMachineAndSaysHowToFixIt() {
        // A name that does not resolve: had the client tried to connect, it would say "unreachable", not "insecure".
        SyncClient client = new SyncClient(URI.create("http://motcua.phutho.invalid:8470/"), Locale.forLanguageTag("vi"));
        SyncException e = assertThrows(SyncException.class, () -> client.login("canbo.motcua", "matkhau".toCharArray(), "WS"));
        assertEquals(SyncException.Kind.INSECURE, e.kind());
        assertTrue(e.getMessage().contains("https://motcua.phutho.invalid:8470/"), e.getMessage());
        assertTrue(e.getMessage().contains("không mã hóa"), e.getMessage());
        SyncException en = assertThrows(SyncException.class,
                () -> new SyncClient(URI.create("http://10.20.30.40/"), Locale.ENGLISH).health());
        assertEquals(SyncException.Kind.INSECURE, en.kind());
        assertTrue(en.getMessage().contains("unencrypted"), en.getMessage());

        assertEquals("settings.plainHttp", SyncSettings.check("http://motcua.phutho.gov.vn/"));
        assertEquals("settings.plainHttp", SyncSettings.check("HTTP://192.168.1.10:8470"));
        assertNull(SyncSettings.check("https://motcua.phutho.gov.vn/"));
        assertNull(SyncSettings.check("http://127.0.0.1:8470/"), "a server on this machine");
        assertNull(SyncSettings.check("http://localhost:8470/"));
        assertNull(SyncSettings.check("http://[::1]:8470/"));
        assertEquals("settings.plainHttp", SyncSettings.check("http://127.0.0.1.nip.io/"), "a name that only looks like loopback");
        assertEquals("https://motcua.phutho.gov.vn:8470/", SyncSettings.httpsSuggestion("http://motcua.phutho.gov.vn:8470/"));
    }
}
