package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.store.internal.db.Migrations;
import vn.motcua.store.internal.entity.DossierEntity;
import vn.motcua.store.internal.entity.DossierEventEntity;
import vn.motcua.store.internal.entity.ProcedureEntity;

/** The cache on a real H2 file: open, migrate, write, read back, lock, damage. */
class CacheOpenerTest {
    @TempDir
    Path dir;

    @Test
    void opensMigratesAndReadsBackAfterReopen() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir)) {
            assertEquals(Migrations.latestVersion(), cache.schemaVersion());
            cache.inTransaction(em -> {
                em.persist(procedure("1.001193", "Đăng ký khai sinh"));
                DossierEntity d = dossier("000.00.10.H29-261120-0001", "1.001193", "Nguyễn Văn Ánh");
                em.persist(d);
                return null;
            });
        }
        assertTrue(Files.size(CacheOpener.databaseFile(dir)) > 0);
        try (LocalCache cache = CacheOpener.open(dir)) {
            List<DossierRow> rows = cache.dossiers().page(DossierFilter.all().withText("nguyen van anh"), 0, 10);
            assertEquals(1, rows.size());
            assertEquals("Đăng ký khai sinh", rows.get(0).procedureName());
            DossierDetails details = cache.dossiers().find("000.00.10.H29-261120-0001").orElseThrow();
            assertEquals("Nguyễn Văn Ánh", details.applicantName());
            assertEquals(1, details.events().size());
            assertEquals(0, cache.dossiers().count(DossierFilter.all().withText("tran")));
        }
    }

    @Test
    void secondOpenOfTheSameFolderIsRefusedAsLocked() throws Exception {
        try (LocalCache first = CacheOpener.open(dir)) {
            CacheException e = assertThrows(CacheException.class, () -> CacheOpener.open(dir));
            assertEquals(CacheException.Kind.LOCKED, e.kind());
        }
        CacheOpener.open(dir).close(); // released after close
    }

    @Test
    void damagedFileIsReportedAndSetAsideNotDeleted() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(CacheOpener.databaseFile(dir), garbage);
        CacheException e = assertThrows(CacheException.class, () -> CacheOpener.open(dir));
        assertEquals(CacheException.Kind.DAMAGED, e.kind());
        Path aside = CacheOpener.setAsideDamaged(dir);
        assertTrue(Files.exists(aside.resolve(CacheOpener.DB_NAME + ".mv.db")));
        try (LocalCache fresh = CacheOpener.open(dir)) {
            assertEquals(0, fresh.dossiers().count(DossierFilter.all()));
        }
    }

    static ProcedureEntity procedure(String code, String name) {
        ProcedureEntity p = new ProcedureEntity();
        p.code = code;
        p.version = 1;
        p.name = name;
        p.fieldName = "Hộ tịch";
        p.level = "COMMUNE";
        p.processingAmount = 1;
        p.processingUnit = "WORKING_DAYS";
        p.cutoffTime = LocalTime.of(15, 0);
        p.onlineLevel = "FULL";
        p.active = true;
        p.searchText = code + " " + vn.motcua.core.text.VietnameseText.fold(name);
        return p;
    }

    static DossierEntity dossier(String code, String procedureCode, String applicant) {
        DossierEntity d = new DossierEntity();
        d.code = code;
        d.agencyCode = "000.00.10.H29";
        d.procedureCode = procedureCode;
        d.procedureVersion = 1;
        d.rulePack = "2025";
        d.channel = "IN_PERSON";
        d.applicantKind = "PERSON";
        d.applicantName = applicant;
        d.status = "RECEIVED";
        d.receivedAt = Instant.parse("2026-11-20T02:00:00Z");
        d.searchText = code.toLowerCase() + " " + vn.motcua.core.text.VietnameseText.fold(applicant);
        DossierEventEntity e = new DossierEventEntity();
        e.dossier = d;
        e.seq = 1;
        e.action = "RECEIVE";
        e.toStatus = "RECEIVED";
        e.actor = "canbo1";
        e.actorRole = "CLERK";
        e.workstation = "test";
        e.at = d.receivedAt;
        d.events.add(e);
        return d;
    }
}
