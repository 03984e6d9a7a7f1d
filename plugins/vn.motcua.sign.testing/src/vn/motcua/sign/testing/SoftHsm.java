package vn.motcua.sign.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.stream.Stream;

import vn.motcua.sign.Pkcs11KeySource;
import vn.motcua.sign.SigningCertificate;

/**
 * The test run's SoftHSM2: a private configuration at {@code $SOFTHSM2_CONF} (set by the test pom), two tokens made
 * with {@code softhsm2-util}, key pairs generated ON the tokens ({@code pkcs11-tool --keypairgen}: sensitive,
 * never extractable), their certificates issued by the test CA and written next to them with the same CKA_ID,
 * plus the CA certificates. All of it happens once, before SunPKCS11 loads the module (SoftHSM only sees tokens
 * that exist at C_Initialize).
 */
public final class SoftHsm {
    public static final String MODULE = "/usr/lib/softhsm/libsofthsm2.so";
    public static final String HEAD_PIN = "123456";
    public static final String CLERK_PIN = "654321";

    private static SoftHsm instance;

    public final TestPki pki;
    public final X509Certificate headRsa, headEc, headExpired, clerkRsa;
    public final Pkcs11KeySource source;

    public static synchronized SoftHsm get() throws Exception {
        if (instance == null) {
            instance = new SoftHsm();
        }
        return instance;
    }

    private SoftHsm() throws Exception {
        Tools.require("softhsm2-util", "softhsm2");
        Tools.require("pkcs11-tool", "opensc");
        if (!Files.exists(Path.of(MODULE))) {
            fail(MODULE + " is missing: install the Debian package 'softhsm2'");
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null) {
            fail("SOFTHSM2_CONF is not set: run the tests through Maven (the test pom sets it)");
        }
        Path confFile = Path.of(conf);
        Path tokens = confFile.resolveSibling("tokens");
        if (Files.exists(tokens)) {
            try (Stream<Path> s = Files.walk(tokens)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(tokens);
        Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
                StandardCharsets.UTF_8);
        pki = new TestPki("MotCua Test");
        Tools.ok("softhsm2-util", "--init-token", "--free", "--label", "HEAD", "--pin", HEAD_PIN, "--so-pin", "87654321");
        Tools.ok("softhsm2-util", "--init-token", "--free", "--label", "CLERK", "--pin", CLERK_PIN, "--so-pin", "87654321");
        Instant now = Instant.now();
        Path work = confFile.getParent();
        headRsa = key(work, "HEAD", HEAD_PIN, "01", "rsa:2048", "CN=Nguyễn Văn Lãnh Đạo,OU=Phòng Tư pháp,O=UBND xã Hợp Thịnh,C=VN",
                now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
        headEc = key(work, "HEAD", HEAD_PIN, "02", "EC:prime256v1", "CN=Trần Thị Phó Chủ Tịch,O=UBND xã Hợp Thịnh,C=VN",
                now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
        headExpired = key(work, "HEAD", HEAD_PIN, "03", "rsa:2048", "CN=Lê Văn Hết Hạn,O=UBND xã Hợp Thịnh,C=VN",
                now.minus(800, ChronoUnit.DAYS), now.minus(30, ChronoUnit.DAYS));
        clerkRsa = key(work, "CLERK", CLERK_PIN, "11", "rsa:2048", "CN=Phạm Thị Văn Thư,OU=Văn phòng,O=UBND xã Hợp Thịnh,C=VN",
                now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
        for (String token : new String[] { "HEAD", "CLERK" }) {
            String pin = token.equals("HEAD") ? HEAD_PIN : CLERK_PIN;
            writeCert(work, token, pin, "a1", "test-issuing-ca", pki.inter);
            writeCert(work, token, pin, "a2", "test-root-ca", pki.root);
        }
        source = new Pkcs11KeySource(Path.of(MODULE)); // the module is loaded on first use, after the tokens exist
    }

    private X509Certificate key(Path work, String token, String pin, String id, String type, String dn, Instant from, Instant to) throws Exception {
        Tools.ok("pkcs11-tool", "--module", MODULE, "--token-label", token, "--login", "--pin", pin, "--keypairgen", "--key-type", type, "--id", id,
                "--label", "key" + id);
        Path pub = work.resolve("pub" + id + ".der");
        Tools.ok("pkcs11-tool", "--module", MODULE, "--token-label", token, "--read-object", "--type", "pubkey", "--id", id, "-o", pub.toString());
        byte[] spki = Files.readAllBytes(pub);
        PublicKey pk = KeyFactory.getInstance(type.startsWith("EC") ? "EC" : "RSA").generatePublic(new X509EncodedKeySpec(spki));
        X509Certificate cert = pki.issue(dn, pk, from, to);
        writeCert(work, token, pin, id, "key" + id, cert);
        return cert;
    }

    private static void writeCert(Path work, String token, String pin, String id, String label, X509Certificate cert) throws Exception {
        Path der = work.resolve("cert-" + token + "-" + id + ".der");
        Files.write(der, cert.getEncoded());
        Tools.ok("pkcs11-tool", "--module", MODULE, "--token-label", token, "--login", "--pin", pin, "--write-object", der.toString(), "--type", "cert",
                "--id", id, "--label", label);
    }

    public static String thumb(X509Certificate c) {
        return SigningCertificate.thumbprint(c);
    }
}
