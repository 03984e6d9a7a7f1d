package vn.motcua.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.junit.jupiter.api.Test;

import vn.motcua.training.scenario.TrainingWorkspace;
import vn.motcua.ui.testing.Workbench;

/**
 * Training mode on a new training folder: the first exercise is set up, the band and the title say TRAINING,
 * the exercise screen shows the instructions, and "check my work" says what is still to do.
 */
class TrainingUiTest {
    @Test
    void trainingModeIsObviousAndTheExerciseIsChecked() throws Exception {
        Path data = Files.createTempDirectory("motcua-training").resolve("training");
        System.setProperty("motcua.training", "true");
        Workbench wb = Workbench.launch(data);
        try {
            wb.awaitWindow();
            org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), wb.partIconProblems(), "every screen has a 16 px icon and its @2x twin");
            Label banner = wb.find("training.banner", Label.class);
            assertTrue(wb.call(banner::getText).startsWith("ĐÀO TẠO / TRAINING — không có giá trị pháp lý"));
            String windowTitle = wb.call(() -> wb.mainShell().orElseThrow().getText());
            assertTrue(windowTitle.startsWith("[ĐÀO TẠO]"), windowTitle);
            Label title = wb.find("training.title", Label.class);
            assertEquals("1. Tiếp nhận hồ sơ đăng ký khai sinh", wb.call(title::getText));
            assertEquals("khai-sinh", TrainingWorkspace.state(data).orElseThrow().scenarioId());

            Button check = wb.find("training.check", Button.class);
            wb.run(() -> check.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event()));
            Label result = wb.find("training.result", Label.class);
            wb.waitUntil("the check's answer", () -> result.getText().startsWith("Chưa xong"), Duration.ofSeconds(10));
            assertTrue(wb.call(result::getText).contains("Chưa có hồ sơ \"Thủ tục đăng ký khai sinh\""), wb.call(result::getText));
            wb.screenshot("training-mode");
        } finally {
            wb.close();
            System.clearProperty("motcua.training");
        }
    }
}
