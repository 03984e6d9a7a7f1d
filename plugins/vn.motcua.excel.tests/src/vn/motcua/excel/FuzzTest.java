package vn.motcua.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Procedure;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;

/**
 * Mutates valid workbooks (bytes and cells, fixed seeds so failures replay) and imports them into a real
 * cache: the importer may only ever throw its own {@link ExcelImportException}; a file with errors must
 * leave the store exactly as it was.
 */
class FuzzTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    private static final String[] NASTY = { "", " ", "#REF!", "2,00015", "1.0", "-5 ngày", "\u0000", "A. CẤP XÃ", "I. ", "(1)",
            "Trực tuyến:", "99999999999999999999 đồng", "ngày làm việc", "0,000001 tháng", "1.001193", "\uD83D\uDE00", "=1/0" };

    @TempDir
    Path dir;

    @Test
    void mutatedWorkbooksOnlyEverFailCleanlyAndNeverHalfWrite() throws Exception {
        byte[] xlsx = Files.readAllBytes(Workbooks.save(Workbooks.decision(false), dir.resolve("base.xlsx")));
        byte[] xls = Files.readAllBytes(Workbooks.save(Workbooks.decision(true), dir.resolve("base.xls")));
        CatalogueImporter importer = new CatalogueImporter(null);
        try (LocalCache cache = CacheOpener.open(dir.resolve("data"), KEY)) {
            // Start from a stored catalogue so "unchanged" is something to check.
            CatalogueImporter.commit(importer.preview(importer.read(dir.resolve("base.xlsx")), cache.procedures()),
                    CatalogueImporter.MissingPolicy.KEEP, cache.procedures(), LocalDate.of(2026, 1, 5));
            List<Procedure> before = cache.procedures().latestVersions();
            Random rnd = new Random(20261123);
            int clean = 0;
            int refused = 0;
            int withErrors = 0;
            for (int i = 0; i < 160; i++) {
                Path f = dir.resolve("m" + i + (i % 2 == 0 ? ".xlsx" : ".xls"));
                if (i % 4 < 2) {
                    byte[] b = (i % 2 == 0 ? xlsx : xls).clone();
                    int flips = 1 + rnd.nextInt(8);
                    for (int k = 0; k < flips; k++) {
                        b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                    }
                    if (rnd.nextInt(5) == 0) {
                        b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
                    }
                    Files.write(f, b);
                } else {
                    Workbook wb = Workbooks.decision(i % 2 == 1);
                    Sheet s = wb.getSheetAt(0);
                    for (int k = 0; k < 1 + rnd.nextInt(6); k++) {
                        Row r = s.getRow(rnd.nextInt(18));
                        if (r == null) {
                            r = s.createRow(rnd.nextInt(18));
                        }
                        Cell c = r.createCell(rnd.nextInt(11));
                        if (rnd.nextBoolean()) {
                            c.setCellValue(NASTY[rnd.nextInt(NASTY.length)]);
                        } else {
                            c.setCellValue(rnd.nextDouble() * Math.pow(10, rnd.nextInt(12)));
                        }
                    }
                    Workbooks.save(wb, f);
                }
                try {
                    ImportPreview p = importer.preview(importer.read(f), cache.procedures());
                    if (p.canCommit()) {
                        clean++;
                        continue; // a readable file is a legitimate import; not committed so the baseline stays
                    }
                    withErrors++;
                    try {
                        CatalogueImporter.commit(p, CatalogueImporter.MissingPolicy.MARK_INACTIVE, cache.procedures(), LocalDate.of(2026, 2, 1));
                        fail("a preview with errors was committed: " + f);
                    } catch (ExcelImportException expected) {
                        assertEquals("import.HAS_ERRORS", expected.key());
                    }
                } catch (ExcelImportException e) {
                    refused++;
                    if (e.message(null).startsWith("!")) {
                        fail("no message for " + e.key());
                    }
                } catch (RuntimeException e) {
                    throw new AssertionError("mutant " + f.getFileName() + " escaped as " + e, e);
                }
                assertEquals(before, cache.procedures().latestVersions(), "store changed after " + f.getFileName());
            }
            System.out.printf("fuzz: %d clean, %d with row errors, %d refused%n", clean, withErrors, refused);
            assertEquals(160, clean + withErrors + refused);
        }
    }
}
