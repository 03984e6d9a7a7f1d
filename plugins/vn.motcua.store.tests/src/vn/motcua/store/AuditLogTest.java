package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierRepository.ConcurrentDossierChangeException;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.AuditLog.Break;
import vn.motcua.store.AuditLog.Problem;

/** The hash-chained audit log: written with each dossier change, and any tampering found at its first row. */
class AuditLogTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    @TempDir
    Path dir;

    /** 3 inserted dossiers (rows 1–3), then two lifecycle steps on the first (rows 4, 5), one at a time. */
    @BeforeEach
    void writeHistory() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
            List<Dossier> list = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                list.add(Fixtures.received("000.00.10.H29-261120-000" + i, "1.001193", "Nguyễn Văn " + i, "00109001234" + i, "091234567" + i,
                        Instant.parse("2026-11-20T02:00:00Z"), Instant.parse("2026-11-22T02:00:00Z")));
            }
            cache.dossierRepository().insertAll(list);
            Dossier d = list.get(0);
            DossierEvent assign = Fixtures.next(d, DossierAction.ASSIGN, DossierStatus.ASSIGNED, "cv1");
            d = d.record(assign, Dossier.Changes.NONE.withAssignee("cv1"));
            cache.dossierRepository().save(d, assign);
            DossierEvent start = Fixtures.next(d, DossierAction.START_PROCESSING, DossierStatus.IN_PROCESS, null);
            cache.dossierRepository().save(d.record(start, Dossier.Changes.NONE), start);
        }
    }

    @Test
    void anIntactChainVerifies() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            assertEquals(5, cache.auditLog().size());
            assertEquals(Optional.empty(), cache.auditLog().verify());
            try (Connection c = cache.connection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT actor, workstation, action, subject, details, prev_hash FROM audit_log WHERE seq = 4")) {
                r.next();
                assertEquals("cv1", r.getString(1));
                assertEquals("PC-2", r.getString(2));
                assertEquals("ASSIGN", r.getString(3));
                assertEquals("000.00.10.H29-261120-0001", r.getString(4));
                assertEquals("event=2; status=RECEIVED->ASSIGNED; assignee=cv1", r.getString(5));
                assertEquals(64, r.getString(6).length());
            }
        }
        CacheKeyRing ring = CacheKeyRing.create(dir, false);
        ring.addUser("kiemtra", "mật-khẩu".toCharArray(), KEY);
        assertEquals(0, AuditVerifier.run(new String[] { "-nl", "en", "--user", "kiemtra", dir.toString() }, "mật-khẩu".toCharArray()));
        assertEquals(2, AuditVerifier.run(new String[] { "--user", "kiemtra", dir.toString() }, "sai".toCharArray()),
                "a wrong password opens nothing");
        assertEquals("Audit log intact: 5 rows checked.", AuditLog.intactMessage(Locale.ENGLISH, 5));
        assertEquals("Nhật ký kiểm toán toàn vẹn: đã kiểm tra 5 dòng.", AuditLog.intactMessage(null, 5));
    }

    @Test
    void aChangedDetailIsFoundAtItsRow() throws Exception {
        tamper("UPDATE audit_log SET details = REPLACE(details, 'cv1', 'cv9') WHERE seq = 4");
        Break b = broken();
        assertEquals(4, b.sequence());
        assertEquals(Problem.CHANGED_ROW, b.problem());
        assertEquals("Audit log broken at sequence 4: the row was edited after it was written (hash does not match).",
                b.message(Locale.ENGLISH));
        assertTrue(b.message(null).startsWith("Nhật ký kiểm toán bị đứt tại dòng số 4"), b.message(null));
        CacheKeyRing.create(dir, false).addUser("kiemtra", "mk".toCharArray(), KEY);
        assertEquals(1, AuditVerifier.run(new String[] { "--user", "kiemtra", dir.toString() }, "mk".toCharArray()));
    }

    @Test
    void aDeletedRowIsFound() throws Exception {
        tamper("DELETE FROM audit_log WHERE seq = 2");
        assertEquals(new Break(2, Problem.MISSING_ROW, 1), broken());
    }

    @Test
    void aDeletedRowWithRenumberedSuccessorsIsFound() throws Exception {
        tamper("DELETE FROM audit_log WHERE seq = 2", "UPDATE audit_log SET seq = seq - 1 WHERE seq > 2");
        Break b = broken();
        assertEquals(2, b.sequence());
        assertEquals(Problem.BROKEN_LINK, b.problem());
    }

    @Test
    void reorderedRowsAreFound() throws Exception {
        tamper("UPDATE audit_log SET seq = -1 WHERE seq = 3", "UPDATE audit_log SET seq = 3 WHERE seq = 4",
                "UPDATE audit_log SET seq = 4 WHERE seq = -1");
        Break b = broken();
        assertEquals(3, b.sequence());
        assertEquals(Problem.BROKEN_LINK, b.problem());
    }

    @Test
    void aRecomputedOwnHashStillBreaksTheNextLink() throws Exception {
        // A forger who rewrites row 2 and its own hash still cannot make row 3 point at it.
        String forged = AuditLog.hash(2, Instant.parse("2026-01-01T00:00:00Z"), "x", "x", "x", "x", "x", AuditLog.GENESIS);
        tamper("UPDATE audit_log SET hash = '" + forged + "' WHERE seq = 2");
        Break b = broken();
        assertEquals(2, b.sequence(), "row 2's hash no longer matches its content");
    }

    @Test
    void aRefusedChangeWritesNoAuditRow() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            Dossier stale = cache.dossierRepository().findByCode("000.00.10.H29-261120-0002").orElseThrow();
            DossierEvent assign = Fixtures.next(stale, DossierAction.ASSIGN, DossierStatus.ASSIGNED, "cv1");
            Dossier staleAgain = stale.record(assign, Dossier.Changes.NONE.withAssignee("cv1"));
            cache.dossierRepository().save(staleAgain, assign);
            assertThrows(ConcurrentDossierChangeException.class, () -> cache.dossierRepository().save(staleAgain, assign));
            assertEquals(6, cache.auditLog().size());
            assertEquals(Optional.empty(), cache.auditLog().verify());
            cache.dossierRepository().saveWithoutEvent(Fixtures.received("000.00.10.H29-261121-0009", "1.001193", "Lê Thị Hoa",
                    "001195011111", "0911222333", Instant.parse("2026-11-21T02:00:00Z"), Instant.parse("2026-11-21T02:00:00Z")
                            .plus(Duration.ofDays(2))));
            assertEquals(7, cache.auditLog().size());
            assertEquals(Optional.empty(), cache.auditLog().verify());
        }
    }

    private void tamper(String... sql) throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY); Connection c = cache.connection(); Statement s = c.createStatement()) {
            for (String q : sql) {
                s.executeUpdate(q);
            }
        }
    }

    private Break broken() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            return cache.auditLog().verify().orElseThrow(() -> new AssertionError("tampering not detected"));
        }
    }
}
