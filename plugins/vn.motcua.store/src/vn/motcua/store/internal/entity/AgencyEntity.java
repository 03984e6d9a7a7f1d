package vn.motcua.store.internal.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "agency")
public class AgencyEntity {
    @Id
    @Column(name = "code")
    public String code;
    @Column(name = "name")
    public String name;
    @Column(name = "level")
    public String level;
    @Column(name = "parent_code")
    public String parentCode;
}
