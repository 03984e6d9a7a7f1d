package vn.motcua.ui.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import vn.motcua.training.scenario.Scenarios;
import vn.motcua.training.scenario.TrainingWorkspace;
import vn.motcua.ui.testing.Workbench;

/**
 * Two exercises done as a trainee does them, through the screens: the check fails first, the trainee works on
 * the dossier list's commands, the check passes.
 */
class ExerciseThroughTheUiTest {
    private static final String DOSSIERS = "vn.motcua.ui.dossiers.part.list";
    private static final String EXERCISE = "vn.motcua.ui.training.part.exercise";

    @AfterEach
    void leaveTrainingMode() {
        System.clearProperty("motcua.training");
    }

    @Test
    void theSpecialistProcessesAndSubmits() throws Exception {
        Workbench wb = start("xu-ly", "chuyenvien.tuphap");
        try {
            assertCheck(wb, "Chưa xong");
            openExerciseDossier(wb);
            command(wb, "START_PROCESSING", "Thẩm định");
            command(wb, "SUBMIT_FOR_APPROVAL", "Trình phê duyệt");
            wb.screenshot("exercise-xu-ly-submitted");
            assertCheck(wb, "Hoàn thành!");
            wb.screenshot("exercise-xu-ly-done");
        } finally {
            wb.close();
        }
    }

    @Test
    void theSpecialistApologisesAndExtendsBeforeTheDueTime() throws Exception {
        Workbench wb = start("tre-han", "chuyenvien.tuphap");
        try {
            assertCheck(wb, "Chưa xong");
            openExerciseDossier(wb);
            pressButton(wb, "dossiers.action.EXTEND");
            Shell dialog = wb.awaitShell("Xin lỗi và gia hạn");
            wb.type(wb.find("action.reason", Text.class), "Xin lỗi ông/bà: hồ sơ cần xác minh thêm với xã khác nên chưa trả kịp.");
            wb.screenshotScreen("exercise-tre-han-dialog");
            wb.press(dialog, "Đồng ý");
            // Form 04 (apology and new appointment) is written and offered for printing.
            Shell offer = wb.awaitShell("Mẫu 04");
            wb.press(offer, "Hủy");
            wb.settle();
            try (java.util.stream.Stream<Path> files = Files.list(wb.dataDir().resolve("forms"))) {
                assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith("-8001-mau04.pdf")), "Form 04 written");
            }
            assertCheck(wb, "Hoàn thành!");
        } finally {
            wb.close();
        }
    }

    @Test
    void theHeadSignsTheThreeDossiersWithThePracticeToken() throws Exception {
        Workbench wb = start("ky-lo", "lanhdao.ubnd");
        try {
            assertCheck(wb, "Chưa xong");
            wb.showPart("vn.motcua.ui.approval.part.inbox");
            Table inbox = wb.find("approval.inbox", Table.class);
            wb.waitUntil("the exercise's dossiers in the inbox", () -> inbox.getItemCount() >= 3, Duration.ofSeconds(10));
            wb.run(() -> {
                for (org.eclipse.swt.widgets.TableItem it : inbox.getItems()) {
                    it.setChecked(((String) it.getData()).matches(".*-800[123]"));
                }
                Event e = new Event();
                e.detail = SWT.CHECK;
                inbox.notifyListeners(SWT.Selection, e);
            });
            Button sign = wb.find("approval.sign", Button.class);
            assertEquals("Ký duyệt (3)", wb.call(sign::getText));
            wb.run(() -> sign.getDisplay().asyncExec(() -> sign.notifyListeners(SWT.Selection, new Event())));
            Shell pin = wb.awaitShell("Nhập mã PIN");
            wb.run(() -> text(pin, "sign.pin").setText("1111"));
            wb.press(pin, "Đăng nhập");
            wb.press(wb.awaitShell("Chọn chứng thư số"), "Ký 3 hồ sơ");
            Label status = wb.find("approval.status", Label.class);
            wb.waitUntil("the batch signed", () -> status.getText().startsWith("Đã ký duyệt 3/3"), Duration.ofSeconds(60));
            wb.screenshot("exercise-ky-lo-signed");
            assertCheck(wb, "Hoàn thành!");
        } finally {
            wb.close();
        }
    }

    @Test
    void theSpecialistReadsAndAcknowledgesARefusedChange() throws Exception {
        Workbench wb = start("xung-dot", "chuyenvien.tuphap");
        try {
            assertCheck(wb, "Chưa xong");
            org.eclipse.swt.widgets.Link link = wb.find("status.sync.conflicts", org.eclipse.swt.widgets.Link.class);
            assertTrue(wb.call(link::getText).contains("1 thay đổi bị từ chối"), wb.call(link::getText));
            wb.run(() -> link.getDisplay().asyncExec(() -> link.notifyListeners(SWT.Selection, new Event())));
            Shell dialog = wb.awaitShell("từ chối");
            wb.screenshotScreen("exercise-xung-dot-dialog");
            wb.press(dialog, "Đã xem");
            wb.press(dialog, "Đóng");
            wb.waitUntil("the link is gone", () -> link.getText().isEmpty(), Duration.ofSeconds(5));
            assertCheck(wb, "Hoàn thành!");
        } finally {
            wb.close();
        }
    }

    private static Text text(org.eclipse.swt.widgets.Composite c, String id) {
        for (org.eclipse.swt.widgets.Control child : c.getChildren()) {
            if (child instanceof Text t && id.equals(t.getData(Workbench.ID_KEY))) {
                return t;
            }
            if (child instanceof org.eclipse.swt.widgets.Composite comp) {
                Text t = text(comp, id);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private static Workbench start(String scenario, String user) throws Exception {
        Path data = Files.createTempDirectory("motcua-exercise").resolve("training");
        TrainingWorkspace.reset(data, Scenarios.byId(scenario).orElseThrow(), 11L, Instant.now());
        System.setProperty("motcua.training", "true");
        Workbench wb = Workbench.launchAs(user, data);
        wb.awaitWindow();
        return wb;
    }

    private static void openExerciseDossier(Workbench wb) {
        wb.showPart(DOSSIERS);
        wb.type(wb.find("dossiers.search", Text.class), "8001");
        vn.motcua.ui.testing.Grid table = wb.grid("dossiers.table");
        wb.waitUntil("the exercise's dossier alone in the list", () -> table.rowCount() == 1, Duration.ofSeconds(10));
        table.select(0);
    }

    /** Presses a command's button and confirms its dialog. */
    private static void command(Workbench wb, String action, String title) {
        pressButton(wb, "dossiers.action." + action);
        Shell confirm = wb.awaitShell(title);
        wb.press(confirm, "Đồng ý");
        wb.settle();
    }

    private static void pressButton(Workbench wb, String id) {
        Button b = wb.find(id, Button.class);
        assertTrue(wb.call(b::isEnabled), id + " is enabled: " + wb.call(b::getToolTipText));
        // asyncExec: the button opens a modal dialog, which must not block the test thread.
        wb.run(() -> b.getDisplay().asyncExec(() -> b.notifyListeners(SWT.Selection, new Event())));
    }

    private static void assertCheck(Workbench wb, String expectedStart) {
        wb.showPart(EXERCISE);
        Button check = wb.find("training.check", Button.class);
        wb.run(() -> check.notifyListeners(SWT.Selection, new Event()));
        Label result = wb.find("training.result", Label.class);
        wb.waitUntil("the check says " + expectedStart, () -> result.getText().startsWith(expectedStart), Duration.ofSeconds(10));
        assertEquals(true, wb.call(() -> result.getText().startsWith(expectedStart)));
    }
}
