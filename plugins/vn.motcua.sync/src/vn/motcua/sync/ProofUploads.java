package vn.motcua.sync;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.ResultDocument;
import vn.motcua.store.DossierDocuments;
import vn.motcua.store.DossierDocuments.Kind;
import vn.motcua.sync.api.Messages.DocumentInfo;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.UploadState;
import vn.motcua.sync.api.Protocol;

/**
 * The proofs an approval or an issue travels with (docs/sync-protocol.md, "Approvals and issuing carry their proofs"):
 * found in the cache by what the change itself names — the approval record of that dossier made at the approval's very
 * second, and the signed result whose SHA-256 that record names; the issued file whose SHA-256 the issue's result
 * document names — and uploaded before the push, so the server checks them and records them with the change in one
 * transaction. Files go in chunks from the offset the server reports, so an interrupted upload resumes.
 */
final class ProofUploads {
    private static final DateTimeFormatter RECORD_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** A change made ready to push: the command with its proofs, and the local documents the server will then hold. */
    record Prepared(PushCommand command, List<Long> documentIds) {
    }

    private final DossierDocuments docs;
    private final SyncClient client;

    ProofUploads(DossierDocuments docs, SyncClient client) {
        this.docs = docs;
        this.client = client;
    }

    static boolean needsProofs(PushCommand c) {
        return c.event() != null && (c.event().action() == DossierAction.APPROVE || c.event().action() == DossierAction.ISSUE);
    }

    /** Document kinds that travel only with their command, never by {@code POST /v1/documents}. */
    static boolean isProof(Kind k) {
        return k == Kind.SIGNED_RESULT || k == Kind.APPROVAL_RECORD || k == Kind.ISSUED_RESULT;
    }

    /**
     * Uploads the change's proofs and returns it with them; a change whose proofs are not here goes without (the server
     * then refuses it with its reason, which the user sees as a conflict).
     */
    Prepared prepare(PushCommand c) throws SyncException {
        List<DossierDocuments.Document> found = c.event().action() == DossierAction.APPROVE ? approvalProofs(c.dossierCode(), c.event())
                : issueProof(c);
        if (found.isEmpty()) {
            return new Prepared(c, List.of());
        }
        List<DocumentInfo> infos = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (DossierDocuments.Document d : found) {
            upload(d.sha256(), d.dossierCode(), docs.content(d));
            infos.add(new DocumentInfo(d.dossierCode(), d.kind().name(), d.sha256(), d.size(), d.name(), d.mediaType(), d.createdAt(), d.createdBy(),
                    d.note()));
            ids.add(d.id());
        }
        return new Prepared(c.withDocuments(infos), ids);
    }

    private List<DossierDocuments.Document> approvalProofs(String code, DossierEvent event) {
        String time = "time=" + RECORD_TIME.format(LocalDateTime.ofInstant(event.at(), VIETNAM)) + "\n";
        String dossier = "dossier=" + code + "\n";
        List<DossierDocuments.Document> all = docs.list(code);
        for (int i = all.size() - 1; i >= 0; i--) {
            DossierDocuments.Document record = all.get(i);
            if (record.kind() != Kind.APPROVAL_RECORD || !record.note().contains(dossier) || !record.note().contains(time)) {
                continue;
            }
            Optional<String> sha = Arrays.stream(record.note().split("\n")).filter(l -> l.startsWith("sha256=")).map(l -> l.substring(7)).findFirst();
            Optional<DossierDocuments.Document> signed = all.stream()
                    .filter(d -> d.kind() == Kind.SIGNED_RESULT && sha.isPresent() && d.sha256().equals(sha.get())).findFirst();
            if (signed.isPresent()) {
                return List.of(signed.get(), record);
            }
        }
        return List.of();
    }

    private List<DossierDocuments.Document> issueProof(PushCommand c) {
        List<ResultDocument> results = c.after() == null ? List.of() : c.after().results();
        ResultDocument issued = results.isEmpty() ? null : results.get(results.size() - 1);
        if (issued == null || issued.file() == null) {
            return List.of();
        }
        return docs.list(c.dossierCode()).stream().filter(d -> d.kind() == Kind.ISSUED_RESULT && d.sha256().equals(issued.file().sha256()))
                .findFirst().map(List::of).orElse(List.of());
    }

    /** Sends what the server does not have of a file yet, chunk by chunk, as an upload for that dossier. */
    void upload(String sha256, String dossierCode, byte[] bytes) throws SyncException {
        UploadState st = client.uploadState(sha256, dossierCode);
        while (!st.complete()) {
            int from = (int) st.received();
            int len = Math.min(Protocol.MAX_CHUNK, bytes.length - from);
            st = client.putChunk(sha256, dossierCode, from, bytes.length, Arrays.copyOfRange(bytes, from, from + len));
        }
    }
}
