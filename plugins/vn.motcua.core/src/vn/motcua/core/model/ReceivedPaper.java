package vn.motcua.core.model;

import java.util.Objects;

/**
 * A paper actually received for one required-document slot, with the digitisation flags the national
 * index counts ({@code DuocSoHoa}, {@code DuocTaiSuDung}, {@code DuocLayTuKhoDMQG}).
 *
 * @param requiredDocumentId {@link RequiredDocument#id()} in the pinned procedure version
 * @param digitised          scanned and attached at reception
 * @param reused             reused from an earlier dossier or result
 * @param fromNationalStore  taken from the national data store instead of paper
 */
public record ReceivedPaper(String requiredDocumentId, int count, PaperKind kind, boolean digitised, boolean reused,
        boolean fromNationalStore) {
    public ReceivedPaper {
        Objects.requireNonNull(requiredDocumentId, "requiredDocumentId");
        Objects.requireNonNull(kind, "kind");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
    }
}
