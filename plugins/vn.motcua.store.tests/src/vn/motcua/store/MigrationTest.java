package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.store.internal.db.Migrations;
import vn.motcua.store.internal.search.SearchTokens;

/** A cache written by the previous version (schema 1, with data) upgrades without losing anything. */
class MigrationTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    @TempDir
    Path dir;

    @Test
    void aVersion1CacheWithDataUpgradesToTheLatestSchema() throws Exception {
        // Exactly what version 1 wrote: its schema and rows, no search tokens.
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(CacheOpener.DB_NAME).toAbsolutePath());
        ds.setUser("motcua");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            Migrations.migrateTo(c, 1);
            assertEquals(1, Migrations.currentVersion(c));
            s.execute("INSERT INTO procedure_def VALUES (1, '1.001193', 1, 'Đăng ký khai sinh', 'Hộ tịch', 'COMMUNE', TIME '15:00:00',"
                    + " 'Luật Hộ tịch 2014', 'UBND cấp xã', 'FULL', TRUE, DATE '2025-07-01', 'dang ky khai sinh')");
            s.execute("INSERT INTO procedure_channel VALUES (1, 'IN_PERSON', 1, 'WORKING_DAYS', 'Trong ngày', 0, '')");
            s.execute("INSERT INTO required_document VALUES (1, 0, '1', 'Tờ khai', 'ORIGINAL', 1, FALSE)");
            for (int i = 1; i <= 3; i++) {
                String code = "000.00.10.H29-261120-000" + i;
                String name = i == 2 ? "Đặng Thị Đào" : "Nguyễn Văn Ánh " + i;
                s.execute("INSERT INTO dossier VALUES (" + i + ", '" + code + "', '000.00.10.H29', '1.001193', 1, '2025', 'IN_PERSON',"
                        + " 'PERSON', '" + name + "', '00109001234" + i + "', DATE '1990-05-17', '091234567" + i + "', '', 'Thôn Đông',"
                        + " NULL, 'RECEIVED', TIMESTAMP WITH TIME ZONE '2026-11-20 09:0" + i + ":00+07:00',"
                        + " TIMESTAMP WITH TIME ZONE '2026-11-20 17:00:00+07:00', NULL, 'v1 search text', 1)");
                s.execute("INSERT INTO received_paper VALUES (" + i + ", 0, '1', 1, 'ORIGINAL', TRUE, FALSE, FALSE)");
                s.execute("INSERT INTO dossier_event(id, dossier_id, seq, action, from_status, to_status, actor, actor_role, workstation, at,"
                        + " reason, form) VALUES (" + i + ", " + i + ", 1, 'RECEIVE', 'DRAFT', 'RECEIVED', 'canbo1', 'CLERK', 'PC-1',"
                        + " TIMESTAMP WITH TIME ZONE '2026-11-20 09:0" + i + ":00+07:00', '', '01')");
            }
            s.execute("UPDATE id_sequence SET next_value = 50");
            s.execute("SHUTDOWN");
        }
        // Version 1 wrote the file in clear: the product encrypts it in place before opening it.
        assertTrue(CacheOpener.isPlaintext(dir));
        assertTrue(containsBytes(CacheOpener.databaseFile(dir), "00109001234"), "the clear v1 file holds the citizen IDs");
        CacheOpener.encryptInPlace(dir, KEY);
        assertFalse(CacheOpener.isPlaintext(dir));
        assertFalse(containsBytes(CacheOpener.databaseFile(dir), "00109001234"), "no citizen ID in clear after encryption");
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            assertEquals(Migrations.latestVersion(), cache.schemaVersion());
            DossierQueries q = cache.dossiers();
            assertEquals(3, q.count(DossierFilter.all()));
            DossierDetails d = q.find("000.00.10.H29-261120-0002").orElseThrow();
            assertEquals("Đặng Thị Đào", d.applicantName());
            assertEquals("Đăng ký khai sinh", d.procedureName());
            assertEquals(1, d.events().size());
            assertEquals(1, cache.dossierRepository().findByCode("000.00.10.H29-261120-0003").orElseThrow().papers().size());
            // The search index was built for the old rows.
            assertEquals(List.of("000.00.10.H29-261120-0002"),
                    q.page(DossierFilter.all().withText("dang dao"), 0, 10).stream().map(DossierRow::code).toList());
            assertEquals(2, q.count(DossierFilter.all().withText("nguyen van a")));
            assertEquals(3, q.count(DossierFilter.all().withText("khai sinh")));
            assertEquals(1, q.count(DossierFilter.all().withText("0912345673")));
            // The backfill wrote what a live write writes: search_text with the procedure name, rows without it.
            try (Connection c = cache.connection()) {
                assertEquals(SearchTokens.indexedOfDossier("000.00.10.H29-261120-0002", "Đặng Thị Đào", "001090012342", "0912345672"),
                        tokensOf(c, 2));
                assertEquals(SearchTokens.searchText(SearchTokens.ofDossier("000.00.10.H29-261120-0002", "Đặng Thị Đào", "001090012342",
                        "0912345672", "1.001193", "Đăng ký khai sinh")), single(c, "SELECT search_text FROM dossier WHERE id = 2"));
            }
            // And the upgraded cache takes new dossiers next to the old ones.
            cache.procedures().find("1.001193", 1).orElseThrow();
            cache.dossierRepository().saveWithoutEvent(Fixtures.received("000.00.10.H29-261121-0004", "1.001193", "Lê Văn Nam",
                    "001080077777", "0911000999", java.time.Instant.parse("2026-11-21T02:00:00Z"), null));
            assertEquals(4, q.count(DossierFilter.all().withText("khai sinh")));
        }
    }

    /**
     * A cache of schema 10 holds a row per word of the procedure name for each dossier. The upgrade to 11 gives the
     * procedures their name words and leaves those rows (deleting them costs minutes on a big cache and changes no
     * result); a dossier written again loses them; searches by procedure name find the same dossiers throughout.
     */
    @Test
    void aVersion10CacheKeepsFindingByProcedureNameAndShedsItsOldRows() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(CacheOpener.DB_NAME).toAbsolutePath());
        ds.setUser("motcua");
        String[] names = { "Nguyễn Văn Ánh", "Đặng Thị Đào", "Trần Sinh Khải" };
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            Migrations.migrateTo(c, 10);
            s.execute("INSERT INTO procedure_def(id, code, version, name, field_name, level, cutoff_time, legal_basis, implementing_agency,"
                    + " online_level, active, effective_date, search_text) VALUES (1, '1.001193', 1, 'Đăng ký khai sinh', 'Hộ tịch', 'COMMUNE',"
                    + " TIME '15:00:00', '', '', 'FULL', TRUE, DATE '2025-07-01', 'dang ky khai sinh')");
            for (int i = 1; i <= 3; i++) {
                // As schema 10 wrote a dossier: every token a row, the same tokens in search_text.
                String code = "000.00.10.H29-261120-000" + i;
                java.util.Set<String> tokens = SearchTokens.ofDossier(code, names[i - 1], "00109001234" + i, "091234567" + i, "1.001193",
                        "Đăng ký khai sinh");
                s.execute("INSERT INTO dossier(id, code, agency_code, procedure_code, procedure_version, rule_pack, channel, applicant_kind,"
                        + " applicant_name, applicant_id_number, applicant_phone, status, received_at, search_text, row_version) VALUES (" + i
                        + ", '" + code + "', '000.00.10.H29', '1.001193', 1, '2025', 'IN_PERSON', 'PERSON', '" + names[i - 1] + "', '00109001234"
                        + i + "', '091234567" + i + "', 'RECEIVED', TIMESTAMP WITH TIME ZONE '2026-11-20 09:0" + i + ":00+07:00', '"
                        + SearchTokens.searchText(tokens) + "', 1)");
                for (String t : tokens) {
                    s.execute("INSERT INTO dossier_search_token(token, dossier_id) VALUES ('" + t + "', " + i + ")");
                }
                s.execute("INSERT INTO dossier_event(id, dossier_id, seq, action, from_status, to_status, actor, actor_role, workstation, at,"
                        + " reason, form) VALUES (" + i + ", " + i + ", 1, 'RECEIVE', 'DRAFT', 'RECEIVED', 'canbo1', 'CLERK', 'PC-1',"
                        + " TIMESTAMP WITH TIME ZONE '2026-11-20 09:0" + i + ":00+07:00', '', '01')");
            }
            s.execute("UPDATE id_sequence SET next_value = 50");
            s.execute("SHUTDOWN");
        }
        CacheOpener.encryptInPlace(dir, KEY);
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            assertEquals(Migrations.latestVersion(), cache.schemaVersion());
            try (Connection c = cache.connection()) {
                assertEquals("5", single(c, "SELECT COUNT(*) FROM procedure_search_token"), "1.001193, dang, ky, khai, sinh");
                assertTrue(tokensOf(c, 1).contains("khai"), "the old rows stay");
            }
            DossierQueries q = cache.dossiers();
            // Code order: the SQL path (the list memory declines it).
            DossierFilter byCode = DossierFilter.all().withSort(DossierFilter.Sort.CODE);
            assertEquals(3, q.count(byCode.withText("khai sinh")));
            assertEquals(List.of("000.00.10.H29-261120-0003"),
                    q.page(byCode.withText("sinh tran"), 0, 10).stream().map(DossierRow::code).toList());
            assertEquals(3, q.count(byCode.withText("dang")), "Đăng ký, and Đặng");
            assertEquals(3, q.count(byCode.withText("1.0011")), "the procedure's code");
            // Written again (as a pull of its newer version does): only the rows a live write makes.
            vn.motcua.core.model.Dossier d = cache.dossierRepository().findByCode("000.00.10.H29-261120-0002").orElseThrow();
            cache.dossierRepository().saveWithoutEvent(d);
            try (Connection c = cache.connection()) {
                assertEquals(SearchTokens.indexedOfDossier("000.00.10.H29-261120-0002", "Đặng Thị Đào", "001090012342", "0912345672"),
                        tokensOf(c, 2));
                assertTrue(tokensOf(c, 2).contains("dang") && !tokensOf(c, 2).contains("ky"), "Đặng's word stays, 'ký' goes");
            }
            assertEquals(3, q.count(byCode.withText("khai sinh")));
            assertEquals(3, q.count(byCode.withText("dang ky")));
            assertEquals(List.of("000.00.10.H29-261120-0002"),
                    q.page(byCode.withText("dao dang"), 0, 10).stream().map(DossierRow::code).toList());
        }
    }

    private static java.util.Set<String> tokensOf(Connection c, long dossierId) throws java.sql.SQLException {
        java.util.Set<String> out = new java.util.HashSet<>();
        try (java.sql.PreparedStatement p = c.prepareStatement("SELECT token FROM dossier_search_token WHERE dossier_id = ?")) {
            p.setLong(1, dossierId);
            try (java.sql.ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    private static String single(Connection c, String sql) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    /** True when the file's bytes contain {@code text} in UTF-8. */
    static boolean containsBytes(Path file, String text) throws java.io.IOException {
        byte[] all = java.nio.file.Files.readAllBytes(file);
        byte[] needle = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + needle.length <= all.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (all[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
