package vn.motcua.store;

import java.time.Instant;

/** One line of the dossier list: only what the list shows, read without loading whole dossiers. */
public record DossierRow(String code, String applicantName, String procedureCode, String procedureName, String fieldName,
        Instant receivedAt, Instant dueAt, String status, String assignee) {
}
