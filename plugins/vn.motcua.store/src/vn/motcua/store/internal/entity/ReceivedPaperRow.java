package vn.motcua.store.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A paper the applicant brought, with its digitisation flags. */
@Embeddable
public class ReceivedPaperRow {
    @Column(name = "doc_id")
    public String docId;
    @Column(name = "copies")
    public int copies;
    @Column(name = "kind")
    public String kind;
    @Column(name = "digitised")
    public boolean digitised;
    @Column(name = "reused")
    public boolean reused;
    @Column(name = "from_national_store")
    public boolean fromNationalStore;
}
