package vn.motcua.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DeadlineClassTest {
    static final Instant NOW = Instant.parse("2026-11-20T03:00:00Z");
    static final Instant SOON = NOW.plusSeconds(24 * 3600);

    @Test
    void runningDossiersAreClassifiedByTheirDueTime() {
        assertEquals(DeadlineClass.OVERDUE, DeadlineClass.of(DossierStatus.IN_PROCESS, NOW.minusSeconds(1), NOW, SOON));
        assertEquals(DeadlineClass.DUE_SOON, DeadlineClass.of(DossierStatus.PENDING_APPROVAL, NOW.plusSeconds(3600), NOW, SOON));
        assertEquals(DeadlineClass.ON_TIME, DeadlineClass.of(DossierStatus.RECEIVED, SOON.plusSeconds(1), NOW, SOON));
        assertEquals(DeadlineClass.ON_TIME, DeadlineClass.of(DossierStatus.ASSIGNED, null, NOW, SOON));
    }

    @Test
    void pausedDossiersAreOnTimeAndFinishedOnesHaveNoClass() {
        assertEquals(DeadlineClass.ON_TIME, DeadlineClass.of(DossierStatus.AWAITING_SUPPLEMENT, NOW.minusSeconds(99), NOW, SOON));
        assertNull(DeadlineClass.of(DossierStatus.RESULT_READY, NOW.minusSeconds(99), NOW, SOON));
        assertNull(DeadlineClass.of(DossierStatus.DELIVERED, NOW.minusSeconds(99), NOW, SOON));
        assertNull(DeadlineClass.of(DossierStatus.SUBMITTED_ONLINE, null, NOW, SOON));
    }
}
