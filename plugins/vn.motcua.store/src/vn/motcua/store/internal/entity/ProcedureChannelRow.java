package vn.motcua.store.internal.entity;

import java.math.BigDecimal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Processing time and fee of a procedure on one channel. */
@Embeddable
public class ProcedureChannelRow {
    @Column(name = "processing_amount")
    public BigDecimal processingAmount;
    @Column(name = "processing_unit")
    public String processingUnit;
    @Column(name = "processing_text")
    public String processingText;
    @Column(name = "fee_vnd")
    public Long feeVnd;
    @Column(name = "fee_text")
    public String feeText;
}
