package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierRepository.ConcurrentDossierChangeException;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.DossierDocuments.Document;
import vn.motcua.store.DossierDocuments.Kind;
import vn.motcua.store.DossierDocuments.NewDocument;

/** A dossier's files in a real encrypted H2 file: stored once per content, checked on read, committed with the change. */
class DossierDocumentsTest {
    private static final CacheKey KEY = CacheKey.generate();
    private static final String CODE = "000.00.10.H29-261120-0001";
    @TempDir
    Path dir;

    private Dossier seed(LocalCache cache) {
        cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
        Dossier d = Fixtures.received(CODE, "1.001193", "Nguyễn Văn An", "001090012345", "0912345678", Instant.parse("2026-11-20T02:00:00Z"),
                Instant.parse("2026-11-22T02:00:00Z"));
        cache.dossierRepository().insertAll(List.of(d));
        return d;
    }

    @Test
    void documentsSurviveReopeningAndIdenticalBytesAreStoredOnce() throws Exception {
        byte[] pdf = "%PDF-1.7 quyết định cấp giấy khai sinh".getBytes(StandardCharsets.UTF_8);
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            seed(cache);
            cache.documents().add(new NewDocument(CODE, Kind.DRAFT_RESULT, "Dự thảo.pdf", "application/pdf", pdf, "cv1", ""));
            cache.documents().add(new NewDocument(CODE, Kind.ATTACHMENT, "Bản sao.pdf", "application/pdf", pdf, "clerk", "scan"));
        }
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            List<Document> docs = cache.documents().list(CODE);
            assertEquals(2, docs.size());
            assertEquals(Kind.DRAFT_RESULT, docs.get(0).kind());
            assertEquals("Dự thảo.pdf", docs.get(0).name());
            assertEquals(pdf.length, docs.get(0).size());
            assertEquals(DossierDocuments.sha256(pdf), docs.get(1).sha256());
            assertArrayEquals(pdf, cache.documents().content(cache.documents().latest(CODE, Kind.DRAFT_RESULT).orElseThrow()));
            assertTrue(cache.documents().latest(CODE, Kind.SIGNED_RESULT).isEmpty());
            try (Connection c = cache.connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM stored_file")) {
                r.next();
                assertEquals(1, r.getLong(1), "same content, one stored file");
            }
        }
        // The bytes are inside the encrypted database file, not next to it in the clear.
        String raw = new String(Files.readAllBytes(CacheOpener.databaseFile(dir)), StandardCharsets.ISO_8859_1);
        assertTrue(!raw.contains("%PDF-1.7"), "document bytes readable in the database file");
    }

    @Test
    void aRefusedChangeStoresNoneOfItsDocuments() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            Dossier d = seed(cache);
            DossierEvent assign = Fixtures.next(d, DossierAction.ASSIGN, DossierStatus.ASSIGNED, "cv1");
            Dossier assigned = d.record(assign, Dossier.Changes.NONE.withAssignee("cv1"));
            cache.dossierRepository().save(assigned, assign);
            // A second change made from the stale version: the repository refuses it, and its document with it.
            byte[] signed = "signed".getBytes(StandardCharsets.UTF_8);
            assertThrows(ConcurrentDossierChangeException.class, () -> cache.dossierRepository().save(assigned, assign,
                    List.of(new NewDocument(CODE, Kind.SIGNED_RESULT, "Kết quả.pdf", "application/pdf", signed, "head", ""))));
            assertTrue(cache.documents().list(CODE).isEmpty());
            DossierEvent start = Fixtures.next(assigned, DossierAction.START_PROCESSING, DossierStatus.IN_PROCESS, null);
            cache.dossierRepository().save(assigned.record(start, Dossier.Changes.NONE), start,
                    List.of(new NewDocument(CODE, Kind.SIGNED_RESULT, "Kết quả.pdf", "application/pdf", signed, "head", "")));
            assertEquals(1, cache.documents().list(CODE).size());
            assertEquals(DossierStatus.IN_PROCESS, cache.dossierRepository().findByCode(CODE).orElseThrow().status());
        }
    }

    @Test
    void aDamagedStoredFileIsReportedNotHandedOut() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            seed(cache);
            Document doc = cache.documents().add(new NewDocument(CODE, Kind.DRAFT_RESULT, "d.pdf", "application/pdf", new byte[] { 1, 2, 3 }, "cv1", ""));
            try (Connection c = cache.connection(); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE stored_file SET content = X'010204'");
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> cache.documents().content(doc));
            assertTrue(e.getMessage().contains("d.pdf"), e.getMessage());
        }
    }
}
