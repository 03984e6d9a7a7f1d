package vn.motcua.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.OnlineLevel;
import vn.motcua.core.model.Procedure;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;

/** Imports real-shaped workbooks into a real H2 cache. */
class CatalogueImportTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    static final LocalDate DAY = LocalDate.of(2026, 1, 5);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = { false, true })
    void decisionAppendixImportsWithSectionsTwoRowHeaderAndRecoveredCode(boolean xls) throws Exception {
        Path file = Workbooks.save(Workbooks.decision(xls), dir.resolve(xls ? "qd.xls" : "qd.xlsx"));
        ParsedCatalogue parsed = new CatalogueImporter(null).read(file);

        assertFalse(parsed.hasErrors(), () -> parsed.problems().toString());
        assertEquals(5, parsed.entries().size());
        Procedure birth = parsed.entries().get(0).procedure();
        assertEquals("1.001193", birth.code());
        assertEquals("Hộ tịch", birth.fieldName());
        assertEquals(Level.COMMUNE, birth.level());
        assertTrue(birth.processingTimes().get(Channel.IN_PERSON).isSameDay());
        assertTrue(birth.processingTimes().get(Channel.ONLINE).isSameDay());
        assertEquals(0L, birth.fees().get(Channel.IN_PERSON).amountVnd());
        assertEquals(java.time.LocalTime.of(15, 0), birth.cutOffTime(), "the cut-off the time text states");
        assertEquals(List.of("Luật Hộ tịch năm 2014", "Nghị định số 123/2015/NĐ-CP"), birth.legalBasis());
        assertEquals(OnlineLevel.FULL, birth.onlineLevel());

        Procedure marriage = parsed.entries().get(1).procedure();
        assertEquals("Thủ tục đăng ký kết hôn", marriage.name(), "NFD text is stored NFC");
        assertEquals(OnlineLevel.PARTIAL, marriage.onlineLevel());

        Procedure copy = parsed.entries().get(2).procedure();
        assertEquals("2.000150", copy.code());
        assertEquals("UBND cấp xã", copy.implementingAgency());
        assertEquals(DurationUnit.WORKING_HOURS, copy.processingTimes().get(Channel.ONLINE).unit());
        assertEquals(new BigDecimal("1"), copy.processingTimes().get(Channel.IN_PERSON).amount());
        assertEquals(4_000L, copy.fees().get(Channel.ONLINE).amountVnd());
        Problem recovered = parsed.problems().stream().filter(p -> p.key().equals("row.CODE_RECOVERED")).findFirst().orElseThrow();
        assertEquals(11, recovered.row());
        assertEquals("B", recovered.columnLetter());
        assertTrue(recovered.message(null).contains("dòng 12, cột B"), recovered.message(null));
        assertTrue(recovered.message(Locale.ENGLISH).contains("row 12, column B"));

        Procedure certification = parsed.entries().get(3).procedure();
        assertEquals("Chứng thực", certification.fieldName());
        assertFalse(certification.processingTimes().containsKey(Channel.ONLINE), "\"Không áp dụng\" online: not offered online");
        assertFalse(certification.fees().containsKey(Channel.ONLINE));
        assertTrue(certification.processingTimes().containsKey(Channel.IN_PERSON));
        assertTrue(parsed.problems().stream().noneMatch(p -> p.row() == 14), () -> "no warning for it: " + parsed.problems());
        Procedure land = parsed.entries().get(4).procedure();
        assertEquals(Level.PROVINCE, land.level());
        assertEquals("Đất đai", land.fieldName());
        assertEquals("1.012753.H19", land.code());
        assertFalse(land.processingTimes().get(Channel.IN_PERSON).hasDueDate());
    }

    @Test
    void commitIsIdempotentAndChangesMakeNewVersions() throws Exception {
        Path file = Workbooks.save(Workbooks.decision(false), dir.resolve("qd.xlsx"));
        CatalogueImporter importer = new CatalogueImporter(null);
        try (LocalCache cache = CacheOpener.open(dir.resolve("data"), KEY)) {
            ImportPreview first = importer.preview(importer.read(file), cache.procedures());
            assertEquals(5, first.count(ImportPreview.Kind.NEW));
            assertEquals(5, CatalogueImporter.commit(first, CatalogueImporter.MissingPolicy.KEEP, cache.procedures(), DAY));
            assertEquals(5, cache.procedures().count());

            ImportPreview again = importer.preview(importer.read(file), cache.procedures());
            assertEquals(5, again.count(ImportPreview.Kind.UNCHANGED), () -> again.changes().toString());
            assertEquals(0, CatalogueImporter.commit(again, CatalogueImporter.MissingPolicy.MARK_INACTIVE, cache.procedures(), DAY));
            assertEquals(5, cache.procedures().count());

            // A new list: one name changed, one procedure dropped.
            Workbook wb = Workbooks.decision(false);
            wb.getSheetAt(0).getRow(9).getCell(2).setCellValue("Thủ tục đăng ký khai sinh (sửa đổi)");
            wb.getSheetAt(0).removeRow(wb.getSheetAt(0).getRow(14));
            Path changed = Workbooks.save(wb, dir.resolve("qd2.xlsx"));
            ImportPreview p = importer.preview(importer.read(changed), cache.procedures());
            assertEquals(1, p.count(ImportPreview.Kind.CHANGED));
            assertEquals(1, p.count(ImportPreview.Kind.NOT_IN_FILE));
            ImportPreview.Change c = p.changes().stream().filter(x -> x.kind() == ImportPreview.Kind.CHANGED).findFirst().orElseThrow();
            assertEquals("name", c.diffs().get(0).field());
            assertEquals("Thủ tục đăng ký khai sinh", c.diffs().get(0).before());
            assertEquals(2, CatalogueImporter.commit(p, CatalogueImporter.MissingPolicy.MARK_INACTIVE, cache.procedures(), DAY));
            assertEquals(2, cache.procedures().find("1.001193", 2).orElseThrow().version());
            assertFalse(cache.procedures().find("2.000815", 2).orElseThrow().active());
            assertEquals(4, cache.procedures().activeCatalogue().size());
        }
    }

    @Test
    void errorsBlockTheCommitAndNameBothDuplicateRows() throws Exception {
        Workbook wb = Workbooks.decision(false);
        Workbooks.row(wb.getSheetAt(0), 18, "6", "1.001193", "Bản sao", "Trong ngày");
        Workbooks.row(wb.getSheetAt(0), 19, "7", "abc", "Mã sai", "Trong ngày");
        Path file = Workbooks.save(wb, dir.resolve("dup.xlsx"));
        try (LocalCache cache = CacheOpener.open(dir.resolve("data"), KEY)) {
            CatalogueImporter importer = new CatalogueImporter(null);
            ImportPreview p = importer.preview(importer.read(file), cache.procedures());
            Problem dup = p.parsed().problems().stream().filter(x -> x.key().equals("row.DUPLICATE_CODE")).findFirst().orElseThrow();
            assertEquals(18, dup.row());
            assertTrue(dup.message(null).contains("dòng 19") && dup.message(null).contains("dòng 10"), dup.message(null));
            assertTrue(p.parsed().problems().stream().anyMatch(x -> x.key().equals("row.BAD_CODE") && x.row() == 19));
            ExcelImportException e = assertThrows(ExcelImportException.class,
                    () -> CatalogueImporter.commit(p, CatalogueImporter.MissingPolicy.KEEP, cache.procedures(), DAY));
            assertEquals("import.HAS_ERRORS", e.key());
            assertEquals(0, cache.procedures().count());
        }
    }

    @Test
    void correctedMappingIsRememberedForTheSameHeaderShape() throws Exception {
        Path file = Workbooks.save(Workbooks.decision(false), dir.resolve("qd.xlsx"));
        MappingMemory memory = new MappingMemory(dir.resolve("user"));
        CatalogueImporter importer = new CatalogueImporter(memory);
        ParsedCatalogue auto = importer.read(file);
        int agencyCol = auto.mapping().columnOf(ColumnKind.AGENCY);
        // The user says the agency column is only a note.
        ColumnMapping corrected = auto.mapping().with(agencyCol, ColumnKind.IGNORED);
        ParsedCatalogue withCorrection = importer.read(file, corrected, () -> false, n -> {
        });
        assertEquals("", withCorrection.entries().get(0).procedure().implementingAgency());
        // Next time, a fresh importer over the same folder recalls it.
        ParsedCatalogue recalled = new CatalogueImporter(new MappingMemory(dir.resolve("user"))).read(file);
        assertEquals(ColumnKind.IGNORED, recalled.mapping().columns().get(agencyCol));
        assertEquals("", recalled.entries().get(0).procedure().implementingAgency());
    }
}
