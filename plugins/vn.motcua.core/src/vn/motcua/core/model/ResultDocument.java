package vn.motcua.core.model;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A result document (giấy tờ kết quả) issued for a dossier.
 *
 * @param documentNumber số văn bản given at issuing, empty until issued
 * @param issuedOn       null until issued
 * @param file           the signed electronic result, null for a paper-only result
 */
public record ResultDocument(String name, String documentNumber, LocalDate issuedOn, Attachment file) {
    public ResultDocument {
        Objects.requireNonNull(name, "name");
        documentNumber = documentNumber == null ? "" : documentNumber;
    }
}
