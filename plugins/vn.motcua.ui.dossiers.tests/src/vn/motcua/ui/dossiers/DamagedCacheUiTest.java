package vn.motcua.ui.dossiers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

import vn.motcua.training.DemoData;
import vn.motcua.ui.testing.Workbench;

/** A damaged cache: at start (set aside, fresh cache) and while the product runs (the list says it cannot read). */
class DamagedCacheUiTest {
    @Test
    void damagedCacheIsSetAsideOnTheUsersDecisionAndAFreshOneOpens() throws Exception {
        Path data = Files.createTempDirectory("motcua-damaged");
        byte[] garbage = new byte[128 * 1024];
        new Random(11).nextBytes(garbage);
        Files.write(data.resolve("motcua.mv.db"), garbage);

        Workbench wb = Workbench.launch(data);
        try {
            Shell dialog = wb.awaitShell("Bộ nhớ đệm bị hỏng");
            wb.screenshotScreen("damaged-cache-dialog");
            wb.press(dialog, "Mở bộ nhớ đệm mới");
            Shell info = wb.awaitShell("Bộ nhớ đệm bị hỏng");
            wb.press(info, "Đồng ý");
            wb.awaitWindow();
            vn.motcua.ui.testing.Grid table = wb.grid("dossiers.table");
            wb.waitUntil("demo data in the fresh cache", () -> table.rowCount() == DemoData.DEFAULT_DOSSIERS, Duration.ofSeconds(20));
        } finally {
            wb.close();
        }
        // The damaged bytes are kept, unchanged, for a technician.
        List<Path> kept;
        try (Stream<Path> s = Files.walk(data.resolve("damaged"))) {
            kept = s.filter(p -> p.getFileName().toString().equals("motcua.mv.db")).toList();
        }
        assertEquals(1, kept.size());
        assertArrayEquals(garbage, Files.readAllBytes(kept.get(0)));
        assertTrue(Files.size(data.resolve("motcua.mv.db")) > 0, "a fresh cache");
    }

    /**
     * The cache stops answering under the running product (here: closed, as when its file's disk goes away): the
     * next search says in the count line that the list could not be read, with the cause on hover, and the window
     * stays usable; the rows already read stay shown.
     */
    @Test
    void aCacheThatStopsAnsweringIsSaidInTheCountLine() throws Exception {
        Workbench wb = Workbench.start();
        try {
            vn.motcua.ui.testing.Grid table = wb.grid("dossiers.table");
            wb.waitUntil("the demo dossiers", () -> table.rowCount() == DemoData.DEFAULT_DOSSIERS, Duration.ofSeconds(20));
            String first = table.text(0, 0);
            wb.service(vn.motcua.store.LocalCache.class).close();
            org.eclipse.swt.widgets.Text search = wb.find("dossiers.search", org.eclipse.swt.widgets.Text.class);
            org.eclipse.swt.widgets.Label count = wb.find("dossiers.count", org.eclipse.swt.widgets.Label.class);
            wb.type(search, "khai sinh");
            wb.waitUntil("the failure said", () -> count.getText().equals("Không đọc được danh sách"),
                    Duration.ofSeconds(10));
            String cause = wb.call(count::getToolTipText);
            String prefix = "Không đọc được danh sách hồ sơ từ bộ nhớ đệm: ";
            assertTrue(cause != null && cause.startsWith(prefix) && cause.length() > prefix.length() + 4 && !cause.endsWith("null"), "the cause on hover: " + cause);
            assertEquals(first, table.text(0, 0), "the rows read before stay shown");
            assertEquals(DemoData.DEFAULT_DOSSIERS, table.rowCount());
            wb.screenshot("dossier-list-unreadable");
        } finally {
            wb.close();
        }
    }
}
