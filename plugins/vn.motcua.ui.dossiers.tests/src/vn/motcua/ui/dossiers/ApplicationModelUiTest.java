package vn.motcua.ui.dossiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import vn.motcua.ui.testing.Workbench;

/**
 * The workbench as users and maintainers expect it: a main menu with mnemonics, filtered by the user's roles, the
 * admin dialogs in it, every screen in "Màn hình" with its F-key, and the keys (real key presses through the X
 * server) reaching the active screen: Ctrl+F to its search box, F1 for the list of keys.
 */
class ApplicationModelUiTest {
    @Test
    void theAdminsMenuHasTheAdminDialogsAndTheKeysReachTheScreen() throws Exception {
        Workbench wb = Workbench.launchAs("demo", Files.createTempDirectory("motcua-menu").resolve("data"));
        try {
            wb.awaitWindow();
            assertEquals(List.of("Hệ thống", "Màn hình", "Thao tác", "Quản trị", "Trợ giúp"), wb.menuLabels());
            List<String> shown = wb.call(() -> java.util.Arrays.stream(wb.mainShell().orElseThrow().getMenuBar().getItems()).map(i -> i.getText()).toList());
            assertTrue(shown.stream().allMatch(t -> t.contains("&")), "every menu has a mnemonic: " + shown);
            assertEquals(List.of("Người dùng trên máy này…", "Cơ quan: giờ làm việc, lịch nghỉ…"), wb.menuLabels("Quản trị"));
            assertTrue(wb.menuLabels("Màn hình").contains("Hồ sơ"), wb.menuLabels("Màn hình").toString());
            org.eclipse.swt.widgets.MenuItem listEntry = wb.menuItem("Màn hình", "Hồ sơ");
            String listItem = wb.call(listEntry::getText);
            assertTrue(listItem.contains("&") && listItem.endsWith("\tF3"), "mnemonic and key shown: " + listItem);
            org.eclipse.swt.widgets.MenuItem saveEntry = wb.menuItem("Thao tác", "Lưu / Tiếp nhận");
            String save = wb.call(saveEntry::getText);
            assertTrue(save.endsWith("\tCtrl+S"), save);

            wb.showPart("vn.motcua.ui.dossiers.part.list");
            Text search = wb.find("dossiers.search", Text.class);
            wb.pointAtMainWindow();
            wb.run(() -> wb.grid("dossiers.table").control().setFocus());
            wb.settle();
            assertFalse(wb.call(search::isFocusControl));
            wb.pressKey(SWT.CTRL, 'f', 'f');
            wb.waitUntil("Ctrl+F went to the search box", search::isFocusControl, Duration.ofSeconds(5));

            wb.pressKey(0, SWT.F1, '\0');
            Shell keysDialog = wb.awaitShell("Phím tắt");
            Table table = wb.find("keys.table", Table.class);
            List<String> rows = wb.rowTexts(table, 0, 50);
            assertTrue(rows.contains("F3") && rows.contains("Ctrl+F") && rows.contains("Ctrl+S") && rows.contains("F1"), rows.toString());
            String f3 = wb.call(() -> {
                for (var item : table.getItems()) {
                    if (item.getText(0).equals("F3")) {
                        return item.getText(1);
                    }
                }
                return null;
            });
            assertEquals("Mở màn hình: Hồ sơ", f3);
            wb.screenshotScreen("keys-dialog");
            wb.press(keysDialog, "Đóng");
            wb.waitUntil("the dialog closed", keysDialog::isDisposed, Duration.ofSeconds(5));
            wb.screenshot("main-menu-admin");
        } finally {
            wb.close();
        }
    }

    @Test
    void aClerkSeesNoAdministrationMenu() throws Exception {
        Workbench wb = Workbench.launchAs("canbo.motcua", Files.createTempDirectory("motcua-menu-clerk").resolve("data"));
        try {
            wb.awaitWindow();
            assertEquals(List.of("Hệ thống", "Màn hình", "Thao tác", "Trợ giúp"), wb.menuLabels());
            assertEquals(List.of("Chế độ đào tạo…", "Thoát"), wb.menuLabels("Hệ thống"));
        } finally {
            wb.close();
        }
    }
}
