package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.OnlineLevel;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.model.Role;
import vn.motcua.store.internal.db.Migrations;

/** The cache on a real H2 file: open, migrate, write, read back, lock, damage. */
class CacheOpenerTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    static final String CODE = "000.00.10.H29-261120-0001";

    @TempDir
    Path dir;

    /**
     * A pulled page of a first sync is written to the file at its commit, not six times before it (H2's default
     * 19 MB buffer; see {@link vn.motcua.store.internal.db.H2WriteBuffer}). Checked inside OSGi, where H2's
     * internals are reached by reflection only.
     */
    @Test
    void h2KeepsALargerWriteBufferThanItsDefault() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY); java.sql.Connection c = cache.connection()) {
            assertEquals(vn.motcua.store.internal.db.H2WriteBuffer.BYTES, vn.motcua.store.internal.db.H2WriteBuffer.current(c));
        }
    }

    @Test
    void opensMigratesAndReadsBackAfterReopen() throws Exception {
        Procedure birth = procedure("1.001193", "Đăng ký khai sinh");
        Dossier received = receivedDossier(birth);
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            assertEquals(Migrations.latestVersion(), cache.schemaVersion());
            cache.procedures().save(birth);
            cache.dossierRepository().saveWithoutEvent(received);
        }
        assertTrue(Files.size(CacheOpener.databaseFile(dir)) > 0);
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            assertEquals(birth, cache.procedures().find("1.001193", 1).orElseThrow());
            assertEquals(received, cache.dossierRepository().findByCode(CODE).orElseThrow());
            List<DossierRow> rows = cache.dossiers().page(DossierFilter.all().withText("nguyen van anh"), 0, 10);
            assertEquals(1, rows.size());
            assertEquals("Đăng ký khai sinh", rows.get(0).procedureName());
            assertEquals(1, cache.dossiers().count(DossierFilter.all().withText("KHAI SINH")));
            assertEquals(1, cache.dossiers().count(DossierFilter.all().withText("0912345678")));
            assertEquals(0, cache.dossiers().count(DossierFilter.all().withText("tran")));
            DossierDetails details = cache.dossiers().find(CODE).orElseThrow();
            assertEquals("Nguyễn Văn Ánh", details.applicantName());
            assertEquals(1, details.events().size());
        }
    }

    @Test
    void aStaleWriterIsRefused() throws Exception {
        Procedure birth = procedure("1.001193", "Đăng ký khai sinh");
        Dossier received = receivedDossier(birth);
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            cache.procedures().save(birth);
            cache.dossierRepository().saveWithoutEvent(received);
            DossierEvent assign = new DossierEvent(2, DossierAction.ASSIGN, DossierStatus.RECEIVED, DossierStatus.ASSIGNED, "canbo1",
                    Role.CLERK, "PC-1", Instant.parse("2026-11-20T03:00:00Z"), "", null, "cv1", null, null);
            cache.dossierRepository().save(received.record(assign, Dossier.Changes.NONE.withAssignee("cv1")), assign);
            // A second workstation still holding the old state tries the same step again.
            assertThrows(vn.motcua.core.model.DossierRepository.ConcurrentDossierChangeException.class,
                    () -> cache.dossierRepository().save(received.record(assign, Dossier.Changes.NONE), assign));
            assertEquals(DossierStatus.ASSIGNED, cache.dossierRepository().findByCode(CODE).orElseThrow().status());
        }
    }

    @Test
    void secondOpenOfTheSameFolderIsRefusedAsLocked() throws Exception {
        try (LocalCache first = CacheOpener.open(dir, KEY)) {
            CacheException e = assertThrows(CacheException.class, () -> CacheOpener.open(dir, KEY));
            assertEquals(CacheException.Kind.LOCKED, e.kind());
        }
        CacheOpener.open(dir, KEY).close(); // released after close
    }

    @Test
    void damagedFileIsReportedAndSetAsideNotDeleted() throws Exception {
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(CacheOpener.databaseFile(dir), garbage);
        CacheException e = assertThrows(CacheException.class, () -> CacheOpener.open(dir, KEY));
        assertEquals(CacheException.Kind.DAMAGED, e.kind());
        Path aside = CacheOpener.setAsideDamaged(dir);
        assertTrue(Files.exists(aside.resolve(CacheOpener.DB_NAME + ".mv.db")));
        try (LocalCache fresh = CacheOpener.open(dir, KEY)) {
            assertEquals(0, fresh.dossiers().count(DossierFilter.all()));
        }
    }

    static Procedure procedure(String code, String name) {
        ProcessingTime sameDay = new ProcessingTime(BigDecimal.ONE, DurationUnit.WORKING_DAYS, "Trong ngày");
        return new Procedure(code, name, "Hộ tịch", Level.COMMUNE, Map.of(Channel.IN_PERSON, sameDay, Channel.ONLINE, sameDay),
                LocalTime.of(15, 0), Map.of(Channel.IN_PERSON, Fee.free()),
                List.of(new RequiredDocument("1", "Tờ khai đăng ký khai sinh", PaperKind.ORIGINAL, 1, false),
                        new RequiredDocument("2", "Giấy chứng sinh", PaperKind.ORIGINAL, 1, false)),
                List.of("Luật Hộ tịch 2014", "Nghị định 123/2015/NĐ-CP"), "UBND cấp xã", OnlineLevel.FULL, true, 1, LocalDate.of(2025, 7, 1));
    }

    static Dossier receivedDossier(Procedure p) {
        PersonApplicant a = new PersonApplicant("Nguyễn Văn Ánh", LocalDate.of(1990, 5, 17), "001090012345", "Thôn Đông, xã Hợp Thịnh",
                "0912345678", "");
        Dossier draft = Dossier.draft(p.code(), 1, "2025", Channel.IN_PERSON, a,
                List.of(new ReceivedPaper("1", 1, PaperKind.ORIGINAL, true, false, false)), "000.00.10.H29");
        Instant at = Instant.parse("2026-11-20T02:00:00Z");
        DossierEvent receive = new DossierEvent(1, DossierAction.RECEIVE, DossierStatus.DRAFT, DossierStatus.RECEIVED, "canbo1", Role.CLERK,
                "PC-1", at, "", "01", null, null, null);
        return draft.record(receive, Dossier.Changes.NONE.withCode(CODE).withReceivedAt(at).withDueAt(Instant.parse("2026-11-20T10:00:00Z")));
    }
}
