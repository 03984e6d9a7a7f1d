package vn.motcua.store.internal.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A fee the applicant paid (receipt number, whether through an online payment gateway). */
@Embeddable
public class FeePaymentRow {
    @Column(name = "name")
    public String name;
    @Column(name = "amount_vnd")
    public long amountVnd;
    @Column(name = "paid_at")
    public Instant paidAt;
    @Column(name = "receipt_number")
    public String receiptNumber;
    @Column(name = "paid_online")
    public boolean online;
}
