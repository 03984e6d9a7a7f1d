package vn.motcua.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a dossier's append-only history: who did what, when, from which workstation and why.
 * {@code at} is the workstation's time until the server confirms the event on sync.
 *
 * @param sequence         1, 2, 3… per dossier, no gaps
 * @param fromStatus       null only for the event that created the dossier ({@link DossierAction#SUBMIT_ONLINE})
 * @param reason           mandatory for refusals, supplement requests, extensions, stops, returns, send-backs and
 *                         withdrawals; empty otherwise
 * @param formNumber       number of the form the action produced in the dossier's rule pack ("02"), or null
 * @param assignee         the specialist named by {@link DossierAction#ASSIGN}, else null
 * @param newDueAt         the due time set by this event (reception, extension, supplement), else null
 * @param targetAgencyCode the agency a {@link DossierAction#TRANSFER} hands over to, else null
 */
public record DossierEvent(long sequence, DossierAction action, DossierStatus fromStatus, DossierStatus toStatus,
        String actorUsername, Role actorRole, String workstationId, Instant at, String reason, String formNumber,
        String assignee, Instant newDueAt, String targetAgencyCode) {

    public DossierEvent {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1: " + sequence);
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(toStatus, "toStatus");
        Objects.requireNonNull(actorUsername, "actorUsername");
        Objects.requireNonNull(actorRole, "actorRole");
        Objects.requireNonNull(at, "at");
        if (fromStatus == null && action != DossierAction.SUBMIT_ONLINE) {
            throw new IllegalArgumentException("only SUBMIT_ONLINE may create a dossier");
        }
        workstationId = workstationId == null ? "" : workstationId;
        reason = reason == null ? "" : reason;
    }

    public boolean hasReason() {
        return !reason.isBlank();
    }
}
