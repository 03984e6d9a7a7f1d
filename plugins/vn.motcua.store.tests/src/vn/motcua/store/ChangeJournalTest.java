package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.code.DossierCodeAllocator;
import vn.motcua.core.code.OfflineFallbackPolicy;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;

/**
 * The journal of acknowledged changes on real H2 files: one forced write per acknowledged change (counted), a cache put
 * back older than its journal (an older copy of the file, the tail of the file lost as in a power cut) comes back whole
 * with its outbox and its numbers, a torn last record is seen by its checksum and never replayed, and a damaged cache
 * set aside leaves the journal to restore the fresh one.
 */
class ChangeJournalTest {
    static final CacheKey KEY = CacheKey.generate();
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final byte[] SCAN = "%PDF-1.4 giấy chứng sinh".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** A reception at the counter: a number from the workstation's offline slice, the dossier, a scan; returns its code. */
    static String receive(LocalCache cache, int n) {
        LocalDate today = LocalDate.now(VIETNAM);
        String code = new DossierCodeAllocator("PC-1", 3, cache.numberBlocks(), OfflineFallbackPolicy.standard()).next(Fixtures.AGENCY, today)
                .code().format();
        Instant now = Instant.now();
        Dossier d = Fixtures.received(code, "1.001193", "Người nộp " + n, "001190054321", "0987654321", now, now.plus(Duration.ofDays(3)));
        cache.dossierRepository().save(d, d.events().get(0),
                List.of(new DossierDocuments.NewDocument(code, DossierDocuments.Kind.ATTACHMENT, "giay-chung-sinh-" + n + ".pdf",
                        "application/pdf", SCAN, "canbo1", "scan")));
        return code;
    }

    static LocalCache open(Path data) throws CacheException {
        LocalCache c = CacheOpener.open(data, KEY);
        if (c.procedures().find("1.001193", 1).isEmpty()) {
            c.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
        }
        return c;
    }

    @Test
    void everyAcknowledgedChangeIsForcedToDiskOnceBeforeTheCallReturns() throws Exception {
        Path data = dir.resolve("ws");
        try (LocalCache cache = open(data)) {
            long before = cache.journal().syncs();
            String code = receive(cache, 1);
            assertEquals(before + 1, cache.journal().syncs(), "one forced write for the reception (dossier, number, scan)");
            // Read back from the file while the cache is open: the record is there, whole, with its scan.
            Files.createDirectories(dir.resolve("copy"));
            Files.copy(data.resolve(ChangeJournal.FILE), dir.resolve("copy").resolve(ChangeJournal.FILE), StandardCopyOption.REPLACE_EXISTING);
            List<ChangeJournal.Entry> read = readJournal(dir.resolve("copy"));
            assertEquals(code, read.get(read.size() - 1).dossierCode());
            assertEquals("RECEIVE", read.get(read.size() - 1).action());
            assertEquals(1, read.get(read.size() - 1).documents().size());
            // A later step on the dossier and a document attached on its own: one forced write each.
            Dossier d = cache.dossierRepository().findByCode(code).orElseThrow();
            DossierEvent assign = Fixtures.next(d, DossierAction.ASSIGN, DossierStatus.ASSIGNED, "cv1");
            cache.dossierRepository().save(d.record(assign, Dossier.Changes.NONE.withAssignee("cv1")), assign);
            cache.documents().add(new DossierDocuments.NewDocument(code, DossierDocuments.Kind.ATTACHMENT, "them.pdf", "application/pdf", SCAN,
                    "canbo1", ""));
            assertEquals(before + 3, cache.journal().syncs());
            // A write that is not a local change the user is told about (a pulled page) forces nothing.
            cache.sync().applyPulled(List.of(), 7, "server-1");
            assertEquals(before + 3, cache.journal().syncs());
        }
    }

    @Test
    void theJournalHoldsNothingInClearAndOpensOnlyWithItsCacheKey() throws Exception {
        Path data = dir.resolve("ws");
        String code;
        try (LocalCache cache = open(data)) {
            code = receive(cache, 7);
        }
        byte[] raw = Files.readAllBytes(data.resolve(ChangeJournal.FILE));
        String asText = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String clear : List.of(code, "001190054321", "0987654321", "giay-chung-sinh-7", "%PDF")) {
            assertFalse(asText.contains(clear), clear + " in clear in the journal");
        }
        assertFalse(new String(raw, java.nio.charset.StandardCharsets.UTF_8).contains("Người nộp 7"), "the applicant's name in clear");
        // Under another key (a journal copied next to another cache) no record opens: to the journal that is damage.
        ChangeJournal.Opened other = ChangeJournal.open(data, new vn.motcua.sync.api.SyncJson(), CacheKey.generate());
        other.journal().close();
        assertTrue(other.reading().records().isEmpty(), other.reading().toString());
        assertTrue(other.reading().ignoredBytes() > 0);
    }

    @Test
    void aCachePutBackOlderComesBackWholeFromItsJournal() throws Exception {
        Path data = dir.resolve("ws");
        List<String> before = new ArrayList<>();
        try (LocalCache cache = open(data)) {
            for (int i = 0; i < 3; i++) {
                before.add(receive(cache, i));
            }
        }
        // An older copy of the cache file (yesterday's backup, or what H2 recovered after a crash).
        Path older = dir.resolve("older.mv.db");
        Files.copy(CacheOpener.databaseFile(data), older);
        List<String> after = new ArrayList<>();
        List<String> mutations;
        try (LocalCache cache = open(data)) {
            for (int i = 3; i < 8; i++) {
                after.add(receive(cache, i));
            }
            mutations = outbox(cache);
            assertTrue(cache.recovery().clean(), "a cache that held everything says nothing");
        }
        Files.copy(older, CacheOpener.databaseFile(data), StandardCopyOption.REPLACE_EXISTING);
        try (LocalCache cache = CacheOpener.open(data, KEY)) {
            JournalRecovery r = cache.recovery();
            assertTrue(r.olderThanJournal(), r.toString());
            assertEquals(5, r.restored().size(), r.toString());
            assertTrue(r.notRestored().isEmpty(), r.toString());
            assertWhole(cache, before, after, mutations);
            // The counter goes on with new numbers, never one of a receipt already printed.
            String next = receive(cache, 9);
            assertFalse(before.contains(next) || after.contains(next), next);
        }
        try (LocalCache cache = CacheOpener.open(data, KEY)) {
            assertTrue(cache.recovery().clean(), "restored once: " + cache.recovery());
        }
    }

    @Test
    void aPowerCutLosesTheUnsyncedTailOfBothFilesAndNothingAcknowledged() throws Exception {
        Path data = dir.resolve("ws");
        List<String> acknowledged = new ArrayList<>();
        long cacheBytesAtStart;
        try (LocalCache cache = open(data)) {
            acknowledged.add(receive(cache, 0));
            cacheBytesAtStart = Files.size(CacheOpener.databaseFile(data));
            for (int i = 1; i < 6; i++) {
                acknowledged.add(receive(cache, i));
            }
            long synced = cache.journal().size(); // every byte of it was forced when receive returned
            // The power goes while a sixth reception is being written: its journal record is half on disk, the H2 file
            // lost everything it wrote since the first reception (H2 never forced it; the tail of an append-only file).
            Path copy = dir.resolve("after-power-cut");
            copyFolder(data, copy);
            try (FileChannel j = FileChannel.open(copy.resolve(ChangeJournal.FILE), StandardOpenOption.WRITE)) {
                j.truncate(synced);
                j.write(java.nio.ByteBuffer.wrap(new byte[] { 0, 0, 1, 0, 7, 7, 7, 7, '{', '"', 's' }), synced);
            }
            try (FileChannel h2 = FileChannel.open(CacheOpener.databaseFile(copy), StandardOpenOption.WRITE)) {
                h2.truncate(cacheBytesAtStart);
            }
            receive(cache, 6); // not in the copy: never acknowledged there
        }
        Path copy = dir.resolve("after-power-cut");
        LocalCache cache;
        try {
            cache = CacheOpener.open(copy, KEY);
        } catch (CacheException e) {
            // H2 could not recover a cut file: the product sets it aside and opens a fresh one; the journal restores it.
            assertEquals(CacheException.Kind.DAMAGED, e.kind(), e.toString());
            CacheOpener.setAsideDamaged(copy);
            cache = CacheOpener.open(copy, KEY);
        }
        try (LocalCache c = cache) {
            JournalRecovery r = c.recovery();
            assertTrue(r.ignoredBytes() > 0, "the torn record is seen: " + r);
            assertNotNull(r.keptAside());
            assertTrue(Files.exists(r.keptAside()));
            for (String code : acknowledged) {
                assertTrue(c.dossierRepository().findByCode(code).isPresent(), code + " lost: " + r);
                assertTrue(issued(c, code), code + " could be issued again");
            }
            assertEquals(Optional.empty(), c.auditLog().verify());
        }
    }

    @Test
    void aDamagedCacheSetAsideKeepsItsKeyRingAndItsJournalForTheFreshOne() throws Exception {
        Path data = dir.resolve("ws");
        List<String> acknowledged = new ArrayList<>();
        try (LocalCache cache = open(data)) {
            for (int i = 0; i < 3; i++) {
                acknowledged.add(receive(cache, i));
            }
        }
        Files.writeString(data.resolve(CacheKeyRing.FILE), "ring");
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(5).nextBytes(garbage);
        Files.write(CacheOpener.databaseFile(data), garbage);
        CacheException e = org.junit.jupiter.api.Assertions.assertThrows(CacheException.class, () -> CacheOpener.open(data, KEY));
        assertEquals(CacheException.Kind.DAMAGED, e.kind());
        Path aside = CacheOpener.setAsideDamaged(data);
        assertTrue(Files.exists(aside.resolve(CacheOpener.DB_NAME + ".mv.db")));
        assertTrue(Files.exists(data.resolve(CacheKeyRing.FILE)), "the key ring opens the fresh cache");
        assertTrue(Files.exists(data.resolve(ChangeJournal.FILE)), "the journal stays to restore it");
        try (LocalCache fresh = CacheOpener.open(data, KEY)) {
            assertEquals(3, fresh.recovery().restored().size(), fresh.recovery().toString());
            for (String code : acknowledged) {
                assertEquals(1, fresh.documents().list(code).size(), code + " with its scan");
            }
            assertEquals(3, fresh.sync().pendingCount(), "waiting to be sent, as they were");
        }
    }

    @Test
    void aJournalThatIsNotOneIsKeptAsideAndNothingInItIsReplayed() throws Exception {
        Path data = dir.resolve("ws");
        Files.createDirectories(data);
        Files.writeString(data.resolve(ChangeJournal.FILE), "not a journal, but a file someone put here".repeat(3));
        try (LocalCache cache = CacheOpener.open(data, KEY)) {
            JournalRecovery r = cache.recovery();
            assertTrue(r.ignoredBytes() > 0 && r.restored().isEmpty(), r.toString());
            assertTrue(Files.exists(r.keptAside()));
            String code = receive(cache, 1);
            assertTrue(cache.dossierRepository().findByCode(code).isPresent());
        }
        try (LocalCache cache = CacheOpener.open(data, KEY)) {
            assertTrue(cache.recovery().clean(), "appends go on after the cut: " + cache.recovery());
        }
    }

    @Test
    void theJournalKeepsWhatOnlyThisWorkstationKnows() throws Exception {
        Path data = dir.resolve("ws");
        String pendingMutation;
        try (LocalCache cache = open(data)) {
            receive(cache, 1);
            receive(cache, 2);
            pendingMutation = outbox(cache).get(0);
            try (Connection c = cache.connection(); Statement s = c.createStatement()) {
                s.execute("MERGE INTO sync_state (name, state_value) KEY (name) VALUES ('journal.seq', '200')");
            }
        }
        // Three changes of last week: two the server has (no outbox row), one it has not answered yet.
        Instant lastWeek = Instant.now().minus(Duration.ofDays(7));
        ChangeJournal.Opened o = ChangeJournal.open(data, new vn.motcua.sync.api.SyncJson(), KEY);
        try (ChangeJournal j = o.journal()) {
            j.append(List.of(new ChangeJournal.Entry(150, lastWeek, "OLD-1", "ASSIGN", "m-150", "{}", List.of()),
                    new ChangeJournal.Entry(151, lastWeek, "OLD-2", "ASSIGN", "m-151", "{}", List.of()),
                    new ChangeJournal.Entry(152, lastWeek, "OLD-3", "ASSIGN", pendingMutation, "{}", List.of())));
        }
        try (LocalCache cache = CacheOpener.open(data, KEY)) {
            assertTrue(cache.recovery().clean(), cache.recovery().toString());
        }
        ChangeJournal.Opened after = ChangeJournal.open(data, new vn.motcua.sync.api.SyncJson(), KEY);
        after.journal().close();
        assertEquals(List.of("OLD-3"), after.reading().records().stream().map(ChangeJournal.Record::dossierCode).filter(c -> c.startsWith("OLD"))
                .toList(), "last week's changes the server has are gone; the unanswered one stays");
        assertEquals(3, after.reading().records().size(), "today's receptions stay (their numbers)");
        assertEquals(151, after.reading().baseSeq(), "the journal remembers how far it reached");
    }

    private static void assertWhole(LocalCache cache, List<String> before, List<String> after, List<String> mutations) throws Exception {
        for (String code : concat(before, after)) {
            Dossier d = cache.dossierRepository().findByCode(code).orElseThrow(() -> new AssertionError(code + " lost"));
            assertEquals(1, d.events().size(), code);
            assertEquals(1, cache.documents().list(code).size(), code + " with its scan");
            assertTrue(issued(cache, code), code + " could be issued again");
        }
        assertEquals(new HashSet<>(mutations), new HashSet<>(outbox(cache)), "the outbox as it was: same mutation ids, so the server answers duplicates");
        assertEquals(Optional.empty(), cache.auditLog().verify());
    }

    static boolean issued(LocalCache cache, String code) {
        vn.motcua.core.code.DossierCode c = vn.motcua.core.code.DossierCode.parse(code).orElseThrow();
        return cache.numberBlocks().issued("any", c.agencyCode(), c.receptionDate()).contains(c.sequence());
    }

    static List<String> outbox(LocalCache cache) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = cache.connection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT mutation_id FROM sync_outbox")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static List<ChangeJournal.Entry> readJournal(Path folder) throws Exception {
        ChangeJournal.Opened o = ChangeJournal.open(folder, new vn.motcua.sync.api.SyncJson(), KEY);
        try (ChangeJournal j = o.journal()) {
            List<ChangeJournal.Entry> out = new ArrayList<>();
            for (ChangeJournal.Record r : o.reading().records()) {
                out.add(j.entry(r));
            }
            return out;
        }
    }

    private static void copyFolder(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                if (!p.getFileName().toString().equals("motcua.lock")) {
                    Files.copy(p, to.resolve(p.getFileName()));
                }
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }
}
