package vn.motcua.sign.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sign.pdf.PadesSigner;
import vn.motcua.sign.pdf.PdfVerifier;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.pdf.SignatureReport;
import vn.motcua.sign.pdf.SignatureReport.Verdict;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.sign.testing.HostileResponder;
import vn.motcua.sign.testing.LoopbackRevocation;
import vn.motcua.sign.testing.LoopbackTsa;
import vn.motcua.sign.testing.Pdfs;
import vn.motcua.sign.testing.SoftwareSigner;
import vn.motcua.sign.testing.TestPki;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.sign.trust.OnlineRevocation;
import vn.motcua.sign.trust.RevocationChecker;
import vn.motcua.sign.trust.TrustStore;

/**
 * The verifier never calls a revoked, expired-at-signing or untrusted signature valid: revocation from the answers the
 * signer embedded and from real OCSP/CRL services on loopback (revoked before, or after a trusted timestamp), the
 * signing time from a timestamp only when its TSA is trusted, and addresses written in certificates fetched within
 * bounds (a file: redirect, a redirect loop, an endless answer, a silent server, an ldap: address) — or not at all
 * when an admin turned asking off.
 */
class VerificationHonestyTest {
    static TestPki pki;
    static LoopbackRevocation services;
    static TrustStore trust;
    static RevocationChecker online = new RevocationChecker(RevocationChecker.Limits.standard());
    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        pki = new TestPki("Honest");
        services = new LoopbackRevocation(pki);
        trust = TrustStore.of(List.of(pki.root));
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    static SoftwareSigner signer(String cn, Instant from, Instant to, URI ocsp, URI crl) throws Exception {
        return pki.signer("CN=" + cn + ",O=UBND xã Hợp Thịnh,C=VN", from, to, ocsp, crl);
    }

    static SoftwareSigner signer(String cn, URI ocsp) throws Exception {
        return signer(cn, Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(60, ChronoUnit.DAYS), ocsp, null);
    }

    /** Signed with no certificate check (as a forger, or a signer whose certificate changed since), declared at {@code at}. */
    static byte[] sign(SoftwareSigner s, Instant at, URI tsa) throws Exception {
        SignatureSpec spec = SignatureSpec.of(SignatureKind.APPROVAL).withTime(at);
        return new PadesSigner(null).sign(Pdfs.decision("trung thực"), s, tsa == null ? spec : spec.withTsa(tsa));
    }

    @Test
    void aCertificateRevokedBeforeTheSignatureIsNeverValid() throws Exception {
        SoftwareSigner s = signer("Lê Văn Thu Hồi", services.ocspUrl());
        byte[] pdf = sign(s, Instant.now(), null);
        services.revoke(s.chain().get(0).getSerialNumber()); // an hour ago
        SignatureReport r = new PdfVerifier(trust, online, null).verify(pdf).get(0);
        assertEquals(Verdict.INVALID, r.verdict(), r.text(null));
        assertEquals(RevocationChecker.Status.REVOKED, r.revocationStatus());
        assertTrue(r.text(null).startsWith("Chữ ký KHÔNG HỢP LỆ.") && r.text(null).contains("ĐÃ BỊ THU HỒI"), r.text(null));
    }

    @Test
    void aRevocationAfterATrustedTimestampLeavesTheSignatureValidButNotAfterADeclaredTimeOnly() throws Exception {
        Instant twoHoursAgo = Instant.now().minus(2, ChronoUnit.HOURS);
        SoftwareSigner s = signer("Trần Thị Thu Hồi Sau", services.ocspUrl());
        byte[] stamped;
        try (LoopbackTsa tsa = new LoopbackTsa(pki, () -> Date.from(twoHoursAgo))) {
            stamped = sign(s, twoHoursAgo, tsa.url());
        }
        byte[] declaredOnly = sign(s, twoHoursAgo, null);
        byte[] afterRevocation = sign(s, Instant.now(), null);
        services.revoke(s.chain().get(0).getSerialNumber(), Instant.now().minus(1, ChronoUnit.HOURS));

        SignatureReport proven = new PdfVerifier(trust, online, null).verify(stamped).get(0);
        assertTrue(proven.timestampTrusted(), proven.text(null));
        assertEquals(Verdict.VALID, proven.verdict(), "signed, provably, an hour before the revocation: " + proven.text(null));
        assertTrue(proven.text(null).contains("ĐÃ BỊ THU HỒI"), "the revocation is still told");

        SignatureReport claimed = new PdfVerifier(trust, online, null).verify(declaredOnly).get(0);
        assertEquals(Verdict.INDETERMINATE, claimed.verdict(), "only the signer says it was before: " + claimed.text(null));
        assertEquals(Verdict.INVALID, new PdfVerifier(trust, online, null).verify(afterRevocation).get(0).verdict());
    }

    @Test
    void theSigningTimeIsATrustedTimestampsAndAnUntrustedOneIsNotBelieved() throws Exception {
        // Expired yesterday; the signer declares a time last week, when it was still valid.
        Instant lastWeek = Instant.now().minus(7, ChronoUnit.DAYS);
        SoftwareSigner expired = signer("Phạm Văn Hết Hạn", Instant.now().minus(30, ChronoUnit.DAYS), Instant.now().minus(1, ChronoUnit.DAYS), null, null);
        byte[] trustedStamp;
        try (LoopbackTsa tsa = new LoopbackTsa(pki)) {
            trustedStamp = sign(expired, lastWeek, tsa.url());
        }
        SignatureReport caught = new PdfVerifier(trust).verify(trustedStamp).get(0);
        assertTrue(caught.timestampTrusted());
        assertEquals(caught.timestampTime(), caught.signingTime(), "the TSA's time, not the declared one");
        assertFalse(caught.validAtSigningTime());
        assertEquals(Verdict.INVALID, caught.verdict(), caught.text(null));

        byte[] foreignStamp;
        try (LoopbackTsa foreign = new LoopbackTsa(new TestPki("Unknown TSA"))) {
            foreignStamp = sign(expired, lastWeek, foreign.url());
        }
        SignatureReport notBelieved = new PdfVerifier(trust).verify(foreignStamp).get(0);
        assertFalse(notBelieved.timestampTrusted());
        assertEquals(notBelieved.declaredTime(), notBelieved.signingTime(), "an untrusted TSA's time is not the signing time");
        assertTrue(notBelieved.text(null).contains("KHÔNG tin cậy") && notBelieved.text(null).contains("không dùng làm thời điểm ký"),
                notBelieved.text(null));
        assertTrue(notBelieved.verdict() != Verdict.VALID, notBelieved.text(null));

        SignatureReport now = new PdfVerifier(trust).verify(sign(expired, Instant.now(), null)).get(0);
        assertEquals(Verdict.INVALID, now.verdict(), "declared after the expiry: " + now.text(null));
        SignatureReport untrusted = new PdfVerifier(TrustStore.empty()).verify(sign(signer("Ai Đó", services.ocspUrl()), Instant.now(), null)).get(0);
        assertEquals(Verdict.INDETERMINATE, untrusted.verdict(), untrusted.text(null));
    }

    @Test
    void theAnswersEmbeddedAtSigningDecideOffline() throws Exception {
        LoopbackRevocation own = new LoopbackRevocation(pki);
        SoftwareSigner s = signer("Đỗ Thị Dài Hạn", own.ocspUrl());
        byte[] pdf = new PadesSigner(new CertificateGate(trust, online)).sign(Pdfs.decision("B-LT"), s, SignatureSpec.of(SignatureKind.APPROVAL));
        own.close(); // nothing to ask any more
        SignatureReport offline = new PdfVerifier(trust).verify(pdf).get(0);
        assertEquals(RevocationChecker.Status.GOOD, offline.revocationStatus());
        assertEquals(Verdict.VALID, offline.verdict(), offline.text(null));
        assertTrue(offline.text(null).contains("theo dữ liệu kiểm tra gắn trong tệp"), offline.text(null));
        SignatureReport unreachable = new PdfVerifier(trust, online, null).verify(pdf).get(0);
        assertEquals(Verdict.VALID, unreachable.verdict(), "an unreachable responder does not undo what was embedded");
    }

    @Test
    void addressesInsideACertificateAreFetchedWithinBounds() throws Exception {
        RevocationChecker bounded = new RevocationChecker(new RevocationChecker.Limits(Duration.ofSeconds(2), Duration.ofSeconds(4), 1 << 20, 3));
        try (HostileResponder hostile = new HostileResponder()) {
            String[][] cases = { { "/to-file", "only http and https" }, { "/loop", "more than 3 redirects" }, { "/huge", "larger than 1048576 bytes" },
                    { "/silent", "no answer within 4 s" } };
            for (String[] c : cases) {
                int asked = hostile.requests.get();
                SoftwareSigner s = signer("Người Ký " + c[0], Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(9, ChronoUnit.DAYS), null,
                        hostile.url(c[0]));
                RevocationChecker.Result r = bounded.check(List.of(s.chain().get(0), pki.inter, pki.root), Instant.now());
                assertEquals(RevocationChecker.Status.UNKNOWN, r.status(), c[0] + ": " + r.detail());
                assertTrue(r.detail().contains(c[1]), c[0] + ": " + r.detail());
                assertTrue(hostile.requests.get() > asked, c[0] + " was really asked");
                CertificateGate.Result gate = new CertificateGate(trust, bounded).check(s.chain(), Instant.now(), false);
                assertTrue(gate.allowsSigning() && gate.revocationWarning(null).startsWith("Cảnh báo"), "a warning, not a pass: " + gate.text(null));
            }
            int before = hostile.requests.get();
            SoftwareSigner ldap = signer("Người Ký LDAP", Instant.now().minus(1, ChronoUnit.DAYS), Instant.now().plus(9, ChronoUnit.DAYS), null,
                    URI.create("ldap://ldap.ca.example.vn/cn=CRL,o=CA"));
            RevocationChecker.Result r = bounded.check(List.of(ldap.chain().get(0), pki.inter, pki.root), Instant.now());
            assertEquals(RevocationChecker.Status.UNKNOWN, r.status());
            assertTrue(r.detail().contains("no OCSP or CRL address"), r.detail());
            assertEquals(before, hostile.requests.get());
        }
    }

    @Test
    void anAdminTurnsAskingOnlineOffAndVerificationSaysSo() throws Exception {
        assertTrue(OnlineRevocation.enabled(dir), "on by default");
        Files.writeString(dir.resolve(OnlineRevocation.FILE), "tsa.url=\n" + OnlineRevocation.KEY + "=false\n");
        assertFalse(OnlineRevocation.enabled(dir));
        assertNull(OnlineRevocation.checker(dir));
        SoftwareSigner s = signer("Vũ Văn Ngoại Tuyến", services.ocspUrl());
        byte[] pdf = sign(s, Instant.now(), null);
        int asked = services.ocspRequests.get();
        SignatureReport r = new PdfVerifier(trust, OnlineRevocation.checker(dir), null).verify(pdf).get(0);
        assertEquals(asked, services.ocspRequests.get(), "nothing asked");
        assertEquals(Verdict.INDETERMINATE, r.verdict());
        assertTrue(r.text(null).contains("Không kiểm tra được tình trạng thu hồi"), r.text(null));
    }
}
