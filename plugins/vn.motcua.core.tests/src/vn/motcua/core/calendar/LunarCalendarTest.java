package vn.motcua.core.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LunarCalendarTest {
    private final LunarCalendar vn = LunarCalendar.VIETNAM;
    private final LunarCalendar china = new LunarCalendar(8.0);

    /**
     * Tết (mùng 1 tháng Giêng) in Vietnam, 2000–2050. Where Vietnam (UTC+7) and China (UTC+8) differ the
     * Vietnamese date is listed: 2007 (new moon 17/02 16:14 UT = 23:14 in Hà Nội, 00:14 in Beijing) and 2030
     * (new moon 02/02 16:07 UT = 23:07 in Hà Nội). 2030 was first written from the Chinese calendar (03/02) and
     * corrected after checking the new-moon time; see {@link #vietnamAndChinaDifferByTimeZone}.
     */
    @ParameterizedTest(name = "Tết {0} = {1}")
    @CsvSource({
        "2000, 2000-02-05", "2001, 2001-01-24", "2002, 2002-02-12", "2003, 2003-02-01", "2004, 2004-01-22",
        "2005, 2005-02-09", "2006, 2006-01-29", "2007, 2007-02-17", "2008, 2008-02-07", "2009, 2009-01-26",
        "2010, 2010-02-14", "2011, 2011-02-03", "2012, 2012-01-23", "2013, 2013-02-10", "2014, 2014-01-31",
        "2015, 2015-02-19", "2016, 2016-02-08", "2017, 2017-01-28", "2018, 2018-02-16", "2019, 2019-02-05",
        "2020, 2020-01-25", "2021, 2021-02-12", "2022, 2022-02-01", "2023, 2023-01-22", "2024, 2024-02-10",
        "2025, 2025-01-29", "2026, 2026-02-17", "2027, 2027-02-06", "2028, 2028-01-26", "2029, 2029-02-13",
        "2030, 2030-02-02", "2031, 2031-01-23", "2032, 2032-02-11", "2033, 2033-01-31", "2034, 2034-02-19",
        "2035, 2035-02-08", "2036, 2036-01-28", "2037, 2037-02-15", "2038, 2038-02-04", "2039, 2039-01-24",
        "2040, 2040-02-12", "2041, 2041-02-01", "2042, 2042-01-22", "2043, 2043-02-10", "2044, 2044-01-30",
        "2045, 2045-02-17", "2046, 2046-02-06", "2047, 2047-01-26", "2048, 2048-02-14", "2049, 2049-02-02",
        "2050, 2050-01-23" })
    void tetDates2000to2050(int year, LocalDate tet) {
        assertEquals(tet, vn.newYear(year));
        assertEquals(LunarDate.of(year, 1, 1), vn.toLunar(tet));
        assertEquals(12, vn.toLunar(tet.minusDays(1)).month());
    }

    @Test
    void vietnamAndChinaDifferByTimeZone() {
        assertEquals(LocalDate.of(2007, 2, 17), vn.newYear(2007));
        assertEquals(LocalDate.of(2007, 2, 18), china.newYear(2007));
        assertEquals(LocalDate.of(2030, 2, 2), vn.newYear(2030));
        assertEquals(LocalDate.of(2030, 2, 3), china.newYear(2030));
        // 1985: the month-11 new moon falls on different days, so Vietnam's Tết is a whole month earlier
        assertEquals(LocalDate.of(1985, 1, 21), vn.newYear(1985));
        assertEquals(LocalDate.of(1985, 2, 20), china.newYear(1985));
        // in most years they agree
        assertEquals(china.newYear(2026), vn.newYear(2026));
    }

    @ParameterizedTest(name = "Giỗ Tổ {0} = {1}")
    @CsvSource({ "2019, 2019-04-14", "2020, 2020-04-02", "2021, 2021-04-21", "2022, 2022-04-10",
        "2023, 2023-04-29", "2024, 2024-04-18", "2025, 2025-04-07", "2026, 2026-04-26", "2027, 2027-04-16" })
    void hungKingsDates(int year, LocalDate date) {
        assertEquals(date, vn.toSolar(LunarDate.of(year, 3, 10)));
        assertEquals(LunarDate.of(year, 3, 10), vn.toLunar(date));
    }

    @Test
    void leapMonths() {
        assertEquals(OptionalInt.of(2), vn.leapMonth(2023));
        assertEquals(OptionalInt.of(6), vn.leapMonth(2025));
        assertEquals(OptionalInt.empty(), vn.leapMonth(2026));
        assertEquals(LocalDate.of(2023, 3, 22), vn.toSolar(new LunarDate(2023, 2, 1, true)));
        assertEquals(new LunarDate(2023, 2, 1, true), vn.toLunar(LocalDate.of(2023, 3, 22)));
        assertEquals(LocalDate.of(2023, 2, 20), vn.toSolar(LunarDate.of(2023, 2, 1)));
        assertEquals(LocalDate.of(2025, 7, 25), vn.toSolar(new LunarDate(2025, 6, 1, true)));
        assertThrows(IllegalArgumentException.class, () -> vn.toSolar(new LunarDate(2025, 5, 1, true)));
        assertThrows(IllegalArgumentException.class, () -> vn.toSolar(new LunarDate(2026, 1, 1, true)));
    }

    @Test
    void lastDayOfLunarYear() {
        // Ất Tỵ's month 12 has 29 days: 16/02/2026 is 29 tháng Chạp, no 30 Tết
        assertEquals(LunarDate.of(2025, 12, 29), vn.toLunar(LocalDate.of(2026, 2, 16)));
        assertEquals(29, vn.monthLength(2025, 12, false));
        assertThrows(IllegalArgumentException.class, () -> vn.toSolar(LunarDate.of(2025, 12, 30)));
        // Quý Mão's month 12 has 30 days: 09/02/2024 is 30 Tết
        assertEquals(LunarDate.of(2023, 12, 30), vn.toLunar(LocalDate.of(2024, 2, 9)));
        assertEquals(LunarDate.of(2025, 12, 27), vn.toLunar(LocalDate.of(2026, 2, 14)));
        assertEquals(LunarDate.of(2026, 1, 6), vn.toLunar(LocalDate.of(2026, 2, 22)));
    }

    @Test
    void roundTripEveryDay2000to2050() {
        for (LocalDate d = LocalDate.of(2000, 1, 1); d.getYear() <= 2050; d = d.plusDays(1)) {
            LunarDate l = vn.toLunar(d);
            assertEquals(d, vn.toSolar(l), () -> "round trip of " + l);
            LunarDate next = vn.toLunar(d.plusDays(1));
            assertTrue(next.day() == l.day() + 1 || (next.day() == 1 && (l.day() == 29 || l.day() == 30)),
                    () -> "continuity at " + l);
        }
    }
}
