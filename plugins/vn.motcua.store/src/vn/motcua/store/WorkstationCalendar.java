package vn.motcua.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

import vn.motcua.core.calendar.CalendarConfig;
import vn.motcua.core.calendar.OfficialSchedule;
import vn.motcua.core.calendar.WorkingTimeCalendar;

/**
 * The working-time calendar of this workstation: the built-in rules plus the official schedules (days off and
 * make-up days) the sync server distributes ({@value #SCHEDULES_FILE} in the data folder) and the agency's office
 * hours ({@link AgencySettings}). Rebuilt when either file changes (an admin imports a schedule or changes the hours).
 */
public final class WorkstationCalendar {
    /** File in the data folder with the official yearly schedules the sync server distributes. */
    public static final String SCHEDULES_FILE = "official-schedules.txt";
    private final Path dataDir;
    private volatile WorkingTimeCalendar calendar;
    private volatile String stamp;

    public WorkstationCalendar(LocalCache cache) {
        this.dataDir = cache.dataDir();
    }

    private WorkstationCalendar(Path dataDir) {
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The calendar of a data folder whose cache is not open (tools, tests). */
    public static WorkstationCalendar of(Path dataDir) {
        return new WorkstationCalendar(dataDir);
    }

    /** The calendar as the data folder's files say now. */
    public WorkingTimeCalendar current() {
        Path file = dataDir.resolve(SCHEDULES_FILE);
        Path agency = dataDir.resolve(AgencySettings.FILE);
        String now = stampOf(file) + "|" + stampOf(agency);
        WorkingTimeCalendar c = calendar;
        if (c != null && now.equals(stamp)) {
            return c;
        }
        // The shipped years, with the server's years added over them (a schedule file names only the years it knows).
        OfficialSchedule schedule = OfficialSchedule.builtIn();
        if (Files.exists(file)) {
            try {
                schedule = schedule.withYearsOf(OfficialSchedule.load(file));
            } catch (IOException | RuntimeException e) {
                System.getLogger(WorkstationCalendar.class.getName()).log(System.Logger.Level.ERROR, "Ignoring " + file + ": " + e.getMessage());
            }
        }
        c = new WorkingTimeCalendar(AgencySettings.load(dataDir).applyTo(CalendarConfig.defaults().toBuilder().officialSchedule(schedule)).build());
        calendar = c;
        stamp = now;
        return c;
    }

    /**
     * Takes an official schedule file an admin chose: every line checked first (a wrong line refuses the whole file,
     * naming it), then its years added to the data folder's schedule — a year it announces replaces that year, the
     * other years stay (the shipped ones always do, see {@link #current()}). Returns the years taken.
     */
    public java.util.SortedSet<Integer> importSchedule(Path file) throws IOException {
        OfficialSchedule imported = OfficialSchedule.load(file);
        Path target = dataDir.resolve(SCHEDULES_FILE);
        OfficialSchedule merged = Files.exists(target) ? OfficialSchedule.load(target).withYearsOf(imported) : imported;
        Path tmp = Files.createTempFile(dataDir, ".schedule", ".tmp");
        Files.writeString(tmp, "# Lịch nghỉ chính thức (máy chủ và các tệp quản trị viên đã nhập, theo từng năm)\n" + merged.toText());
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return imported.years();
    }

    private static String stampOf(Path f) {
        try {
            return Files.exists(f) ? Files.getLastModifiedTime(f).toMillis() + ":" + Files.size(f) : "-";
        } catch (IOException e) {
            return "-";
        }
    }
}
