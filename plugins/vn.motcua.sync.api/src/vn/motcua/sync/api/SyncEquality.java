package vn.motcua.sync.api;

import java.time.Instant;
import java.util.Objects;

import vn.motcua.core.model.DossierEvent;

/**
 * Whether two copies of an event are the same event. Databases keep times to the microsecond while a fresh
 * {@link Instant} may carry nanoseconds, so times within a microsecond are the same.
 */
public final class SyncEquality {
    private SyncEquality() {
    }

    public static boolean sameEvent(DossierEvent a, DossierEvent b) {
        return a.sequence() == b.sequence() && a.action() == b.action() && a.fromStatus() == b.fromStatus()
                && a.toStatus() == b.toStatus() && Objects.equals(a.actorUsername(), b.actorUsername())
                && a.actorRole() == b.actorRole() && Objects.equals(nz(a.workstationId()), nz(b.workstationId()))
                && sameTime(a.at(), b.at()) && Objects.equals(nz(a.reason()), nz(b.reason()))
                && Objects.equals(a.formNumber(), b.formNumber()) && Objects.equals(a.assignee(), b.assignee())
                && sameTime(a.newDueAt(), b.newDueAt()) && Objects.equals(a.targetAgencyCode(), b.targetAgencyCode());
    }

    public static boolean sameTime(Instant a, Instant b) {
        // Databases round (not truncate) to their precision: within a microsecond is the same moment.
        return a == null ? b == null : b != null && Math.abs(java.time.Duration.between(a, b).toNanos()) < 1000;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
