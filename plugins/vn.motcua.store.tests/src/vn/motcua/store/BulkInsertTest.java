package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.DeliveryMethod;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.FeePayment;
import vn.motcua.core.model.Satisfaction;

/**
 * The JDBC batch path of bulk loads ({@code insertAll}, new dossiers of a pulled page) stores exactly the rows the
 * entity path stores, and both paths can follow each other in one cache without their ids colliding.
 */
class BulkInsertTest {
    private static final CacheKey KEY = CacheKey.generate();
    private static final Instant RECEIVED = Instant.parse("2026-11-20T02:00:00Z");

    @TempDir
    Path dir;

    /** A dossier with every part the tables hold: papers, several events, a fee, a delivery with a rating. */
    private static Dossier full(String code) {
        Dossier d = Fixtures.received(code, "1.001193", "Nguyễn Thị Ánh Tuyết", "001190012345", "0912 345 678", RECEIVED,
                Instant.parse("2026-11-25T02:00:00Z"));
        d = Fixtures.moved(d, DossierAction.ASSIGN, DossierStatus.IN_PROCESS, "cv1");
        DossierEvent pay = Fixtures.next(d, DossierAction.CONFIRM_PAYMENT, DossierStatus.IN_PROCESS, null);
        d = d.record(pay, Dossier.Changes.NONE.withPayment(new FeePayment("Lệ phí hộ tịch", 8_000, RECEIVED.plusSeconds(7200), "BL-7", false)));
        d = Fixtures.moved(d, DossierAction.MARK_RESULT_READY, DossierStatus.RESULT_READY, null);
        DossierEvent deliver = Fixtures.next(d, DossierAction.DELIVER_RESULT, DossierStatus.DELIVERED, null);
        return d.record(deliver, Dossier.Changes.NONE.withDelivery(new Delivery(DeliveryMethod.AT_COUNTER, "", RECEIVED.plusSeconds(90_000),
                "Nguyễn Thị Ánh Tuyết", Satisfaction.SATISFIED)));
    }

    @Test
    void batchRowsEqualEntityRows() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
            Dossier byEntities = full("000.00.10.H29-261120-0001");
            Dossier byBatch = full("000.00.10.H29-261120-0002");
            cache.dossierRepository().saveWithoutEvent(byEntities);
            cache.dossierRepository().insertAll(List.of(byBatch));

            assertEquals(byBatch, cache.dossierRepository().findByCode(byBatch.code()).orElseThrow(), "read back whole");
            try (Connection c = cache.connection()) {
                long a = id(c, byEntities.code());
                long b = id(c, byBatch.code());
                for (String table : List.of("dossier", "dossier_event", "received_paper", "fee_payment", "dossier_search_token")) {
                    String key = table.equals("dossier") ? "id" : "dossier_id";
                    List<Map<String, Object>> ra = rows(c, table, key, a);
                    List<Map<String, Object>> rb = rows(c, table, key, b);
                    assertEquals(ra.size(), rb.size(), table + " rows");
                    assertTrue(!ra.isEmpty(), table + " has rows");
                    if (!table.equals("dossier_search_token")) {
                        assertEquals(ra, rb, table);
                    }
                }
                // The tokens differ only by the dossier code's.
                TreeSet<String> ta = tokens(c, a);
                TreeSet<String> tb = tokens(c, b);
                ta.removeIf(t -> t.contains("0001"));
                tb.removeIf(t -> t.contains("0002"));
                assertEquals(ta, tb);
            }
            DossierFilter byName = DossierFilter.all().withText("anh tuyet");
            assertEquals(2, cache.dossiers().count(byName), "both found by the search index");
        }
    }

    @Test
    void entityAndBatchWritesShareTheIdSequences() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
            List<Dossier> batch = new ArrayList<>();
            int n = 0;
            for (int round = 0; round < 3; round++) {
                // Entities take ids in blocks of 50 kept in memory; the batch reserves past them.
                cache.dossierRepository().saveWithoutEvent(full(String.format("000.00.10.H29-261120-%04d", ++n)));
                batch.clear();
                for (int i = 0; i < 120; i++) {
                    batch.add(full(String.format("000.00.10.H29-261120-%04d", ++n)));
                }
                cache.dossierRepository().insertAll(batch);
            }
            // A change on a dossier the batch wrote: its events appended through the entities.
            Dossier d = cache.dossierRepository().findByCode("000.00.10.H29-261120-0005").orElseThrow();
            DossierEvent note = Fixtures.next(d, DossierAction.ASSIGN, DossierStatus.DELIVERED, null);
            cache.dossierRepository().save(d.record(note, Dossier.Changes.NONE), note);
            assertEquals(6, cache.dossierRepository().findByCode(d.code()).orElseThrow().events().size());
            try (Connection c = cache.connection(); Statement s = c.createStatement()) {
                assertEquals(n, single(s, "SELECT COUNT(DISTINCT id) FROM dossier"));
                assertEquals(n * 5L + 1, single(s, "SELECT COUNT(DISTINCT id) FROM dossier_event"));
            }
            assertTrue(cache.auditLog().verify().isEmpty(), "one audit row per dossier, chain intact");
        }
    }

    @Test
    void aFailedBatchLeavesNothing() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
            cache.dossierRepository().insertAll(List.of(full("000.00.10.H29-261120-0001")));
            // The second dossier repeats a stored code: the unique index refuses it, after the first went in.
            List<Dossier> batch = List.of(full("000.00.10.H29-261120-0002"), full("000.00.10.H29-261120-0001"));
            assertThrows(RuntimeException.class, () -> cache.dossierRepository().insertAll(batch));
            try (Connection c = cache.connection(); Statement s = c.createStatement()) {
                assertEquals(1, single(s, "SELECT COUNT(*) FROM dossier"));
                assertEquals(5, single(s, "SELECT COUNT(*) FROM dossier_event"));
            }
            assertEquals(1, cache.auditLog().size());
        }
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long id(Connection c, String code) throws Exception {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM dossier WHERE code = ?")) {
            p.setString(1, code);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** Rows of {@code table} belonging to one dossier, without ids and codes, in a stable order. */
    private static List<Map<String, Object>> rows(Connection c, String table, String key, long id) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM " + table + " WHERE " + key + " = ?")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                ResultSetMetaData m = r.getMetaData();
                while (r.next()) {
                    Map<String, Object> row = new TreeMap<>();
                    for (int i = 1; i <= m.getColumnCount(); i++) {
                        String column = m.getColumnName(i).toLowerCase();
                        if (!List.of("id", "dossier_id", "code", "search_text").contains(column)) {
                            Object v = r.getObject(i);
                            row.put(column, v instanceof LocalDate date ? date.toString() : v);
                        }
                    }
                    out.add(row);
                }
            }
        }
        out.sort((x, y) -> x.toString().compareTo(y.toString()));
        return out;
    }

    private static TreeSet<String> tokens(Connection c, long id) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        try (PreparedStatement p = c.prepareStatement("SELECT token FROM dossier_search_token WHERE dossier_id = ?")) {
            p.setLong(1, id);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }
}
