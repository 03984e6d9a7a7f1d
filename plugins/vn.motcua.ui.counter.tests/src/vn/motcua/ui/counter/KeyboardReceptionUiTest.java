package vn.motcua.ui.counter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import vn.motcua.ui.testing.Workbench;

/**
 * A receipt without touching the mouse: real key presses through the X server (Display.post, XTest under Xvfb) —
 * type the procedure code, arrow down to it, Tab to the papers, Space to tick each, Enter to the name, Tab through the
 * applicant's fields, Ctrl+S to receive.
 */
class KeyboardReceptionUiTest {
    @Test
    void aReceiptWithTheKeyboardOnly() throws Exception {
        Workbench wb = Workbench.launchAs("canbo.motcua", Files.createTempDirectory("motcua-keyboard").resolve("data"));
        try {
            wb.awaitWindow();
            wb.showPart("vn.motcua.ui.counter.part.reception");
            wb.pointAtMainWindow();
            wb.run(() -> wb.find("counter.procedure.search", Text.class).setFocus());
            wb.settle();
            Text search = wb.find("counter.procedure.search", Text.class);
            wb.typeKeys("1.001193");
            wb.waitUntil("the code typed", () -> search.getText().equals("1.001193"), Duration.ofSeconds(5));
            Table list = wb.find("counter.procedure.list", Table.class);
            wb.waitUntil("the procedure offered", () -> list.getItemCount() == 1, Duration.ofSeconds(5));
            wb.pressKey(0, SWT.ARROW_DOWN, '\0');
            wb.waitUntil("the procedure chosen", () -> list.isFocusControl() && list.getSelectionIndex() == 0, Duration.ofSeconds(5));
            wb.pressKey(0, SWT.TAB, '\t');
            Table papers = wb.find("counter.papers", Table.class);
            wb.waitUntil("on the papers", papers::isFocusControl, Duration.ofSeconds(5));
            int n = wb.call(papers::getItemCount);
            for (int i = 0; i < n; i++) {
                if (i > 0 || wb.call(papers::getSelectionIndex) < 0) {
                    wb.pressKey(0, SWT.ARROW_DOWN, '\0');
                }
                int row = i;
                wb.waitUntil("paper " + row + " under the cursor", () -> papers.getSelectionIndex() == row, Duration.ofSeconds(5));
                if (!wb.call(() -> papers.getItem(row).getText().contains("(nếu có)"))) {
                    wb.pressKey(0, ' ', ' ');
                    wb.waitUntil("paper " + row + " ticked", () -> papers.getItem(row).getChecked(), Duration.ofSeconds(5));
                }
            }
            java.util.List<Boolean> ticked = wb.call(() -> java.util.Arrays.stream(papers.getItems()).map(i -> i.getChecked()).toList());
            wb.pressKey(0, SWT.CR, '\r');
            Text name = wb.find("counter.name", Text.class);
            wb.waitUntil("on the name", name::isFocusControl, Duration.ofSeconds(5));
            assertEquals(ticked, wb.call(() -> java.util.Arrays.stream(papers.getItems()).map(i -> i.getChecked()).toList()),
                    "Enter went on to the name without changing a tick");
            wb.typeKeys("nguyen van binh");
            wb.pressKey(0, SWT.TAB, '\t');
            wb.typeKeys("12/03/1990");
            wb.pressKey(0, SWT.TAB, '\t');
            wb.typeKeys("025090001234");
            wb.pressKey(0, SWT.TAB, '\t');
            wb.typeKeys("0912345678");
            wb.pressKey(0, SWT.TAB, '\t');
            wb.typeKeys("thon dong lac");
            Text citizenId = wb.find("counter.citizenId", Text.class);
            assertEquals("025090001234", wb.call(citizenId::getText));
            assertEquals("thon dong lac", wb.call(() -> wb.find("counter.address", Text.class).getText()));
            // Ctrl+S anywhere on the screen receives.
            wb.pressKey(SWT.CTRL, 's', 's');
            Label result = wb.find("counter.result", Label.class);
            wb.waitUntil("received by Ctrl+S", () -> result.getText().startsWith("Đã tiếp nhận hồ sơ 000.00.21.H43-"), Duration.ofSeconds(10));
            assertTrue(wb.call(search::isFocusControl), "ready for the next applicant");
            wb.screenshot("counter-keyboard-received");
            // Nothing of the form is cut off: the hand-over's last button lies inside the scrolled form (a scroll bar
            // appears when the window is too small for it).
            org.eclipse.swt.widgets.Button deliver = wb.find("counter.delivery.deliver", org.eclipse.swt.widgets.Button.class);
            wb.waitUntil("the whole form reachable", () -> {
                org.eclipse.swt.widgets.Control content = deliver.getParent().getParent();
                int bottom = deliver.getBounds().y + deliver.getBounds().height + deliver.getParent().getBounds().y;
                return bottom <= content.getSize().y;
            }, Duration.ofSeconds(5));
        } finally {
            wb.close();
        }
    }
}
