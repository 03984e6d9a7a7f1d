package vn.motcua.store.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One paper of a procedure's required-document list. */
@Embeddable
public class RequiredDocumentRow {
    @Column(name = "doc_id")
    public String docId;
    @Column(name = "name")
    public String name;
    @Column(name = "kind")
    public String kind;
    @Column(name = "copies")
    public int copies;
    @Column(name = "optional_doc")
    public boolean optional;
}
