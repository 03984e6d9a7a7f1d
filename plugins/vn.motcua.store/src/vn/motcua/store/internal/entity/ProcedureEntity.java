package vn.motcua.store.internal.entity;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

@Entity
@Table(name = "procedure_def")
public class ProcedureEntity {
    @Id
    @TableGenerator(name = "procedure_id", table = "id_sequence", pkColumnName = "name", valueColumnName = "next_value", pkColumnValue = "procedure", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "procedure_id")
    @Column(name = "id")
    public Long id;
    @Column(name = "code")
    public String code;
    @Column(name = "version")
    public int version;
    @Column(name = "name")
    public String name;
    @Column(name = "field_name")
    public String fieldName;
    @Column(name = "level")
    public String level;
    @Column(name = "cutoff_time")
    public LocalTime cutoffTime;
    @Column(name = "legal_basis")
    public String legalBasis;
    @Column(name = "implementing_agency")
    public String implementingAgency;
    @Column(name = "online_level")
    public String onlineLevel;
    @Column(name = "active")
    public boolean active;
    @Column(name = "effective_date")
    public LocalDate effectiveDate;
    @Column(name = "search_text")
    public String searchText;
    /**
     * Folded words of the code and of every name this procedure row has had here (see SearchTokens#ofProcedure): a
     * search word finds its dossiers through them (schema 11). Never read for display.
     */
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "procedure_search_token", joinColumns = @JoinColumn(name = "procedure_id"))
    @Column(name = "token")
    public Set<String> searchTokens = new HashSet<>();
    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "required_document", joinColumns = @JoinColumn(name = "procedure_id"))
    @OrderColumn(name = "position")
    public List<RequiredDocumentRow> requiredDocuments = new ArrayList<>();
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "procedure_channel", joinColumns = @JoinColumn(name = "procedure_id"))
    @MapKeyColumn(name = "channel")
    public Map<String, ProcedureChannelRow> channels = new HashMap<>();
}
