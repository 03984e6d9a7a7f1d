package vn.motcua.core.model;

import java.util.Objects;

/**
 * One paper an applicant must bring (thành phần hồ sơ).
 *
 * @param id       stable reference within the procedure version (national MAGIAYTO or a local number)
 * @param name     as in the catalogue
 * @param kind     original or copy
 * @param count    number of copies (số lượng)
 * @param optional true when the paper is required only in some cases ("nếu có")
 */
public record RequiredDocument(String id, String name, PaperKind kind, int count, boolean optional) {
    public RequiredDocument {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
    }
}
