package vn.motcua.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A dossier as the details view shows it, with its history. */
public record DossierDetails(String code, String agencyCode, String procedureCode, int procedureVersion, String procedureName,
        String fieldName, String rulePack, String channel, String applicantKind, String applicantName, String applicantIdNumber,
        LocalDate applicantBirth, String applicantPhone, String applicantEmail, String applicantAddress, String status,
        Instant receivedAt, Instant dueAt, String assignee, List<Event> events) {

    /** One history step. */
    public record Event(int seq, String action, String fromStatus, String toStatus, String actor, String actorRole,
            String workstation, Instant at, String reason, String form) {
    }
}
