package vn.motcua.ui.dossiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.CacheOpener;
import vn.motcua.ui.testing.Workbench;

/**
 * Login on a new workstation: the demo commune's encrypted cache is made, the login dialog refuses a wrong
 * password with a clear message and lets the head in with the right one; the status bar says who works.
 */
class LoginUiTest {
    @Test
    void wrongPasswordIsRefusedAndTheHeadLogsIn() throws Exception {
        Path data = Files.createTempDirectory("motcua-login");
        Workbench wb = Workbench.launchAs(null, data);
        try {
            Shell dialog = wb.awaitShell("Đăng nhập");
            Text user = wb.find("login.username", Text.class);
            Text password = wb.find("login.password", Text.class);
            wb.run(() -> user.setText(""));
            wb.type(user, "lanhdao.ubnd");
            wb.type(password, "sai-mat-khau");
            wb.press(dialog, "Đăng nhập");
            Label message = wb.find("login.message", Label.class);
            wb.waitUntil("the wrong-password message", () -> message.getText().startsWith("Sai tên đăng nhập hoặc mật khẩu"),
                    Duration.ofSeconds(10));
            wb.screenshotScreen("login-wrong-password");
            assertTrue(wb.call(() -> password.getText().isEmpty()), "the wrong password is cleared");

            wb.type(password, "demo");
            wb.press(dialog, "Đăng nhập");
            wb.awaitWindow();
            Label status = wb.find("status.user", Label.class);
            String text = wb.call(status::getText);
            assertTrue(text.contains("Phạm Quốc Hưng") && text.contains("lanhdao.ubnd") && text.contains("Lãnh đạo"), text);
            wb.screenshot("logged-in-head");
        } finally {
            wb.close();
        }
        // The cache the first start made is encrypted and its key is only in the key ring, wrapped.
        assertTrue(CacheKeyRing.exists(data));
        assertFalse(CacheOpener.isPlaintext(data));
        assertTrue(CacheKeyRing.load(data).isDemo());
    }
}
