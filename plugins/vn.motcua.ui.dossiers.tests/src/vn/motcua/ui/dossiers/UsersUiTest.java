package vn.motcua.ui.dossiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import vn.motcua.core.model.Role;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.ui.testing.Workbench;

/** The admin adds a clerk with a first password: the clerk can then unlock the cache with it, and only with it. */
class UsersUiTest {
    @Test
    void theAdminAddsAClerkWhoseOwnPasswordOpensTheCache() throws Exception {
        Path data = Files.createTempDirectory("motcua-users");
        Workbench wb = Workbench.launch(data);
        try {
            wb.awaitWindow();
            wb.chooseMenu("Quản trị", "Người dùng trên máy này…");
            Shell dialog = wb.awaitShell("Người dùng trên máy này");
            Text name = wb.find("users.new.username", Text.class);
            Text full = wb.find("users.new.fullName", Text.class);
            wb.run(() -> {
                name.setText("");
                full.setText("");
            });
            wb.type(name, "ha.nt");
            wb.type(full, "Nguyễn Thu Hà");
            wb.type(wb.find("users.new.password", Text.class), "Mat-khau-2026");
            Button clerk = wb.find("users.role.CLERK", Button.class);
            wb.run(() -> clerk.setSelection(true));
            Button save = wb.find("users.save", Button.class);
            wb.run(() -> save.notifyListeners(SWT.Selection, new Event()));
            Label message = wb.find("users.message", Label.class);
            wb.waitUntil("saved", () -> message.getText().startsWith("Đã lưu người dùng ha.nt"), Duration.ofSeconds(10));
            wb.screenshotScreen("users-dialog");
            wb.press(dialog, "Đóng");
        } finally {
            wb.close();
        }
        CacheKeyRing ring = CacheKeyRing.load(data);
        assertTrue(ring.hasUser("ha.nt"), "users in the key ring: " + ring.users() + " in " + data);
        assertArrayEquals(ring.unlock("demo", "demo".toCharArray()).exportHex(), ring.unlock("ha.nt", "Mat-khau-2026".toCharArray()).exportHex(),
                "the same cache key, wrapped for the new user");
        assertThrows(CacheKeyRing.WrongPasswordException.class, () -> ring.unlock("ha.nt", "demo".toCharArray()));
        assertEquals(EnumSet.of(Role.CLERK).size(), 1);
    }
}
