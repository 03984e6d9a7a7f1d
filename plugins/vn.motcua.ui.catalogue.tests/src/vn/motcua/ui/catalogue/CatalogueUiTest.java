package vn.motcua.ui.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import vn.motcua.ui.testing.Workbench;

/** The catalogue tab of the real workbench: the demo commune's procedures, search, and a procedure's papers. */
class CatalogueUiTest {
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
    void searchAPrefixWithoutDiacriticsAndReadTheRequiredPapers() throws Exception {
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), wb.partIconProblems(), "every screen has a 16 px icon and its @2x twin");
        Table table = wb.find("catalogue.table", Table.class);
        int all = wb.call(table::getItemCount);
        assertTrue(all >= 30, "the demo catalogue: " + all);
        assertEquals("Mã TTHC", wb.call(() -> table.getColumn(0).getText()));

        wb.type(wb.find("catalogue.search", Text.class), "chung thuc");
        wb.waitUntil("filtered", () -> table.getItemCount() < all, Duration.ofSeconds(5));
        List<String> names = wb.rowTexts(table, 1, 50);
        assertTrue(!names.isEmpty() && names.stream().allMatch(n -> n.toLowerCase().contains("chứng thực")), names.toString());

        int row = names.indexOf(names.stream().filter(n -> n.contains("bản sao từ bản chính")).findFirst().orElseThrow());
        wb.selectRow(table, row);
        String details = wb.call(() -> wb.find("catalogue.details", StyledText.class).getText());
        assertTrue(details.startsWith("2.000815 – "), details);
        assertTrue(details.contains("Thành phần hồ sơ") && details.contains("Trong ngày"), details);
        assertTrue(details.contains("Nhận sau 15:00"), details);
        wb.screenshot("catalogue");
    }
}
