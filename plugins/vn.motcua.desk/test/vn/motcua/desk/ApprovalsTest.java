package vn.motcua.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.desk.TestDesk.CLERK;
import static vn.motcua.desk.TestDesk.HEAD;
import static vn.motcua.desk.TestDesk.SPECIALIST;
import static vn.motcua.desk.TestDesk.as;
import static vn.motcua.desk.TestDesk.at;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.approval.ApprovalService;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Role;
import vn.motcua.core.session.UserSession;
import vn.motcua.sign.Pkcs12TrainingKeySource;
import vn.motcua.sign.PracticeKeys;
import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningSession;
import vn.motcua.sign.pdf.Batch;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.store.DossierDocuments;

/**
 * Approval and issuing go through the approval service the desk sets up for a session: in a training session with
 * the practice PKCS#12 key (a real key store and real PAdES signatures; revocation never asked in training).
 */
class ApprovalsTest {
    @TempDir
    Path dir;

    @Test
    void theHeadApprovesWithASignatureAndTheRecordsClerkIssues() throws Exception {
        try (TestDesk desk = new TestDesk(dir.resolve("desk"), at("2026-03-03T09:00"))) {
            String code = desk.inProcess();
            desk.commands.submitForApproval(code, as(SPECIALIST, Role.SPECIALIST));
            UserSession head = new UserSession(HEAD, "QUAY-02", true);
            ApprovalService service = new Approvals(desk.cache).service(head);
            assertEquals(List.of(code), service.inbox(TestDesk.AGENCY).stream().map(d -> d.code()).toList());
            Pkcs12TrainingKeySource keys = PracticeKeys.ensure(dir.resolve("practice.p12"), HEAD.fullName(), "UBND xã Hợp Thịnh");
            try (SigningSession login = keys.open(keys.tokens().get(0), PracticeKeys.PIN.toCharArray())) {
                Signer signer = login.signer(login.certificates().get(0).thumbprint());
                List<Batch.Outcome<String>> approved = service.approve(List.of(code), signer, SignatureSpec.of(SignatureKind.APPROVAL),
                        head.actor(Role.HEAD), null, () -> false, null);
                assertEquals(Batch.Status.SIGNED, approved.get(0).status(), String.valueOf(approved.get(0).message()));
                assertEquals(DossierStatus.APPROVED, desk.dossiers.findByCode(code).orElseThrow().status());
                DossierDocuments docs = new DossierDocuments(desk.cache);
                assertTrue(docs.latest(code, DossierDocuments.Kind.SIGNED_RESULT).isPresent());
                assertTrue(docs.latest(code, DossierDocuments.Kind.APPROVAL_RECORD).isPresent());

                UserSession clerk = new UserSession(CLERK, "QUAY-01", true);
                List<Batch.Outcome<String>> issued = new Approvals(desk.cache).service(clerk).issue(List.of(code), signer,
                        SignatureSpec.of(SignatureKind.ISSUING), clerk.actor(Role.CLERK), 17, "GKS", null, () -> false, null);
                assertEquals(Batch.Status.SIGNED, issued.get(0).status(), String.valueOf(issued.get(0).message()));
                assertEquals(DossierStatus.ISSUED, desk.dossiers.findByCode(code).orElseThrow().status());
            }
            Outcome ready = desk.commands.markResultReady(code, as(CLERK, Role.CLERK));
            assertEquals(DossierStatus.RESULT_READY, ready.dossier().status());
        }
    }
}
