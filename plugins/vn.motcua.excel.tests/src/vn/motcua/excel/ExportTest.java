package vn.motcua.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Procedure;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.DossierRow;
import vn.motcua.store.LocalCache;
import vn.motcua.training.DemoData;

class ExportTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    Path dir;

    @Test
    void catalogueRoundTripsThroughTheRealStoreUnchanged() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir.resolve("a"), KEY)) {
            DemoData.seed(cache, DemoData.DEFAULT_SEED, 0, Instant.parse("2026-01-05T02:00:00Z"));
            List<Procedure> demo = cache.procedures().latestVersions();
            assertTrue(demo.size() >= 5);
            Path out = dir.resolve("danh-muc.xlsx");
            CatalogueExporter.write(cache.procedures().activeCatalogue(), out);

            CatalogueImporter importer = new CatalogueImporter(null);
            ImportPreview p = importer.preview(importer.read(out), cache.procedures());
            assertFalse(p.parsed().hasErrors(), () -> p.parsed().problems().toString());
            assertEquals(demo.size(), p.count(ImportPreview.Kind.UNCHANGED),
                    () -> p.changes().stream().filter(c -> !c.diffs().isEmpty()).map(c -> c.code() + c.diffs()).toList().toString());
            assertEquals(0, CatalogueImporter.commit(p, CatalogueImporter.MissingPolicy.MARK_INACTIVE, cache.procedures(), LocalDate.now()));
            assertEquals(demo, cache.procedures().latestVersions());

            // Into an empty cache: the same catalogue fields come back.
            try (LocalCache fresh = CacheOpener.open(dir.resolve("b"), KEY)) {
                ImportPreview q = importer.preview(importer.read(out), fresh.procedures());
                CatalogueImporter.commit(q, CatalogueImporter.MissingPolicy.KEEP, fresh.procedures(), LocalDate.of(2026, 1, 5));
                List<Procedure> back = fresh.procedures().latestVersions();
                assertEquals(demo.size(), back.size());
                for (int i = 0; i < demo.size(); i++) {
                    assertEquals(List.of(), CatalogueImporter.diff(demo.get(i), back.get(i)), demo.get(i).code());
                }
            }

            try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out))) {
                XSSFSheet s = wb.getSheetAt(0);
                assertNotNull(s.getPaneInformation());
                assertTrue(s.getPaneInformation().isFreezePane());
                assertEquals(1, s.getPaneInformation().getHorizontalSplitPosition());
                assertTrue(s.getCTWorksheet().isSetAutoFilter());
                assertTrue(s.getRow(0).getCell(0).getCellStyle().getFont() != null
                        && wb.getFontAt(s.getRow(0).getCell(0).getCellStyle().getFontIndex()).getBold());
                Cell code = s.getRow(1).getCell(1);
                assertEquals(CellType.STRING, code.getCellType());
                assertEquals("@", code.getCellStyle().getDataFormatString());
                assertTrue(s.getRow(1).getCell(2).getCellStyle().getWrapText());
                assertEquals(50 * 256, s.getColumnWidth(2));
            }
        }
    }

    @Test
    void dossierListStreamsAFilteredResult() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir.resolve("a"), KEY)) {
            DemoData.seed(cache, DemoData.DEFAULT_SEED, 360, Instant.parse("2026-01-05T02:00:00Z"));
            DossierFilter all = DossierFilter.all();
            Path out = dir.resolve("ho-so.xlsx");
            long[] progress = { 0 };
            long n = DossierListExporter.write(cache.dossiers(), all, out, null, VN, () -> false, k -> progress[0] = k);
            assertEquals(cache.dossiers().count(all), n);
            assertEquals(n, progress[0]);
            List<DossierRow> first = cache.dossiers().page(all, 0, 3);
            try (XSSFWorkbook wb = new XSSFWorkbook(Files.newInputStream(out))) {
                Sheet s = wb.getSheetAt(0);
                assertEquals("Hồ sơ", s.getSheetName());
                assertEquals("Mã hồ sơ", s.getRow(0).getCell(0).getStringCellValue());
                assertEquals(n, s.getLastRowNum());
                assertEquals(first.get(0).code(), s.getRow(1).getCell(0).getStringCellValue());
                assertEquals(first.get(2).code(), s.getRow(3).getCell(0).getStringCellValue());
                Cell received = s.getRow(1).getCell(5);
                assertEquals(first.get(0).receivedAt().atZone(VN).toLocalDateTime().withNano(0),
                        received.getLocalDateTimeCellValue().withNano(0));
                assertEquals("dd/mm/yyyy hh:mm", received.getCellStyle().getDataFormatString());
            }
            // A narrower filter exports only its rows.
            String procedure = first.get(0).procedureCode();
            DossierFilter one = all.withProcedureCode(procedure);
            long m = DossierListExporter.write(cache.dossiers(), one, dir.resolve("mot.xlsx"), java.util.Locale.ENGLISH, VN, () -> false, k -> {
            });
            assertEquals(cache.dossiers().count(one), m);
            assertTrue(m < n);
            Path cancelled = dir.resolve("huy.xlsx");
            assertEquals("export.CANCELLED", assertThrows(ExcelImportException.class,
                    () -> DossierListExporter.write(cache.dossiers(), all, cancelled, null, VN, () -> true, k -> {
                    })).key());
            assertFalse(Files.exists(cancelled));
        }
    }
}
