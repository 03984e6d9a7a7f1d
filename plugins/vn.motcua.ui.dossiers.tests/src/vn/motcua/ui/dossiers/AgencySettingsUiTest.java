package vn.motcua.ui.dossiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.List;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import vn.motcua.app.ui.AgencySettingsDialog;
import vn.motcua.core.calendar.OfficialSchedule;
import vn.motcua.core.calendar.TimeInterval;
import vn.motcua.store.LocalCache;
import vn.motcua.ui.testing.Workbench;

/**
 * An admin sets the agency's office hours (a wrong entry named by its day) and imports an official schedule (a bad
 * line named, the good file taken); the calendar the counter computes appointments with follows at once.
 */
class AgencySettingsUiTest {
    @Test
    void officeHoursAndTheOfficialScheduleAreSetByTheAdmin() throws Exception {
        Path dir = Files.createTempDirectory("motcua-agency");
        Workbench wb = Workbench.launchAs("demo", dir.resolve("data"));
        try {
            wb.awaitWindow();
            wb.chooseMenu("Quản trị", "Cơ quan: giờ làm việc, lịch nghỉ…");
            Shell dialog = wb.awaitShell("Thiết lập cơ quan");
            Text saturday = wb.find("agency.hours.SATURDAY", Text.class);
            Text tuesday = wb.find("agency.hours.TUESDAY", Text.class);
            assertEquals("07:30-11:30, 13:30-17:00", wb.call(tuesday::getText), "the national default shown");
            assertEquals("", wb.call(saturday::getText), "closed on Saturday by default");
            Label message = wb.find("agency.message", Label.class);

            // A schedule with a bad line is refused with its line; the shipped one is taken.
            Path bad = Files.writeString(dir.resolve("lich-sai.txt"), "2027-02-05 OFF @TET Tết\n2027-02-30 OFF nghỉ\n");
            Button importButton = wb.find("agency.schedule.import", Button.class);
            AgencySettingsDialog d = wb.call(() -> (AgencySettingsDialog) importButton.getData("agency.dialog"));
            String problem = wb.call(() -> d.importSchedule(bad));
            assertTrue(problem.startsWith("Không dùng tệp lịch-sai.txt".replace("lịch-sai", "lich-sai")) && problem.contains("2"), problem);
            Path good = dir.resolve("lich-nghi.txt");
            try (InputStream in = OfficialSchedule.class.getResourceAsStream(OfficialSchedule.RESOURCE)) {
                Files.copy(in, good);
            }
            assertNull(wb.call(() -> d.importSchedule(good)));
            assertTrue(Files.isRegularFile(wb.dataDir().resolve(vn.motcua.store.WorkstationCalendar.SCHEDULES_FILE)));

            wb.run(() -> {
                saturday.setText("07:30-11:30");
                tuesday.setText("7h30 - 11h30");
            });
            wb.press(dialog, "Lưu");
            wb.waitUntil("the bad day named", () -> message.getText().startsWith("Giờ làm việc ngày Thứ Ba không đúng: \"7h30 - 11h30\""),
                    Duration.ofSeconds(5));
            wb.screenshotScreen("agency-settings");
            wb.run(() -> tuesday.setText("07:30-11:30, 13:30-17:00"));
            wb.press(dialog, "Lưu");
            wb.waitUntil("the dialog closed", () -> dialog.isDisposed(), Duration.ofSeconds(5));

            LocalCache cache = wb.service(LocalCache.class);
            assertEquals(List.of(TimeInterval.of(7, 30, 11, 30)), new vn.motcua.store.WorkstationCalendar(cache).current().config().officeHours(DayOfWeek.SATURDAY),
                    "the calendar counts Saturday morning now");
            assertEquals(List.of(TimeInterval.of(7, 30, 11, 30), TimeInterval.of(13, 30, 17, 0)),
                    new vn.motcua.store.WorkstationCalendar(cache).current().config().officeHours(DayOfWeek.TUESDAY));
        } finally {
            wb.close();
        }
    }
}
