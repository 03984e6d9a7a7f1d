package vn.motcua.core.code;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A range of dossier sequence numbers {@code from..to} (inclusive) of one agency and one day, held by one
 * workstation. Ordinary blocks are reserved from the provincial server while online
 * ({@link NumberBlockIssuer}); the offline fallback range is also expressed as a block
 * ({@link OfflineFallbackPolicy#blockFor}).
 */
public record NumberBlock(String agencyCode, LocalDate day, int from, int to, String workstationId) {
    public NumberBlock {
        Objects.requireNonNull(agencyCode, "agencyCode");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(workstationId, "workstationId");
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("bad block " + from + ".." + to);
        }
    }

    public boolean contains(int sequence) {
        return sequence >= from && sequence <= to;
    }

    public int size() {
        return to - from + 1;
    }

    public boolean overlaps(NumberBlock other) {
        return agencyCode.equals(other.agencyCode) && day.equals(other.day) && from <= other.to && other.from <= to;
    }
}
