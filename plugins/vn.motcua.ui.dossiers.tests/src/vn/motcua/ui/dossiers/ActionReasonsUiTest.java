package vn.motcua.ui.dossiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.LocalCache;
import vn.motcua.ui.testing.Workbench;

/**
 * A greyed action says why in words under the buttons (a disabled button shows no tooltip on GTK, and the keyboard
 * has none): the clerk looking at a dossier a specialist processes reads, in one line, which steps are other roles'.
 */
class ActionReasonsUiTest {
    @Test
    void everyGreyedActionIsExplained() throws Exception {
        Workbench wb = Workbench.launchAs("canbo.motcua", Files.createTempDirectory("motcua-why").resolve("data"));
        try {
            wb.awaitWindow();
            wb.showPart("vn.motcua.ui.dossiers.part.list");
            LocalCache cache = wb.service(LocalCache.class);
            Dossier target = cache.dossierRepository().findByAgencyAndStatus("000.00.21.H43", EnumSet.of(DossierStatus.IN_PROCESS)).get(0);
            Text search = wb.find("dossiers.search", Text.class);
            wb.run(() -> search.setText(target.code()));
            vn.motcua.ui.testing.Grid table = wb.grid("dossiers.table");
            wb.waitUntil("the dossier listed", () -> table.rowCount() == 1, Duration.ofSeconds(5));
            table.open(0);
            Label heading = wb.find("dossiers.details.heading", Label.class);
            wb.waitUntil("details", () -> heading.getText().startsWith(target.code()), Duration.ofSeconds(5));
            Composite bar = wb.find("dossiers.actions", Composite.class);
            List<String> greyed = wb.call(() -> java.util.Arrays.stream(bar.getChildren()).filter(c -> c instanceof Button b && !b.isEnabled())
                    .map(c -> ((Button) c).getText()).toList());
            assertFalse(greyed.isEmpty(), "the clerk may not process a specialist's dossier");
            Label why = wb.find("dossiers.actions.why", Label.class);
            String reasons = wb.call(why::getText);
            // Here every greyed step is a specialist's or a head's: named together in one line, not one line each.
            assertTrue(reasons.startsWith("Việc của vai trò khác: "), reasons);
            for (String action : greyed) {
                assertTrue(reasons.contains(action), action + " explained in: " + reasons);
            }
            assertEquals(1, reasons.lines().count(), reasons);
            wb.screenshot("dossier-actions-why");
        } finally {
            wb.close();
        }
    }
}
