package vn.motcua.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.sync.testing.SyncWorld.CLERK;
import static vn.motcua.sync.testing.SyncWorld.HEAD;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.motcua.approval.ApprovalService;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Role;
import vn.motcua.forms.FormRenderer;
import vn.motcua.sign.Signer;
import vn.motcua.sign.pdf.Batch;
import vn.motcua.sign.pdf.SignatureKind;
import vn.motcua.sign.pdf.SignatureSpec;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.sign.trust.TrustStore;
import vn.motcua.store.DossierDocuments.Kind;
import vn.motcua.store.SyncLedger;
import vn.motcua.sync.api.Messages.DocumentInfo;
import vn.motcua.sync.testing.DatabaseDump;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.sync.testing.SyncWorldExtension;
import vn.motcua.training.DemoData;

/**
 * Approval and issuing through a real server with real signatures: the head's workstation signs (PAdES + CMS record),
 * sync uploads the proofs first and the server checks them — signatures, the certificate bound to the head's account,
 * the record naming the signed file — and applies the approval with them in one transaction; the records clerk's
 * workstation elsewhere fetches them, checks the head's signature itself, seals, and the server checks the seal
 * extends that verified result with the agency's bound certificate. An unbound certificate is refused with its reason,
 * and nothing of it is kept on the server.
 */
@ExtendWith(SyncWorldExtension.class)
class ApprovalProofSyncTest {
    static SyncWorld world;
    static Signer headKey;

    @BeforeAll
    static void start(SyncWorld w) throws Exception {
        world = w;
        headKey = w.boundSigner("PERSONAL", HEAD);
    }

    private static ApprovalService service(SyncWorld.Client c) {
        return new ApprovalService(c.cache, new FormRenderer(null), new CertificateGate(TrustStore.of(List.of(world.pki.root))), false, Clock.systemUTC());
    }

    /** A dossier of the head's workstation waiting for approval, on the server too. */
    private static String pendingApproval(SyncWorld.Client head) throws Exception {
        head.engine.syncReference(); // the catalogue, for the draft result
        return head.pendingApproval();
    }

    private static Batch.Outcome<String> approve(SyncWorld.Client head, String code, Signer key) throws Exception {
        return service(head).approve(List.of(code), key, SignatureSpec.of(SignatureKind.APPROVAL), head.actor(HEAD, Role.HEAD), null, () -> false,
                Locale.ENGLISH).get(0);
    }

    @Test
    void anApprovalAndItsSealCountOnlyWithVerifiedSignaturesOfBoundCertificates() throws Exception {
        SyncWorld.Client head = world.client("ph", HEAD, Clock.systemUTC());
        String code = pendingApproval(head);
        Batch.Outcome<String> approved = approve(head, code, headKey);
        assertEquals(Batch.Status.SIGNED, approved.status(), approved.message());

        int proofs = world.dump().rows("document_proof");
        SyncEngine.Report r = head.sync();
        assertEquals(1, r.applied(), "the approval, with its proofs");
        assertEquals(0, r.refused());
        assertTrue(head.cache.documents().unsynced(10).isEmpty(), "the proofs went with the approval, not again on their own");
        List<DocumentInfo> onServer = head.http.documents(code).stream().filter(d -> !d.kind().equals("DRAFT_RESULT")).toList();
        assertEquals(Set.of("SIGNED_RESULT", "APPROVAL_RECORD"), onServer.stream().map(DocumentInfo::kind).collect(Collectors.toSet()));
        assertTrue(onServer.stream().allMatch(d -> d.createdBy().equals(HEAD)), "the server names the approving head as their creator");
        assertEquals(proofs + 2, world.dump().rows("document_proof"), "what the server verified is recorded");

        // The records clerk, on another workstation, fetches the head's documents, checks them and seals.
        SyncWorld.Client clerk = world.client("pc", CLERK, Clock.systemUTC());
        clerk.sync();
        assertEquals(3, clerk.engine.fetchDocuments(code), "the draft, the signed result and the approval record");
        Signer seal = world.boundSigner("SEAL", DemoData.communeCode());
        Batch.Outcome<String> issued = service(clerk).issue(List.of(code), seal, SignatureSpec.of(SignatureKind.ISSUING), clerk.actor(CLERK, Role.CLERK),
                7, "GCN-UBND", null, () -> false, Locale.ENGLISH).get(0);
        assertEquals(Batch.Status.SIGNED, issued.status(), issued.message());
        r = clerk.sync();
        assertEquals(1, r.applied(), "the issue, with its sealed result");
        assertEquals(0, r.refused());
        DocumentInfo sealed = clerk.http.documents(code).stream().filter(d -> d.kind().equals("ISSUED_RESULT")).findFirst().orElseThrow();
        assertTrue(sealed.note().startsWith("number=7/GCN-UBND; signer="), sealed.note());
        assertEquals(proofs + 3, world.dump().rows("document_proof"));
        head.sync();
        assertEquals(DossierStatus.ISSUED, head.dossier(code).status());
    }

    @Test
    void aDossierApprovedBeforeTheServerCheckedIsSealedOnlyIfItsApprovalHoldsNow() throws Exception {
        SyncWorld.Client head = world.client("pl", HEAD, Clock.systemUTC());
        SyncWorld.Client clerk = world.client("pk", CLERK, Clock.systemUTC());
        Signer seal = world.boundSigner("SEAL", DemoData.communeCode());
        // A second token of the head's, bound too; one dossier approved with each.
        vn.motcua.sign.testing.SoftwareSigner oldToken = world.boundSigner("PERSONAL", HEAD);
        String stillBound = pendingApproval(head);
        String unbound = pendingApproval(head);
        assertEquals(Batch.Status.SIGNED, approve(head, stillBound, headKey).status());
        assertEquals(Batch.Status.SIGNED, approve(head, unbound, oldToken).status());
        assertEquals(2, head.sync().applied());
        // As an older server left them: the documents recorded, nothing verified.
        world.execute("DELETE FROM document_proof WHERE dossier_code IN (?, ?)", stillBound, unbound);
        world.unbind("PERSONAL", HEAD, oldToken.chain().get(0));

        clerk.sync();
        clerk.engine.fetchDocuments(stillBound);
        clerk.engine.fetchDocuments(unbound);
        List<Batch.Outcome<String>> out = service(clerk).issue(List.of(stillBound, unbound), seal, SignatureSpec.of(SignatureKind.ISSUING),
                clerk.actor(CLERK, Role.CLERK), 20, "GCN-UBND", null, () -> false, Locale.ENGLISH);
        assertTrue(out.stream().allMatch(o -> o.status() == Batch.Status.SIGNED), out.toString());
        int proofs = world.dump().rows("document_proof");
        SyncEngine.Report r = clerk.sync();
        assertEquals(1, r.applied(), "the approval verified now, by a certificate still bound");
        assertEquals(1, r.refused(), "the one whose certificate is no longer bound is not sealed");
        SyncLedger.Conflict c = clerk.cache.sync().conflicts(false).get(0);
        assertEquals(unbound, c.dossierCode());
        assertTrue(c.reason().contains("not made from a head's signed result the server verified"), c.reason());
        assertEquals(proofs + 2, world.dump().rows("document_proof"), "the head's result verified now, and the seal");
    }

    @Test
    void anApprovalSignedWithAnUnboundCertificateIsRefusedWithItsReasonAndNothingKept() throws Exception {
        SyncWorld.Client head = world.client("pu", HEAD, Clock.systemUTC());
        String code = pendingApproval(head);
        service(head).draft(head.dossier(code)); // the draft result the head previews, on the server before the approval
        head.sync();
        // A certificate of a CA the server trusts, but the admin never bound it to the head's account.
        Signer stranger = world.signer("Nguyễn Văn Mạo Danh");
        assertEquals(Batch.Status.SIGNED, approve(head, code, stranger).status());
        DatabaseDump before = world.dump("applied_mutation", "signed_command", "session_token", "stored_file", "file_chunk", "file_holder");

        SyncEngine.Report r = head.sync();
        assertEquals(0, r.applied());
        assertEquals(1, r.refused());
        SyncLedger.Conflict c = head.cache.sync().conflicts(false).get(0);
        assertTrue(c.reason().contains("not bound by an administrator to account " + HEAD), c.reason());
        assertEquals(DossierStatus.PENDING_APPROVAL, head.dossier(code).status(), "the server's copy replaced the refused approval");
        before.assertSameAs(world.dump("applied_mutation", "signed_command", "session_token", "stored_file", "file_chunk", "file_holder"), "a refused approval");
        assertEquals(List.of("DRAFT_RESULT"), head.http.documents(code).stream().map(DocumentInfo::kind).toList(),
                "no signed result or record of a refused approval on the server");

        // The head approves again with their bound certificate: it goes.
        assertEquals(Batch.Status.SIGNED, approve(head, code, headKey).status());
        assertEquals(1, head.sync().applied());
        assertEquals(DossierStatus.APPROVED, head.dossier(code).status());
    }
}
