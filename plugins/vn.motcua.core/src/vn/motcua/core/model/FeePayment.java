package vn.motcua.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A fee or financial obligation the applicant paid.
 *
 * @param receiptNumber biên lai number, may be empty
 * @param online        paid through the national portal or the provincial payment gateway
 */
public record FeePayment(String name, long amountVnd, Instant paidAt, String receiptNumber, boolean online) {
    public FeePayment {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(paidAt, "paidAt");
        if (amountVnd < 0) {
            throw new IllegalArgumentException("negative amount");
        }
        receiptNumber = receiptNumber == null ? "" : receiptNumber;
    }
}
