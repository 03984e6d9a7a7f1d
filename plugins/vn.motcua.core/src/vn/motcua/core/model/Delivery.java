package vn.motcua.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Delivery of the result: the method chosen at reception and, once done, when and to whom.
 *
 * @param address       postal address for {@link DeliveryMethod#POSTAL}, else empty
 * @param deliveredAt   null until delivered
 * @param recipientName who signed for it, empty until delivered
 * @param satisfaction  the applicant's rating at the hand-over, null when not given
 */
public record Delivery(DeliveryMethod method, String address, Instant deliveredAt, String recipientName, Satisfaction satisfaction) {
    public Delivery {
        Objects.requireNonNull(method, "method");
        address = address == null ? "" : address;
        recipientName = recipientName == null ? "" : recipientName;
    }

    /** A delivery without a rating. */
    public Delivery(DeliveryMethod method, String address, Instant deliveredAt, String recipientName) {
        this(method, address, deliveredAt, recipientName, null);
    }

    public static Delivery planned(DeliveryMethod method, String address) {
        return new Delivery(method, address, null, "");
    }

    public boolean isDelivered() {
        return deliveredAt != null;
    }
}
