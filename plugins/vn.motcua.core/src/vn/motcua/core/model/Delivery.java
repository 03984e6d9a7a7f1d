package vn.motcua.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Delivery of the result: the method chosen at reception and, once done, when and to whom.
 *
 * @param address       postal address for {@link DeliveryMethod#POSTAL}, else empty
 * @param deliveredAt   null until delivered
 * @param recipientName who signed for it, empty until delivered
 */
public record Delivery(DeliveryMethod method, String address, Instant deliveredAt, String recipientName) {
    public Delivery {
        Objects.requireNonNull(method, "method");
        address = address == null ? "" : address;
        recipientName = recipientName == null ? "" : recipientName;
    }

    public static Delivery planned(DeliveryMethod method, String address) {
        return new Delivery(method, address, null, "");
    }

    public boolean isDelivered() {
        return deliveredAt != null;
    }
}
