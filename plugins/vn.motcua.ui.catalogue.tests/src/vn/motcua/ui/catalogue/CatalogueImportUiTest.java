package vn.motcua.ui.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.motcua.ui.testing.Workbench;

/** The Excel import from the catalogue screen, in the real workbench over the demo cache. */
class CatalogueImportUiTest {
    static Workbench wb;

    @BeforeAll
    static void start() throws Exception {
        wb = Workbench.start();
        wb.showPart("vn.motcua.ui.catalogue.part.catalogue");
    }

    @AfterAll
    static void stop() throws Exception {
        if (wb != null) {
            wb.close();
        }
    }

    @Test
    void previewShowsChangesAndErrorsThenACleanFileCommits() throws Exception {
        Table catalogue = wb.find("catalogue.table", Table.class);
        int before = wb.call(catalogue::getItemCount);
        String code = wb.call(() -> catalogue.getItem(0).getText(0));
        String name = wb.call(() -> catalogue.getItem(0).getText(1));
        Path bad = list(wb.dataDir().resolve("loi.xlsx"), code, name + " (sửa đổi)", true);
        Path good = list(wb.dataDir().resolve("dung.xlsx"), code, name + " (sửa đổi)", false);

        press(wb.find("catalogue.import", Button.class));
        Shell dialog = wb.awaitShell("Nhập danh mục thủ tục từ Excel");
        read(bad);
        Label summary = wb.find("import.summary", Label.class);
        String s = wb.call(summary::getText);
        assertTrue(s.contains("Mới: 1") && s.contains("Thay đổi: 1") && s.contains("Lỗi: 1"), s);
        // With errors the dialog opens on the problems tab.
        Table problems = wb.find("import.problems", Table.class);
        String problem = wb.call(() -> problems.getItem(0).getText(1) + " | " + problems.getItem(0).getText(2));
        assertTrue(problem.contains("dòng 4, cột A") && problem.contains("không hợp lệ"), problem);
        showTab(0);
        Table preview = wb.find("import.preview", Table.class);
        List<String> kinds = wb.rowTexts(preview, 0, 100);
        assertTrue(kinds.contains("Mới") && kinds.contains("Thay đổi") && kinds.contains("Không có trong tệp"), kinds.toString());
        String diff = wb.call(() -> {
            for (int i = 0; i < preview.getItemCount(); i++) {
                if (preview.getItem(i).getText(0).equals("Thay đổi")) {
                    return preview.getItem(i).getText(3);
                }
            }
            return "";
        });
        assertTrue(diff.startsWith("Tên: " + name + " → " + name + " (sửa đổi)"), diff);
        assertFalse(wb.call(() -> wb.find("import.commit", Button.class).isEnabled()), "errors block the commit");
        showTab(1);
        Table mapping = wb.find("import.mapping", Table.class);
        assertEquals("Mã TTHC", wb.call(() -> mapping.getItem(0).getText(1)));
        showTab(0);
        wb.screenshotScreen("catalogue-import-preview");

        // The annotated copy marks the bad code.
        Path annotated = wb.dataDir().resolve("loi-ghi-chu.xlsx");
        wb.run(() -> ((ImportDialog) dialog.getData()).saveAnnotated(annotated));
        try (XSSFWorkbook back = new XSSFWorkbook(Files.newInputStream(annotated))) {
            assertTrue(back.getSheetAt(0).getRow(3).getCell(0).getCellComment().getString().getString().contains("không hợp lệ"));
        }

        read(good);
        assertTrue(wb.call(() -> wb.find("import.commit", Button.class).isEnabled()));
        press(wb.find("import.commit", Button.class));
        wb.waitUntil("the dialog closes after the commit", dialog::isDisposed, Duration.ofSeconds(20));
        wb.waitUntil("the new procedure in the list", () -> catalogue.getItemCount() == before + 1, Duration.ofSeconds(10));
        assertTrue(wb.rowTexts(catalogue, 1, 1000).contains(name + " (sửa đổi)"));
        wb.screenshot("catalogue-after-import");
    }

    private static void read(Path file) {
        Text field = wb.find("import.file", Text.class);
        wb.run(() -> field.setText(file.toString()));
        Label summary = wb.find("import.summary", Label.class);
        press(wb.find("import.read", Button.class));
        wb.waitUntil("the preview of " + file.getFileName(), () -> summary.getText().startsWith("Mới:"), Duration.ofSeconds(30));
    }

    private static void showTab(int index) {
        TabFolder tabs = wb.find("import.tabs", TabFolder.class);
        wb.run(() -> {
            tabs.setSelection(index);
            tabs.notifyListeners(SWT.Selection, new Event());
        });
    }

    private static void press(Button b) {
        wb.run(() -> b.notifyListeners(SWT.Selection, new Event()));
    }

    /** A small hand-made list: title row, header, one changed and one new procedure, optionally a bad code. */
    private static Path list(Path file, String code, String newName, boolean withError) throws Exception {
        try (XSSFWorkbook w = new XSSFWorkbook()) {
            Sheet s = w.createSheet("DS");
            s.createRow(0).createCell(0).setCellValue("DANH MỤC THỦ TỤC HÀNH CHÍNH CẤP XÃ");
            row(s, 1, "Mã TTHC", "Tên thủ tục", "Lĩnh vực", "Thời hạn giải quyết", "Phí, lệ phí");
            row(s, 2, code, newName, null, null, null);
            if (withError) {
                row(s, 3, "ma-sai", "Thủ tục lỗi", "Hộ tịch", "Trong ngày", "Không");
            }
            row(s, 4, "1.999001", "Thủ tục thí điểm cấp xã", "Tư pháp", "05 ngày làm việc", "Miễn phí");
            try (OutputStream out = Files.newOutputStream(file)) {
                w.write(out);
            }
        }
        return file;
    }

    private static void row(Sheet s, int r, String... values) {
        Row row = s.createRow(r);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                row.createCell(i).setCellValue(values[i]);
            }
        }
    }
}
