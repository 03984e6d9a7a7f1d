package vn.motcua.ui.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sync.testing.ServerProcess;
import vn.motcua.ui.testing.Workbench;

/** An admin points the workstation at the sync server from the status bar: a bad address is named, a real one tested. */
class ServerSettingsUiTest {
    @TempDir
    Path dir;

    @Test
    void anAdminSetsAndTestsTheServerAddress() throws Exception {
        try (ServerProcess server = new ServerProcess(dir.resolve("server"), Map.of()).start()) {
            Path data = Files.createDirectories(dir.resolve("desk"));
            Workbench wb = Workbench.launchAs("demo", data);
            try {
                wb.awaitWindow();
                wb.chooseMenu("Quản trị", "Máy chủ đồng bộ…");
                Shell dialog = wb.awaitShell("Máy chủ đồng bộ");
                Text url = wb.find("sync.settings.url", Text.class);
                Label result = wb.find("sync.settings.result", Label.class);
                wb.run(() -> url.setText("ftp://may-chu"));
                wb.press(dialog, "Kiểm tra kết nối");
                wb.waitUntil("the bad address named", () -> result.getText().startsWith("Địa chỉ không hợp lệ") && result.getText().contains("ftp://may-chu"),
                        Duration.ofSeconds(5));
                wb.run(() -> url.setText(server.uri().toString()));
                wb.press(dialog, "Kiểm tra kết nối");
                wb.waitUntil("connected", () -> result.getText().startsWith("Kết nối được"), Duration.ofSeconds(15));
                wb.screenshotScreen("sync-server-settings");
                wb.press(dialog, "Lưu");
                wb.settle();
                String saved = Files.readString(data.resolve("sync.properties"));
                assertTrue(saved.contains("server.url=" + server.uri().toString().replace(":", "\\:")), saved);
            } finally {
                wb.close();
            }
        }
    }
}
