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

/** A damaged cache file at start: the product says so, keeps the file aside and opens a fresh cache. */
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
            wb.press(info, "OK");
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
}
