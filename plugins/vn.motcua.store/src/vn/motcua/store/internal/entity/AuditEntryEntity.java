package vn.motcua.store.internal.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of the hash-chained audit log; only ever inserted (see vn.motcua.store.AuditLog). */
@Entity
@Table(name = "audit_log")
public class AuditEntryEntity {
    @Id
    @Column(name = "seq")
    public long seq;
    @Column(name = "at")
    public Instant at;
    @Column(name = "actor")
    public String actor;
    @Column(name = "workstation")
    public String workstation;
    @Column(name = "action")
    public String action;
    @Column(name = "subject")
    public String subject;
    @Column(name = "details")
    public String details;
    @Column(name = "prev_hash")
    public String prevHash;
    @Column(name = "hash")
    public String hash;
}
