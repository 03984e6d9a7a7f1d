package vn.motcua.store.internal.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "dossier")
public class DossierEntity {
    @Id
    @TableGenerator(name = "dossier_id", table = "id_sequence", pkColumnName = "name", valueColumnName = "next_value", pkColumnValue = "dossier", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "dossier_id")
    @Column(name = "id")
    public Long id;
    @Column(name = "code")
    public String code;
    @Column(name = "agency_code")
    public String agencyCode;
    @Column(name = "procedure_code")
    public String procedureCode;
    @Column(name = "procedure_version")
    public int procedureVersion;
    @Column(name = "rule_pack")
    public String rulePack;
    @Column(name = "channel")
    public String channel;
    @Column(name = "applicant_kind")
    public String applicantKind;
    @Column(name = "applicant_name")
    public String applicantName;
    @Column(name = "applicant_id_number")
    public String applicantIdNumber;
    @Column(name = "applicant_birth")
    public LocalDate applicantBirth;
    @Column(name = "applicant_phone")
    public String applicantPhone;
    @Column(name = "applicant_email")
    public String applicantEmail;
    @Column(name = "applicant_address")
    public String applicantAddress;
    @Column(name = "applicant_representative")
    public String applicantRepresentative;
    @Column(name = "status")
    public String status;
    @Column(name = "received_at")
    public Instant receivedAt;
    @Column(name = "due_at")
    public Instant dueAt;
    @Column(name = "assignee")
    public String assignee;
    @Column(name = "search_text")
    public String searchText;
    @Column(name = "delivery_method")
    public String deliveryMethod;
    @Column(name = "delivery_address")
    public String deliveryAddress;
    @Column(name = "delivered_at")
    public Instant deliveredAt;
    @Column(name = "delivery_recipient")
    public String deliveryRecipient;
    @Column(name = "delivery_satisfaction")
    public String deliverySatisfaction;
    /** End of processing as the national index counts it (first result-ready/delivered/stopped…); for reports. */
    @Column(name = "finished_at")
    public Instant finishedAt;

    /** The receipt's lookup secret, hashed (schema 13); null before a receipt was printed. */
    @Column(name = "lookup_secret_hash")
    public String lookupSecretHash;
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "fee_payment", joinColumns = @JoinColumn(name = "dossier_id"))
    @OrderColumn(name = "position")
    public List<FeePaymentRow> feesPaid = new ArrayList<>();
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "received_paper", joinColumns = @JoinColumn(name = "dossier_id"))
    @OrderColumn(name = "position")
    public List<ReceivedPaperRow> papers = new ArrayList<>();
    /** Folded words of the searchable fields (see SearchTokens); written with the dossier, never read for display. */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "dossier_search_token", joinColumns = @JoinColumn(name = "dossier_id"))
    @Column(name = "token")
    public Set<String> searchTokens = new HashSet<>();
    @Version
    @Column(name = "row_version")
    public long rowVersion;
    @OneToMany(mappedBy = "dossier", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("seq")
    public List<DossierEventEntity> events = new ArrayList<>();
}
