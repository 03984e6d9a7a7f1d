package vn.motcua.store.internal.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One step of a dossier's history; rows are only ever inserted. */
@Entity
@Table(name = "dossier_event")
public class DossierEventEntity {
    @Id
    @TableGenerator(name = "dossier_event_id", table = "id_sequence", pkColumnName = "name", valueColumnName = "next_value", pkColumnValue = "dossier_event", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "dossier_event_id")
    @Column(name = "id")
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "dossier_id")
    public DossierEntity dossier;
    @Column(name = "seq")
    public int seq;
    @Column(name = "assignee")
    public String assignee;
    @Column(name = "new_due_at")
    public Instant newDueAt;
    @Column(name = "target_agency")
    public String targetAgency;
    @Column(name = "action")
    public String action;
    @Column(name = "from_status")
    public String fromStatus;
    @Column(name = "to_status")
    public String toStatus;
    @Column(name = "actor")
    public String actor;
    @Column(name = "actor_role")
    public String actorRole;
    @Column(name = "workstation")
    public String workstation;
    @Column(name = "at")
    public Instant at;
    @Column(name = "reason")
    public String reason;
    @Column(name = "form")
    public String form;
}
