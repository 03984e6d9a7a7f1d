package vn.motcua.sync.api;

import java.time.Instant;
import java.util.List;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.User;

/** The protocol's messages (docs/sync-protocol.md). */
public final class Messages {
    private Messages() {
    }

    public record LoginRequest(String username, String password, String workstationId) {
    }

    /** @param serverId identifies the server's database: a client that sees it change starts a full re-sync */
    /** @param training the server is a training server (server.properties {@code training=true}): never real data */
    public record LoginResponse(String token, Instant expiresAt, User user, String serverId, boolean training) {
    }

    /**
     * One local change: the event a client recorded and the dossier right after it. The server rebuilds the
     * command from them ({@code vn.motcua.core.lifecycle.Commands.replay}) and applies it to its own copy.
     *
     * @param mutationId idempotency key, unique per change, kept across retries
     * @param keyId      the signing key of the event's actor ({@link Attribution#keyId}); null on a change written
     *                   before commands were signed (the server refuses those)
     * @param signature  Ed25519 signature (base64) by that key over {@link Attribution#commandBytes}, made when the
     *                   change was written
     * @param documents  optional: the proofs an APPROVE (SIGNED_RESULT + APPROVAL_RECORD) or ISSUE (ISSUED_RESULT) needs,
     *                   their files uploaded before the push; the server checks them and records them with the change, in
     *                   its transaction (docs/sync-protocol.md, "Approvals and issuing carry their proofs"). Not under
     *                   the signature: the server checks them on their own (their signatures, bindings and hashes).
     */
    public record PushCommand(String mutationId, String dossierCode, DossierEvent event, Dossier after, String keyId, String signature,
            List<DocumentInfo> documents) {
        @com.fasterxml.jackson.annotation.JsonCreator
        public PushCommand {
            documents = documents == null ? null : List.copyOf(documents);
        }

        /** A signed command without documents. */
        public PushCommand(String mutationId, String dossierCode, DossierEvent event, Dossier after, String keyId, String signature) {
            this(mutationId, dossierCode, event, after, keyId, signature, null);
        }

        /** An unsigned command with documents (the attack tests' forgeries). */
        public PushCommand(String mutationId, String dossierCode, DossierEvent event, Dossier after, List<DocumentInfo> documents) {
            this(mutationId, dossierCode, event, after, null, null, documents);
        }

        /** An unsigned command without documents (signed with {@link #signed} before it is sent). */
        public PushCommand(String mutationId, String dossierCode, DossierEvent event, Dossier after) {
            this(mutationId, dossierCode, event, after, null, null, null);
        }

        public PushCommand signed(String signingKeyId, String signatureBase64) {
            return new PushCommand(mutationId, dossierCode, event, after, signingKeyId, signatureBase64, documents);
        }

        public PushCommand withDocuments(List<DocumentInfo> proofs) {
            return new PushCommand(mutationId, dossierCode, event, after, keyId, signature, proofs);
        }
    }

    public record PushRequest(String workstationId, List<PushCommand> commands) {
    }

    public enum Outcome {
        /** Applied now; {@code position} is its place in the change log. */
        APPLIED,
        /** Seen before: the stored answer of the first delivery, unchanged. */
        DUPLICATE,
        /** Not applied, with the reason and the server's dossier (null when it has none). */
        REJECTED,
        /**
         * Not applied and not refused: the actor's signing key is not enrolled with the server yet (the actor worked
         * offline on a new key), or the change follows such a change of the same dossier in the request. Nothing is
         * stored for it; the client keeps it in its outbox, shows the reason and sends it again.
         */
        WAITING
    }

    /**
     * @param firstOutcome for a duplicate, what the first delivery got (APPLIED or REJECTED)
     */
    public record PushResult(String mutationId, Outcome outcome, Outcome firstOutcome, String reason, Dossier current,
            long position) {
    }

    public record PushResponse(List<PushResult> results) {
    }

    /** One dossier as the server has it now, at its change-log position. */
    public record Change(long position, Dossier dossier) {
    }

    /**
     * @param cursor the position to ask after next time (the last change's position, or the request's cursor)
     * @param more   whether more changes follow right away
     * @param head   the highest position visible to this client when the page was read (for progress)
     */
    public record PullResponse(List<Change> changes, long cursor, boolean more, long head, String serverId) {
    }

    /**
     * Server-authoritative reference data: the catalogue, agencies, the users of the caller's agency, and the
     * official yearly schedules (days off, make-up working days) in the {@code official-schedules.txt} format of
     * {@code vn.motcua.core.calendar.OfficialSchedule}, or null when the server has none.
     */
    public record ReferenceData(List<Procedure> procedures, List<Agency> agencies, List<User> users, String officialSchedules) {
    }

    /** A user the admin creates or updates on the server, with a first password (never sent back). */
    public record UserAccount(User user, String password, boolean active) {
    }

    /** @param officialSchedules replaces the served schedules when not null (checked before anything is stored) */
    public record AdminReference(List<Procedure> procedures, List<Agency> agencies, List<UserAccount> users, String officialSchedules) {
    }

    public record NumberBlockRequest(String workstationId, String agencyCode, java.time.LocalDate day, int size) {
    }

    /**
     * A reserved block, and the workstation's fallback slot: its own fixed slice of every day's 9000–9999 for numbering
     * offline once its blocks are used up (OfflineFallbackPolicy); 0 when the agency's slots are all taken; absent
     * (null) from a server older than schema 5, which gives none.
     */
    public record NumberBlockResponse(String agencyCode, java.time.LocalDate day, int first, int last, Integer fallbackSlot) {
    }

    /** Any refusal: a stable code for programs and a message in the requested language for people. */
    public record ErrorResponse(String code, String message) {
    }

    /**
     * A dossier's document as the server knows it. {@code kind}: ATTACHMENT, DRAFT_RESULT, SIGNED_RESULT, ISSUED_RESULT,
     * APPROVAL_RECORD; {@code note} keeps e.g. an approval record's canonical text.
     */
    public record DocumentInfo(String dossierCode, String kind, String sha256, long size, String name, String mediaType, Instant createdAt,
            String createdBy, String note) {
    }

    public record DocumentList(List<DocumentInfo> documents) {
    }

    /** How much of a file the server has: {@code complete} once all of it arrived and matched its SHA-256. */
    /** A workstation cache's key (hexadecimal) and the agency the workstation belongs to (set by the server). */
    public record WorkstationKey(String cacheId, String key, String agencyCode) {
    }

    public record UploadState(String sha256, long received, boolean complete) {
    }

    /**
     * An admin's change of a certificate binding ({@code PUT /v1/admin/certificates}).
     *
     * @param action      BIND or UNBIND
     * @param kind        PERSONAL (a user's own signing certificate: a head's approvals) or SEAL (an agency's organisation
     *                    certificate: issuing)
     * @param owner       the username (PERSONAL) or the agency code (SEAL)
     * @param certificate for BIND: the certificate, PEM or base64 DER
     * @param thumbprint  for UNBIND: the SHA-256 of the certificate (hexadecimal)
     * @param note        why (kept with the binding's history)
     */
    public record CertificateChange(String action, String kind, String owner, String certificate, String thumbprint, String note) {
    }

    /** A binding and its history: who bound it when, and who ended it when (null while in force). */
    public record CertificateBinding(long id, String kind, String owner, String thumbprint, String subject, String issuer, String serial,
            Instant notAfter, String boundBy, Instant boundAt, String unboundBy, Instant unboundAt, String note) {
    }

    public record CertificateBindingList(List<CertificateBinding> bindings) {
    }

    // ---- who did it: users' signing keys and sessions renewed by them (docs/sync-protocol.md, "Who did it") ----

    /**
     * A user's public signing key, enrolled by that user ({@code POST /v1/user-keys} with their own token).
     *
     * @param keyId         {@link Attribution#keyId} of {@code publicKey}
     * @param algorithm     {@value Attribution#ALGORITHM}
     * @param publicKey     X.509 SubjectPublicKeyInfo, base64
     * @param cacheId       the data folder's key ring it was made in
     * @param workstationId the workstation it was made on: the events it signs must name it
     * @param createdAt     when the workstation made it (its clock)
     * @param proof         signature by the key itself over {@link Attribution#enrolmentBytes}: whoever enrols a key
     *                      holds its private half, so nobody can enrol a colleague's key in their own name
     */
    public record UserKeyEnrolment(String username, String keyId, String algorithm, String publicKey, String cacheId, String workstationId,
            Instant createdAt, String proof) {
    }

    /** A key as the server holds it; {@code revokedAt} null while it counts. */
    public record UserKeyState(String username, String keyId, String cacheId, String workstationId, Instant createdAt, Instant enrolledAt,
            Instant revokedAt, String revokedBy) {
    }

    public record UserKeyList(List<UserKeyState> keys) {
    }

    /** Revokes one key of {@code username}, or all of them when {@code keyId} is null (an admin, or the user). */
    public record UserKeyRevocation(String username, String keyId) {
    }

    /** A one-time challenge for {@code POST /v1/login/renew}, valid until {@code expiresAt}. */
    public record LoginChallenge(String challenge, Instant expiresAt) {
    }

    /**
     * A new session proven by the user's enrolled key instead of a password: {@code signature} by key {@code keyId}
     * over {@link Attribution#renewalBytes}. Answered with a {@link LoginResponse}.
     */
    public record RenewRequest(String username, String keyId, String workstationId, String challenge, String signature) {
    }
}
