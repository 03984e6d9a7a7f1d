package vn.motcua.core.calendar;

/**
 * A date of the Vietnamese lunar calendar (âm lịch).
 *
 * @param year  lunar year, numbered like the Gregorian year in which its first day (Tết) falls
 * @param month 1..12
 * @param day   1..30
 * @param leap  whether this is the leap (nhuận) month that follows the regular month {@code month}
 */
public record LunarDate(int year, int month, int day, boolean leap) {
    public LunarDate {
        if (month < 1 || month > 12) {
            throw new IllegalArgumentException("lunar month out of range: " + month);
        }
        if (day < 1 || day > 30) {
            throw new IllegalArgumentException("lunar day out of range: " + day);
        }
    }

    /** A date of a regular (non-leap) month. */
    public static LunarDate of(int year, int month, int day) {
        return new LunarDate(year, month, day, false);
    }

    @Override
    public String toString() {
        return day + "/" + month + (leap ? "n" : "") + "/" + year;
    }
}
