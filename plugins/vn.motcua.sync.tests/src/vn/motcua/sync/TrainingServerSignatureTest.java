package vn.motcua.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.sync.testing.SyncWorld.CLERK;
import static vn.motcua.sync.testing.SyncWorld.HEAD;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.approval.ApprovalService;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Role;
import vn.motcua.forms.FormRenderer;
import vn.motcua.sign.PracticeKeys;
import vn.motcua.sign.SigningSession;
import vn.motcua.sign.pdf.Batch;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.sign.trust.TrustStore;
import vn.motcua.sync.testing.SyncWorld;

/**
 * A workshop's training server takes the practice tokens each trainee's PC makes in its sandbox (their throw-away
 * practice CA is in no trust store): a practice certificate is bound to the head — or the agency's seal — on its first
 * use, and from then on only that one counts, so even in a workshop nobody approves in someone else's name. Every other
 * check (signatures, the record, the seal extending the head's result) is the production server's.
 */
class TrainingServerSignatureTest {
    @TempDir
    Path dir;

    @Test
    void practiceCertificatesAreBoundOnFirstUseAndOnlyThoseCountAfterwards() throws Exception {
        try (SyncWorld world = new SyncWorld(dir.resolve("world"), Map.of("training", "true"))) {
            SyncWorld.Client head = world.client("th", HEAD, Clock.systemUTC());
            head.engine.syncReference();
            String first = head.pendingApproval();
            String second = head.pendingApproval();
            ApprovalService service = new ApprovalService(head.cache, new FormRenderer(null), new CertificateGate(TrustStore.empty()), true,
                    Clock.systemUTC());
            assertEquals(Batch.Status.SIGNED, sign(service, dir.resolve("head.p12"), first, head).status());
            assertEquals(1, head.sync().applied(), "the practice certificate is taken on its first use");
            assertTrue(world.dump().rows("certificate_binding") == 1);

            // Another practice token (a colleague's PC, say) for the same head: not the one bound.
            assertEquals(Batch.Status.SIGNED, sign(service, dir.resolve("someone-else.p12"), second, head).status());
            SyncEngine.Report r = head.sync();
            assertEquals(1, r.refused());
            assertTrue(head.cache.sync().conflicts(false).get(0).reason().contains("not bound"), head.cache.sync().conflicts(false).get(0).reason());

            // The records clerk seals with their own practice token: bound to the agency on first use, checked as always.
            SyncWorld.Client clerk = world.client("tc", CLERK, Clock.systemUTC());
            clerk.sync();
            clerk.engine.fetchDocuments(first);
            ApprovalService issuing = new ApprovalService(clerk.cache, new FormRenderer(null), new CertificateGate(TrustStore.empty()), true,
                    Clock.systemUTC());
            var keys = PracticeKeys.ensure(dir.resolve("clerk.p12"), "Văn Thư Tập Huấn", "UBND xã");
            try (SigningSession s = keys.open(keys.tokens().get(0), PracticeKeys.PIN.toCharArray())) {
                var out = issuing.issue(List.of(first), s.signer(s.certificates().get(0).thumbprint()), SignatureSpec.of(SignatureKind.ISSUING),
                        clerk.actor(CLERK, Role.CLERK), 1, "TH", null, () -> false, Locale.ENGLISH).get(0);
                assertEquals(Batch.Status.SIGNED, out.status(), out.message());
            }
            assertEquals(1, clerk.sync().applied());
            head.sync();
            assertEquals(DossierStatus.ISSUED, head.dossier(first).status());
            assertEquals(2, world.dump().rows("certificate_binding"));
        }
    }

    private static Batch.Outcome<String> sign(ApprovalService service, Path token, String code, SyncWorld.Client head) throws Exception {
        var keys = PracticeKeys.ensure(token, "Phạm Quốc Hưng", "UBND xã");
        try (SigningSession s = keys.open(keys.tokens().get(0), PracticeKeys.PIN.toCharArray())) {
            return service.approve(List.of(code), s.signer(s.certificates().get(0).thumbprint()), SignatureSpec.of(SignatureKind.APPROVAL),
                    head.actor(HEAD, Role.HEAD), null, () -> false, Locale.ENGLISH).get(0);
        }
    }
}
