package vn.motcua.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schedule file format and its error messages. */
class OfficialScheduleTest {

    @Test
    void parsesLinesCommentsOccasionsAndBom() {
        OfficialSchedule s = OfficialSchedule.parse("""
                \uFEFF# Lịch nghỉ 2026
                2026-01-02  OFF   @NEW_YEAR  Nghỉ bù Tết Dương lịch (hoán đổi)   # swapped

                2026-01-10  WORK  Làm bù
                2026-03-20\toff\tNghỉ   riêng của tỉnh
                """, "lich.txt");
        assertEquals(3, s.entries().size());
        ScheduleEntry off = s.entry(LocalDate.of(2026, 1, 2)).orElseThrow();
        assertEquals(ScheduleEntry.Kind.OFF, off.kind());
        assertEquals("NEW_YEAR", off.occasion());
        assertEquals("Nghỉ bù Tết Dương lịch (hoán đổi)", off.text());
        assertEquals("lich.txt:2", off.source());
        ScheduleEntry work = s.entry(LocalDate.of(2026, 1, 10)).orElseThrow();
        assertEquals(ScheduleEntry.Kind.WORK, work.kind());
        assertNull(work.occasion());
        assertEquals("Làm bù", work.text());
        assertEquals("Nghỉ   riêng của tỉnh", s.entry(LocalDate.of(2026, 3, 20)).orElseThrow().text());
        assertTrue(s.entry(LocalDate.of(2026, 3, 21)).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "02/01/2026 OFF Nghỉ => lich.txt, dòng 4: ngày \"02/01/2026\" không đúng dạng YYYY-MM-DD (ví dụ 2026-01-02)",
        "2026-02-30 OFF Nghỉ => lich.txt, dòng 4: ngày \"2026-02-30\" không tồn tại",
        "2026-01-12 => lich.txt, dòng 4: thiếu loại ngày sau ngày tháng (OFF = nghỉ, WORK = làm bù)",
        "2026-01-12 HOLIDAY Nghỉ => lich.txt, dòng 4: loại ngày \"HOLIDAY\" không hợp lệ, phải là OFF (nghỉ) hoặc WORK (làm bù)",
        "2026-01-12 OFF => lich.txt, dòng 4: thiếu lý do (ví dụ: Nghỉ bù Tết Dương lịch)",
        "2026-01-12 OFF @tet Nghỉ => lich.txt, dòng 4: mã dịp lễ \"@tet\" không hợp lệ (ví dụ @TET)",
        "2026-01-12 OFF @TET => lich.txt, dòng 4: thiếu lý do (ví dụ: Nghỉ bù Tết Dương lịch)",
        "2026-01-02 OFF Lần nữa => lich.txt, dòng 4: ngày 2026-01-02 đã được khai báo ở lich.txt:2" })
    void errorsNameFileAndLine(String badLine, String message) {
        String text = "# comment\n2026-01-02 OFF Nghỉ bù\n\n" + badLine + "\n2026-01-10 WORK Làm bù\n";
        CalendarFormatException e = assertThrows(CalendarFormatException.class, () -> OfficialSchedule.parse(text, "lich.txt"));
        assertEquals(message, e.getMessage());
        assertEquals(4, e.line());
        assertEquals("lich.txt", e.fileName());
    }

    @Test
    void errorMessagesInEnglish() {
        CalendarFormatException e = assertThrows(CalendarFormatException.class,
                () -> OfficialSchedule.parse("2026-01-02 OFF ok\n2026-02-30 OFF Nghỉ\n", "lich.txt"));
        assertEquals("lich.txt, line 2: date \"2026-02-30\" does not exist", e.getMessage(Locale.ENGLISH));
        assertEquals("error.schedule.noSuchDate", e.problemKey());
        CalendarFormatException k = assertThrows(CalendarFormatException.class,
                () -> OfficialSchedule.parse("2026-01-12 SWAP x\n", "a.txt"));
        assertEquals("a.txt, line 1: day kind \"SWAP\" is invalid, use OFF or WORK", k.getMessage(Locale.ENGLISH));
    }

    @Test
    void unknownOccasionIsRejectedByTheCalendar() {
        OfficialSchedule s = OfficialSchedule.parse("# x\n2026-03-08 OFF @WOMENS_DAY Ngày Quốc tế Phụ nữ\n", "lich.txt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WorkingTimeCalendar(CalendarConfig.builder().officialSchedule(s).build()));
        assertEquals("lich.txt:2: mã dịp lễ \"@WOMENS_DAY\" không có trong danh sách ngày lễ", e.getMessage());
    }

    @Test
    void untaggedLinesAddToComputedHolidays() {
        OfficialSchedule s = OfficialSchedule.parse("2027-01-04 OFF Nghỉ riêng của cơ quan\n", "lich.txt");
        WorkingTimeCalendar cal = new WorkingTimeCalendar(CalendarConfig.builder().officialSchedule(s).build());
        assertFalse(cal.isWorkingDay(LocalDate.of(2027, 1, 4)));
        assertFalse(cal.isWorkingDay(LocalDate.of(2027, 1, 1))); // computed New Year still applies
        assertEquals("Nghỉ riêng của cơ quan", cal.dayStatus(LocalDate.of(2027, 1, 4)).describe(null));
        assertEquals("Official day off: Nghỉ riêng của cơ quan", cal.dayStatus(LocalDate.of(2027, 1, 4)).describe(Locale.ENGLISH));
    }

    @Test
    void taggedLinesReplaceTheWholeComputedOccurrence() {
        // the New Year holiday of 2027 officially moved to Thursday 31/12/2026: 01/01/2027 becomes a working day
        OfficialSchedule s = OfficialSchedule.parse("2026-12-31 OFF @NEW_YEAR Nghỉ Tết Dương lịch (dời ngày)\n", "lich.txt");
        WorkingTimeCalendar cal = new WorkingTimeCalendar(CalendarConfig.builder().officialSchedule(s).build());
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 12, 31)));
        assertTrue(cal.isWorkingDay(LocalDate.of(2027, 1, 1)));
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 1, 1))); // the 2026 occurrence is a year away: untouched
        assertFalse(cal.isWorkingDay(LocalDate.of(2027, 2, 8))); // other occasions untouched
    }

    @Test
    void makeUpDayUsesWeekdayHours() {
        WorkingTimeCalendar cal = WorkingTimeCalendar.defaults();
        DayStatus sat = cal.dayStatus(LocalDate.of(2026, 1, 10));
        assertTrue(sat.working());
        assertEquals(List.of(TimeInterval.of(7, 30, 11, 30), TimeInterval.of(13, 30, 17, 0)), sat.hours());
        assertEquals("Ngày làm bù: Làm bù cho thứ Sáu 02/01/2026", sat.describe(null));
        assertEquals("Make-up working day: Làm bù cho thứ Sáu 02/01/2026", sat.describe(Locale.ENGLISH));
        WorkingTimeCalendar custom = new WorkingTimeCalendar(CalendarConfig.builder()
                .weekdayHours(TimeInterval.of(7, 0, 11, 30), TimeInterval.of(13, 30, 17, 0)).build());
        assertEquals(LocalTime.of(7, 0), custom.dayStatus(LocalDate.of(2026, 1, 10)).hours().get(0).start());
    }

    @Test
    void layeringSchedules() {
        OfficialSchedule base = OfficialSchedule.builtIn();
        OfficialSchedule synced = base.overriddenBy(OfficialSchedule.parse(
                "2026-09-01 OFF @NATIONAL_DAY Nghỉ lễ Quốc khánh\n2026-09-02 OFF @NATIONAL_DAY Quốc khánh\n"
                        + "2026-09-03 OFF @NATIONAL_DAY Nghỉ hoán đổi\n2026-09-04 OFF @NATIONAL_DAY Nghỉ hoán đổi\n"
                        + "2026-09-12 WORK @NATIONAL_DAY Làm bù\n", "sync.txt"));
        WorkingTimeCalendar cal = new WorkingTimeCalendar(CalendarConfig.builder().officialSchedule(synced).build());
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 9, 4)));
        assertTrue(cal.isWorkingDay(LocalDate.of(2026, 9, 12)));
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 1, 2))); // shipped entries kept
    }

    @Test
    void anImportedScheduleAddsItsYearsAndReplacesOnlyThose() {
        OfficialSchedule shipped = OfficialSchedule.builtIn();
        assertTrue(shipped.years().containsAll(List.of(2024, 2025, 2026)));
        OfficialSchedule y2027 = OfficialSchedule.parse("""
                2027-02-05 OFF @TET Tết Nguyên đán
                2027-02-08 OFF @TET Tết Nguyên đán
                """, "2027.txt");
        OfficialSchedule merged = shipped.withYearsOf(y2027);
        assertEquals(shipped.entries().stream().filter(e -> e.date().getYear() == 2026).toList(),
                merged.entries().stream().filter(e -> e.date().getYear() == 2026).toList(), "the shipped years stay");
        assertTrue(merged.entry(LocalDate.of(2027, 2, 5)).isPresent());
        // A year the import announces is replaced whole: a 2026 file without 2 January means it is no longer off.
        OfficialSchedule y2026 = OfficialSchedule.parse("2026-09-04 OFF Nghỉ bù Quốc khánh\n", "2026.txt");
        OfficialSchedule again = merged.withYearsOf(y2026);
        assertTrue(again.entry(LocalDate.of(2026, 1, 2)).isEmpty());
        assertTrue(again.entry(LocalDate.of(2027, 2, 8)).isPresent());
        // Written back in the file format, it reads back the same.
        assertEquals(again.entries().stream().map(e -> e.date() + " " + e.kind() + " " + e.occasion() + " " + e.text()).toList(),
                OfficialSchedule.parse(again.toText(), "x").entries().stream().map(e -> e.date() + " " + e.kind() + " " + e.occasion() + " " + e.text())
                        .toList());
    }
}
