package vn.motcua.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Computed holidays (no official schedule) and the holiday-rules file. */
class HolidayCalculatorTest {
    /** Calendar without official schedules: the computed rules alone. */
    private static WorkingTimeCalendar computedOnly(HolidayRules rules) {
        return new WorkingTimeCalendar(CalendarConfig.builder().holidayRules(rules)
                .officialSchedule(OfficialSchedule.empty()).build());
    }

    private final WorkingTimeCalendar computed = computedOnly(HolidayRules.labourCode2019());

    private List<LocalDate> offDays(WorkingTimeCalendar cal, int year) {
        return cal.daysOff(year).stream().map(DayStatus::date).toList();
    }

    @Test
    void shippedRulesAreLabourCode2019() {
        HolidayRules rules = HolidayRules.labourCode2019();
        assertEquals(List.of("NEW_YEAR", "TET", "HUNG_KINGS", "VICTORY_DAY", "LABOUR_DAY", "NATIONAL_DAY"),
                rules.rules().stream().map(HolidayRule::id).toList());
        HolidayRule tet = rules.rule("TET", 2026).orElseThrow();
        assertTrue(tet.lunar());
        assertEquals(-1, tet.firstOffset());
        assertEquals(3, tet.lastOffset());
        // 11 days a year: 1 + 5 + 1 + 1 + 1 + 2
        long days = rules.rules().stream().mapToLong(r -> r.lastOffset() - r.firstOffset() + 1 + (r.adjacentDay() ? 1 : 0)).sum();
        assertEquals(11, days);
    }

    @Test
    void year2027ComputedWithCompensation() {
        // Tết Đinh Mùi = Sat 06/02/2027: 05/02 (last day) .. 09/02; Sat 06 and Sun 07 compensated Wed 10, Thu 11.
        // 01/05/2027 is a Saturday: compensated Monday 03/05. 02/09/2027 Thursday + Friday 03/09.
        assertEquals(List.of(LocalDate.of(2027, 1, 1),
                LocalDate.of(2027, 2, 5), LocalDate.of(2027, 2, 6), LocalDate.of(2027, 2, 7), LocalDate.of(2027, 2, 8),
                LocalDate.of(2027, 2, 9), LocalDate.of(2027, 2, 10), LocalDate.of(2027, 2, 11),
                LocalDate.of(2027, 4, 16), LocalDate.of(2027, 4, 30), LocalDate.of(2027, 5, 1), LocalDate.of(2027, 5, 3),
                LocalDate.of(2027, 9, 2), LocalDate.of(2027, 9, 3)), offDays(computed, 2027));
        assertEquals("Nghỉ bù Ngày Quốc tế Lao động (trùng ngày nghỉ hằng tuần 01/05/2027)",
                computed.dayStatus(LocalDate.of(2027, 5, 3)).describe(null));
        assertEquals("Compensatory day off for International Labour Day (fell on the weekly rest day 01/05/2027)",
                computed.dayStatus(LocalDate.of(2027, 5, 3)).describe(Locale.ENGLISH));
        assertEquals("Ngày Quốc tế Lao động; Thứ Bảy", computed.dayStatus(LocalDate.of(2027, 5, 1)).describe(null));
        assertEquals("Tết Nguyên đán", computed.dayStatus(LocalDate.of(2027, 2, 8)).describe(null));
        assertTrue(computed.isWorkingDay(LocalDate.of(2027, 2, 12)));
        assertTrue(computed.isWorkingDay(LocalDate.of(2027, 2, 4)));
    }

    @Test
    void hungKingsOnSundayIsCompensatedOnMonday() {
        // 2022: 10/3 lunar = Sunday 10/04/2022 → Monday 11/04 off
        assertFalse(computed.isWorkingDay(LocalDate.of(2022, 4, 11)));
        assertTrue(computed.isWorkingDay(LocalDate.of(2022, 4, 12)));
        // 2026 computed alone already gives Monday 27/04 (matches the official schedule)
        assertFalse(computed.isWorkingDay(LocalDate.of(2026, 4, 27)));
        assertEquals("Nghỉ bù Giỗ Tổ Hùng Vương (trùng ngày nghỉ hằng tuần 26/04/2026)",
                computed.dayStatus(LocalDate.of(2026, 4, 27)).describe(null));
    }

    @Test
    void compensationSkipsFollowingHolidays() {
        // 2021: 02/9 Thu + 03/9 Fri; nothing on a weekend. 2023: 02/9 Saturday → 01/9 Fri + compensation Mon 04/9.
        assertEquals(List.of(LocalDate.of(2023, 9, 1), LocalDate.of(2023, 9, 2), LocalDate.of(2023, 9, 4)),
                offDays(computed, 2023).stream().filter(d -> d.getMonthValue() == 9).toList());
        // 2028: 30/4 Sunday and 01/5 Monday: 30/4 is compensated on Tuesday 02/5 (Monday is itself a holiday)
        assertEquals(List.of(LocalDate.of(2028, 4, 30), LocalDate.of(2028, 5, 1), LocalDate.of(2028, 5, 2)),
                offDays(computed, 2028).stream().filter(d -> d.getMonthValue() == 4 && d.getDayOfMonth() == 30
                        || d.getMonthValue() == 5 && d.getDayOfMonth() <= 3).toList());
    }

    @ParameterizedTest(name = "Quốc khánh {0}: adjacent day {1}")
    @CsvSource({ "2021, 2021-09-03", "2022, 2022-09-01", "2023, 2023-09-01", "2024, 2024-09-03",
        "2025, 2025-09-01", "2026, 2026-09-01", "2029, 2029-09-03" })
    void nationalDayAdjacentDay(int year, LocalDate adjacent) {
        // 2021–2025 match the announced schedules; 2026 (Wednesday) uses the default "day before"
        assertFalse(computed.isWorkingDay(adjacent));
        LocalDate other = adjacent.isBefore(LocalDate.of(year, 9, 2)) ? LocalDate.of(year, 9, 3) : LocalDate.of(year, 9, 1);
        assertTrue(computed.isWorkingDay(other) || other.getDayOfWeek().getValue() >= 6,
                () -> other + " should not be the adjacent holiday");
        assertFalse(computed.isHoliday(other) && other.getDayOfWeek().getValue() < 6);
    }

    @Test
    void tetDefaultPlacementWithoutOfficialSchedule() {
        // 2026 computed = 16/02 (29 tháng Chạp) .. 20/02, exactly the official 5 weekdays
        assertEquals(List.of(LocalDate.of(2026, 2, 16), LocalDate.of(2026, 2, 17), LocalDate.of(2026, 2, 18),
                LocalDate.of(2026, 2, 19), LocalDate.of(2026, 2, 20)),
                offDays(computed, 2026).stream().filter(d -> d.getMonthValue() == 2).toList());
        // 2024 computed (09/02 .. 13/02 + compensation 14, 15) differs from the official 08/02–14/02
        assertTrue(computed.isWorkingDay(LocalDate.of(2024, 2, 8)));
        assertFalse(computed.isWorkingDay(LocalDate.of(2024, 2, 15)));
    }

    @Test
    void plannedCultureDayIsAddedAsData() throws Exception {
        String file = new String(HolidayRules.class.getResourceAsStream(HolidayRules.RESOURCE).readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8)
                + "CULTURE_DAY   SOLAR   11-24   0   2026-   Ngày Văn hóa Việt Nam\n";
        WorkingTimeCalendar cal = computedOnly(HolidayRules.parse(new StringReader(file), "rules.txt"));
        assertFalse(cal.isWorkingDay(LocalDate.of(2026, 11, 24)));
        assertEquals("Ngày Văn hóa Việt Nam", cal.dayStatus(LocalDate.of(2026, 11, 24)).describe(null));
        assertEquals("Vietnamese Culture Day", cal.dayStatus(LocalDate.of(2026, 11, 24)).describe(Locale.ENGLISH));
        assertTrue(cal.isWorkingDay(LocalDate.of(2025, 11, 24))); // from 2026 only
        // 24/11/2029 is a Saturday → Monday 26/11/2029 off
        assertFalse(cal.isWorkingDay(LocalDate.of(2029, 11, 26)));
        // a rule without a message key shows the file's name in every language
        WorkingTimeCalendar custom = computedOnly(HolidayRules.labourCode2019()
                .with(HolidayRule.solar("PROVINCE_DAY", 3, 20, "Ngày thành lập tỉnh")));
        assertEquals("Ngày thành lập tỉnh", custom.dayStatus(LocalDate.of(2026, 3, 20)).describe(Locale.ENGLISH));
        assertTrue(computed.isWorkingDay(LocalDate.of(2026, 11, 24)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", value = {
        "TET LUNAR 01-01 -1..3 * => rules.txt, dòng 3: thiếu cột, cần: mã  SOLAR|LUNAR  MM-DD  số-ngày  năm  tên — \"TET LUNAR 01-01 -1..3 *\"",
        "tet LUNAR 01-01 0 * Tết => rules.txt, dòng 3: mã ngày lễ \"tet\" không hợp lệ (chữ in hoa, số, dấu gạch dưới)",
        "TET MOON 01-01 0 * Tết => rules.txt, dòng 3: loại lịch \"MOON\" không hợp lệ, phải là SOLAR (dương lịch) hoặc LUNAR (âm lịch)",
        "X SOLAR 13-01 0 * X => rules.txt, dòng 3: ngày \"13-01\" không hợp lệ, cần dạng MM-DD",
        "X SOLAR 01-01 3..1 * X => rules.txt, dòng 3: số ngày \"3..1\" không hợp lệ, cần 0, A..B (ví dụ -1..3) hoặc ADJ",
        "X SOLAR 01-01 0 2030-2026 X => rules.txt, dòng 3: năm áp dụng \"2030-2026\" không hợp lệ (ví dụ *, 2026-, -2020, 2007-2020)",
        "NEW_YEAR SOLAR 01-02 0 * X => rules.txt, dòng 3: ngày lễ NEW_YEAR đã được khai báo cho cùng năm" })
    void ruleFileErrorsNameTheLine(String badLine, String message) {
        String text = "# rules\nNEW_YEAR SOLAR 01-01 0 * Tết Dương lịch\n" + badLine + "\n";
        CalendarFormatException e = assertThrows(CalendarFormatException.class,
                () -> HolidayRules.parse(new StringReader(text), "rules.txt"));
        assertEquals(message, e.getMessage());
        assertEquals(3, e.line());
    }

    @Test
    void ruleYearRanges() throws Exception {
        HolidayRules r = HolidayRules.parse(new StringReader(
                "A SOLAR 01-02 0 2007-2020 A\nB SOLAR 01-03 0 -2020 B\nC SOLAR 01-04 0 2026 C\nD SOLAR 01-05 -1..+1 2026- D\n"), "r.txt");
        assertEquals(2007, r.rules().get(0).fromYear());
        assertEquals(2020, r.rules().get(0).toYear());
        assertEquals(Integer.MIN_VALUE, r.rules().get(1).fromYear());
        assertTrue(r.rules().get(2).appliesIn(2026));
        assertFalse(r.rules().get(2).appliesIn(2027));
        assertEquals(1, r.rules().get(3).lastOffset());
        assertEquals(Integer.MAX_VALUE, r.rules().get(3).toYear());
    }
}
