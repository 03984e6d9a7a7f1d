package vn.motcua.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.i18n.Localizer;
import vn.motcua.reports.IndexRules;
import vn.motcua.reports.Report;
import vn.motcua.reports.ReportPeriod;
import vn.motcua.reports.ReportTable;
import vn.motcua.reports.Reports;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.training.DemoData;

/**
 * A report of the demo commune to .xlsx: a sheet per table with figures as numbers, read back with POI, and opened by
 * LibreOffice (its CSV of the first table equals the report's rows).
 */
class ReportWorkbookTest {
    @TempDir
    Path dir;

    @Test
    void aReportExportsAsNumbersAndOpensInLibreOffice() throws Exception {
        Instant now = Instant.parse("2026-11-23T03:00:00Z");
        Path xlsx = dir.resolve("bao-cao.xlsx");
        Report report;
        try (LocalCache cache = CacheOpener.open(dir.resolve("data"), CacheKey.generate())) {
            DemoData.seed(cache, DemoData.DEFAULT_SEED, 300, now);
            report = new Reports(new vn.motcua.store.ReportFacts(cache), IndexRules.shipped()).compute(ReportPeriod.month(YearMonth.of(2026, 11)), null, now, Localizer.VIETNAMESE);
            ReportWorkbook.write(report, "UBND xã Hợp Thịnh", xlsx);
        }
        List<ReportTable> tables = report.tables();
        ReportTable byField = tables.get(0);
        assertTrue(byField.rows().size() > 2, "the demo month has dossiers in several fields");
        try (InputStream in = Files.newInputStream(xlsx); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertEquals(tables.size() + 1, book.getNumberOfSheets(), "a cover sheet and a sheet per table");
            assertEquals("UBND xã Hợp Thịnh", book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue());
            for (int t = 0; t < tables.size(); t++) {
                Sheet s = book.getSheetAt(t + 1);
                ReportTable table = tables.get(t);
                assertEquals(table.caption(), s.getRow(0).getCell(0).getStringCellValue());
                assertEquals(table.header().get(0), s.getRow(1).getCell(0).getStringCellValue());
                assertEquals(table.rows().size() + 1, s.getLastRowNum(), table.caption());
                for (int r = 0; r < table.rows().size(); r++) {
                    Row row = s.getRow(r + 2);
                    for (int c = 0; c < table.rows().get(r).size(); c++) {
                        Object v = table.rows().get(r).get(c);
                        if (v instanceof Number n) {
                            assertEquals(CellType.NUMERIC, row.getCell(c).getCellType(), table.id() + " " + r + "," + c);
                            assertEquals(n.doubleValue(), row.getCell(c).getNumericCellValue(), 1e-9);
                        } else {
                            assertEquals(String.valueOf(v), row.getCell(c).getStringCellValue());
                        }
                    }
                }
            }
        }
        // LibreOffice opens it: the CSV of the second sheet (the table by field) holds the same figures.
        Path out = Files.createDirectories(dir.resolve("lo"));
        Process p = new ProcessBuilder("soffice", "-env:UserInstallation=" + dir.resolve("lo-profile").toUri(), "--headless", "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2", "--outdir", out.toString(), xlsx.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("soffice.log").toFile()).start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "soffice did not finish");
        assertEquals(0, p.exitValue(), () -> read(dir.resolve("soffice.log")));
        Path csvFile;
        try (var files = Files.list(out)) {
            csvFile = files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElseThrow(() -> new AssertionError(read(dir.resolve("soffice.log"))));
        }
        List<List<String>> csv = LibreOfficeTest.parseCsv(Files.readString(csvFile, StandardCharsets.UTF_8));
        assertEquals(byField.caption(), csv.get(0).get(0));
        for (int r = 0; r < byField.rows().size(); r++) {
            List<Object> expected = byField.rows().get(r);
            List<String> got = csv.get(r + 2);
            List<String> want = new ArrayList<>();
            for (Object v : expected) {
                want.add(v instanceof Number n ? Long.toString(n.longValue()) : String.valueOf(v));
            }
            assertEquals(want, got.subList(0, want.size()), "row " + r);
        }
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
