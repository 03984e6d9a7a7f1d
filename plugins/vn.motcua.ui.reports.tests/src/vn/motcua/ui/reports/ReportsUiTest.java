package vn.motcua.ui.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.ui.testing.Workbench;

/**
 * A head reads the reports of the demo commune: this year's report made in the background, the national form by
 * field with its total, the 766 indicators with the dossiers pulling one down, charts; a bad date named; the report
 * exported to Excel (every cell of the screen's table read back with POI) and printed to PDF. A clerk has no reports.
 */
class ReportsUiTest {
    @TempDir
    Path dir;

    @Test
    void aHeadMakesReadsAndExportsTheYearsReport() throws Exception {
        Workbench wb = Workbench.launchAs("demo", Files.createDirectories(dir.resolve("desk")));
        try {
            wb.awaitWindow();
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), wb.partIconProblems(), "every screen has a 16 px icon and its @2x twin");
            wb.showPart("vn.motcua.ui.reports.part");
            Combo period = wb.find("reports.period", Combo.class);
            Label status = wb.find("reports.status", Label.class);
            Label summary = wb.find("reports.summary", Label.class);
            Text from = wb.find("reports.from", Text.class);
            Button run = wb.find("reports.run", Button.class);
            // A bad date is named, and nothing is computed from it.
            wb.run(() -> {
                period.select(6);
                from.setText("31/02/2026");
                run.notifyListeners(SWT.Selection, new Event());
            });
            wb.waitUntil("the bad date named", () -> wb.call(status::getText).equals(
                    "Ngày không hợp lệ ở ô \"Từ ngày\": \"31/02/2026\" — nhập theo dạng dd/MM/yyyy, ví dụ 01/11/2026."), Duration.ofSeconds(5));
            // A preset fills the dates and stays chosen.
            wb.run(() -> {
                period.select(4);
                period.notifyListeners(SWT.Selection, new Event());
            });
            assertEquals("Năm nay", wb.call(period::getText));
            assertEquals("01/01/" + java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).getYear(), wb.call(from::getText));
            // The last twelve months, typed: the demo data spreads its dossiers over the last months (any day of the year).
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
            java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");
            Text to = wb.find("reports.to", Text.class);
            wb.run(() -> {
                from.setFocus();
                from.setText(today.minusYears(1).plusDays(1).format(day));
                to.setText(today.format(day));
                run.notifyListeners(SWT.Selection, new Event());
            });
            wb.waitUntil("the report made", () -> wb.call(status::getText).startsWith("Báo cáo "), Duration.ofSeconds(60));
            assertEquals("Tùy chọn", wb.call(period::getText), "typed dates make the period custom");
            String line = wb.call(summary::getText);
            assertTrue(line.startsWith("Tổng số ") && line.contains("Điểm 766 ước tính:"), line);
            Table byField = wb.find("reports.byField", Table.class);
            int rows = wb.call(byField::getItemCount);
            assertTrue(rows >= 2, "fields and a total row: " + rows);
            List<String> fields = wb.rowTexts(byField, 0, rows);
            assertEquals("Tổng cộng", fields.get(rows - 1));
            List<String> totals = wb.rowTexts(byField, 1, rows);
            long sum = 0;
            for (int i = 0; i < rows - 1; i++) {
                sum += Long.parseLong(totals.get(i).replace(".", ""));
            }
            assertEquals(sum, Long.parseLong(totals.get(rows - 1).replace(".", "")), "the total row adds up");
            assertTrue(line.startsWith("Tổng số " + totals.get(rows - 1) + " hồ sơ"), line);
            wb.screenshot("reports-summary");

            // The 766 tab: pick the on-time indicator, see who pulls it down.
            CTabFolder tabs = wb.find("reports.tabs", CTabFolder.class);
            wb.run(() -> tabs.setSelection(1));
            Table index = wb.find("reports.index", Table.class);
            assertEquals("Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", wb.rowTexts(index, 1, 1).get(0));
            wb.selectRow(index, 0);
            Label culpritsTitle = wb.find("reports.culprits.title", Label.class);
            wb.waitUntil("the culprits listed", () -> wb.call(culpritsTitle::getText).startsWith("Chỉ số 2.1"), Duration.ofSeconds(5));
            Table culprits = wb.find("reports.culprits", Table.class);
            int n = wb.call(culprits::getItemCount);
            assertTrue(wb.call(culpritsTitle::getText).endsWith(n + " hồ sơ/thủ tục làm giảm điểm"), wb.call(culpritsTitle::getText));
            wb.screenshot("reports-766");

            // Export and print what is shown.
            ReportsPart part = wb.call(() -> (ReportsPart) run.getData(ReportsPart.PART_KEY));
            Path xlsx = dir.resolve("bao-cao.xlsx");
            Job excel = wb.call(() -> part.exportExcel(xlsx));
            excel.join();
            wb.waitUntil("the Excel export reported", () -> wb.call(status::getText).startsWith("Đã lưu báo cáo vào"), Duration.ofSeconds(10));
            try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(xlsx))) {
                Sheet sheet = book.getSheetAt(1);
                assertTrue(sheet.getSheetName().startsWith("1. Tình hình giải quyết"), "a sheet per table, named by its caption: " + sheet.getSheetName());
                DataFormatter f = new DataFormatter();
                for (int i = 0; i < rows; i++) {
                    Row r = sheet.getRow(i + 2);
                    assertEquals(fields.get(i), r.getCell(0).getStringCellValue(), "field, row " + i);
                    assertEquals(Long.parseLong(totals.get(i).replace(".", "")), (long) r.getCell(1).getNumericCellValue(), "total, row " + i);
                }
                assertFalse(f.formatCellValue(book.getSheetAt(0).getRow(3).getCell(0)).isBlank(), "the cover sheet's note");
            }
            Path pdf = dir.resolve("bao-cao.pdf");
            Job print = wb.call(() -> part.exportPdf(pdf));
            print.join();
            wb.waitUntil("the PDF reported", () -> wb.call(status::getText).contains("bao-cao.pdf"), Duration.ofSeconds(10));
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                String text = new PDFTextStripper().getText(doc);
                assertTrue(text.contains("BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"), text);
                assertTrue(text.contains("7. Chỉ số phục vụ theo Quyết định 766/QĐ-TTg"));
                assertTrue(text.contains("Lê Thị Mai"), "the author signs the report");
            }
        } finally {
            wb.close();
        }
    }

    @Test
    void aClerkHasNoReports() throws Exception {
        Workbench wb = Workbench.launchAs("canbo.motcua", Files.createDirectories(dir.resolve("clerk")));
        try {
            wb.awaitWindow();
            String state = wb.call(() -> {
                var w = (org.eclipse.e4.ui.model.application.ui.basic.MWindow) wb.mainShell().orElseThrow().getData("modelElement");
                var part = w.getContext().get(org.eclipse.e4.ui.workbench.modeling.EPartService.class).findPart("vn.motcua.ui.reports.part");
                return part == null ? "missing from the model" : part.isToBeRendered() ? "shown" : "hidden";
            });
            assertEquals("hidden", state, "reports are for heads and admins");
        } finally {
            wb.close();
        }
    }
}
