package vn.motcua.ui.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.training.DemoData;
import vn.motcua.ui.testing.Workbench;

/**
 * The sync area of the status bar stays whole on screen — at the window's default size and on a 1366×768 screen — also
 * when the last error is a long sentence: the status, its error and "Sync now" are never cut off or pushed out of the
 * window. Screenshots: {@code target/screenshots/statusbar-*.png}.
 */
class SyncStatusBarUiTest {
    @TempDir
    Path dir;

    @Test
    void theSyncAreaStaysVisibleAtTheDefaultSizeAndOnA1366x768Screen() throws Exception {
        try (SyncWorld world = new SyncWorld(dir.resolve("world"), Map.of(), DemoData.DEMO_PASSWORD)) {
            Path data = Files.createDirectories(dir.resolve("desk"));
            Files.writeString(data.resolve("sync.properties"), "server.url=" + world.server.uri() + "\nsync.interval.seconds=1\n");
            DemoData.demoKeyRing(data, vn.motcua.store.CacheKey.generate());
            Workbench wb = Workbench.launchAs("demo", data);
            try {
                wb.awaitWindow();
                Label status = wb.find("status.sync", Label.class);
                wb.waitUntil("a first sync", () -> status.getText().startsWith("Đồng bộ lúc"), Duration.ofSeconds(30));
                assertSyncAreaVisible(wb, "default size, synced");
                wb.screenshot("statusbar-default");
                // The longest status there is: an error sentence naming the server's address.
                world.server.kill();
                wb.waitUntil("the error shown", () -> status.getText().contains("Lỗi"), Duration.ofSeconds(30));
                assertSyncAreaVisible(wb, "default size, with an error");
                wb.screenshot("statusbar-default-error");
                assertTrue(wb.call(status::getToolTipText).contains(world.server.uri().getHost()), "the whole error in the tooltip");
                Shell shell = wb.call(() -> wb.mainShell().orElseThrow());
                // A 1366×768 laptop: the window maximised above a 40-pixel task bar.
                wb.run(() -> shell.setBounds(0, 0, 1366, 728));
                wb.settle();
                assertSyncAreaVisible(wb, "1366×768, with an error");
                wb.screenshot("statusbar-1366x768-error");
                wb.run(() -> shell.setBounds(0, 0, 1024, 728));
                wb.settle();
                assertSyncAreaVisible(wb, "1024×768, with an error");
                wb.screenshot("statusbar-1024x768-error");
            } finally {
                wb.close();
            }
        }
    }

    /** The status label and the "Sync now" button lie wholly inside every parent's visible area, down to the shell's. */
    private static void assertSyncAreaVisible(Workbench wb, String when) {
        for (String id : new String[] { "status.sync", "status.sync.now" }) {
            Control c = wb.find(id, Control.class);
            String problem = wb.call(() -> {
                if (!c.isVisible()) {
                    return id + " is hidden";
                }
                Rectangle own = c.getDisplay().map(c.getParent(), null, c.getBounds());
                if (own.width < 20 || own.height < 10) {
                    return id + " is squeezed to " + own;
                }
                Rectangle seen = own;
                for (Composite p = c.getParent(); p != null; p = p.getParent()) {
                    Rectangle area = p.getDisplay().map(p, null, p.getClientArea());
                    seen = seen.intersection(area);
                }
                return seen.equals(own) ? null : id + " is cut: " + own + " but only " + seen + " can be seen";
            });
            assertEquals(null, problem, when);
        }
        assertTrue(wb.call(() -> wb.find("status.sync.now", Button.class).getText().length() > 0));
    }
}
