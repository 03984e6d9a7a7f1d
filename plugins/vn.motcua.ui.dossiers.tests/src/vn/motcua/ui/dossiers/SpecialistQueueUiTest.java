package vn.motcua.ui.dossiers;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.widgets.Button;
import org.junit.jupiter.api.Test;

import vn.motcua.ui.testing.Grid;
import vn.motcua.ui.testing.Workbench;

/**
 * A specialist's list opens as a to-do queue: only dossiers still being dealt with, the nearest due first; unticking
 * "Chưa xong" brings the finished ones back.
 */
class SpecialistQueueUiTest {
    /** Final statuses as the list names them. */
    private static final List<String> DONE = List.of("Đã trả kết quả", "Từ chối tiếp nhận", "Công dân đã rút hồ sơ", "Dừng xử lý", "Đã trả lại hồ sơ");

    @Test
    void theSpecialistsListIsATodoQueue() throws Exception {
        Workbench wb = Workbench.launchAs("chuyenvien.tuphap", Files.createTempDirectory("motcua-queue").resolve("data"));
        try {
            wb.awaitWindow();
            wb.showPart("vn.motcua.ui.dossiers.part.list");
            Button open = wb.find("dossiers.open", Button.class);
            assertTrue(wb.call(open::getSelection), "ticked for a specialist");
            Grid table = wb.grid("dossiers.table");
            wb.waitUntil("the queue listed", () -> table.rowCount() > 1, Duration.ofSeconds(10));
            int n = Math.min(table.rowCount(), 20);
            List<String> statuses = table.column(6, n);
            assertTrue(statuses.stream().noneMatch(DONE::contains), "nothing finished in the queue: " + statuses);
            List<String> due = table.column(5, n).stream().filter(s -> s.matches("\\d{2}/\\d{2}/\\d{4} \\d{2}:\\d{2}")).toList();
            java.time.format.DateTimeFormatter f = java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
            for (int i = 1; i < due.size(); i++) {
                assertFalse(java.time.LocalDateTime.parse(due.get(i), f).isBefore(java.time.LocalDateTime.parse(due.get(i - 1), f)),
                        "nearest due first: " + due);
            }
            int queued = table.rowCount();
            wb.run(() -> {
                open.setSelection(false);
                open.notifyListeners(org.eclipse.swt.SWT.Selection, new org.eclipse.swt.widgets.Event());
            });
            wb.waitUntil("finished dossiers back", () -> table.rowCount() > queued, Duration.ofSeconds(10));
            wb.screenshot("specialist-queue");
        } finally {
            wb.close();
        }
    }
}
