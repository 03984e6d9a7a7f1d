package vn.motcua.core.code;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Server-side rule for reserving the next ordinary block of an agency's day. Pure: the server keeps the
 * highest number reserved so far per agency and day (in the same transaction as the reservation) and passes
 * it in. Blocks never enter the offline fallback space of the policy.
 */
public final class NumberBlockIssuer {
    private final OfflineFallbackPolicy policy;

    public NumberBlockIssuer(OfflineFallbackPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @param highestReserved highest number already reserved for the agency and day, 0 when none
     * @param size            wanted block size; the block may be shorter when it reaches the fallback space
     */
    public NumberBlock reserve(String agencyCode, LocalDate day, String workstationId, int highestReserved, int size) {
        if (size < 1 || highestReserved < 0) {
            throw new IllegalArgumentException("size " + size + ", highest " + highestReserved);
        }
        int from = highestReserved + 1;
        if (!policy.isOrdinary(from)) {
            from = OfflineFallbackPolicy.TOP + 1;
        }
        int to = from + size - 1;
        if (from < policy.base() && to >= policy.base()) {
            to = policy.base() - 1;
        }
        return new NumberBlock(agencyCode, day, from, to, workstationId);
    }
}
