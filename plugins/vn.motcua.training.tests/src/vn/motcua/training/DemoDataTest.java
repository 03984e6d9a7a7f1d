package vn.motcua.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.calendar.WorkingTimeCalendar;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Procedure;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.LocalCache;

class DemoDataTest {
    static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void sameSeedGivesSameDossiers() {
        List<Procedure> procedures = DemoCatalogue.procedures();
        DemoDataGenerator g = new DemoDataGenerator(WorkingTimeCalendar.defaults());
        List<Dossier> a = g.dossiers(42, 50, procedures, "000.00.21.H43", NOW);
        List<Dossier> b = g.dossiers(42, 50, procedures, "000.00.21.H43", NOW);
        assertEquals(a, b);
    }

    @Test
    void dossiersAreRealistic() {
        List<Dossier> list = new DemoDataGenerator(WorkingTimeCalendar.defaults()).dossiers(7, 360, DemoCatalogue.procedures(),
                "000.00.21.H43", NOW);
        Set<String> codes = new HashSet<>();
        Set<DossierStatus> statuses = EnumSet.noneOf(DossierStatus.class);
        WorkingTimeCalendar cal = WorkingTimeCalendar.defaults();
        for (Dossier d : list) {
            assertTrue(codes.add(d.code()), "duplicate code " + d.code());
            assertTrue(d.code().matches("000\\.00\\.21\\.H43-\\d{6}-\\d{4}"), d.code());
            statuses.add(d.status());
            // A refused dossier was never received (lifecycle): it came to the counter at the refusal.
            assertEquals(d.status() == DossierStatus.REFUSED, d.receivedAt() == null, d.code());
            Instant atCounter = d.receivedAt() != null ? d.receivedAt() : d.events().get(0).at();
            assertTrue(cal.isWorkingDay(atCounter.atZone(DemoDataGenerator.VIETNAM).toLocalDate()), d.code() + " received on a day off");
            assertTrue(atCounter.isBefore(NOW), d.code() + " received in the future");
            if (d.dueAt() != null) {
                assertFalse(d.dueAt().isBefore(d.receivedAt()), d.code());
            }
        }
        assertTrue(statuses.containsAll(EnumSet.of(DossierStatus.RECEIVED, DossierStatus.IN_PROCESS, DossierStatus.PENDING_APPROVAL,
                DossierStatus.DELIVERED, DossierStatus.REFUSED)), statuses.toString());
    }

    @Test
    void seedsAnEmptyCacheOnceThroughTheStore(@TempDir Path dir) throws Exception {
        try (LocalCache cache = CacheOpener.open(dir)) {
            assertTrue(DemoData.seedIfEmpty(cache, DemoData.DEFAULT_SEED) > 300);
            assertEquals(0, DemoData.seedIfEmpty(cache, DemoData.DEFAULT_SEED));
            assertTrue(cache.procedures().count() >= 30);
            long all = cache.dossiers().count(DossierFilter.all());
            assertEquals(DemoData.DEFAULT_DOSSIERS, all);
            assertTrue(cache.dossiers().count(DossierFilter.all().withText("khai sinh")) > 0);
        }
    }
}
