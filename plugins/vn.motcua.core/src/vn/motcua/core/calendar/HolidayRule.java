package vn.motcua.core.calendar;

import java.util.Objects;

/**
 * One public holiday of the holiday table (Labour Code 2019 art. 112 and any later addition), as data.
 *
 * @param id          stable identifier, e.g. {@code TET}; official schedule lines refer to it as {@code @TET}
 * @param lunar       whether {@code month}/{@code day} are a lunar date (Tết, Giỗ Tổ) or a Gregorian one
 * @param month       month of the anchor date
 * @param day         day of the anchor date
 * @param firstOffset first day off relative to the anchor (Tết: -1 = last day of the old lunar year)
 * @param lastOffset  last day off relative to the anchor (Tết: +3 = mùng 4)
 * @param adjacentDay whether one more day adjacent to the anchor (before or after) is off, chosen by
 *                    {@link HolidayCalculator} (Quốc khánh: 2/9 "và 01 ngày liền kề trước hoặc sau")
 * @param fromYear    first Gregorian year the rule applies, or {@code Integer.MIN_VALUE}
 * @param toYear      last Gregorian year the rule applies, or {@code Integer.MAX_VALUE}
 * @param name        Vietnamese name from the data file; the UI uses message {@code holiday.<id>} if present
 */
public record HolidayRule(String id, boolean lunar, int month, int day, int firstOffset, int lastOffset,
        boolean adjacentDay, int fromYear, int toYear, String name) {
    public HolidayRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        if (firstOffset > lastOffset) {
            throw new IllegalArgumentException("firstOffset > lastOffset");
        }
    }

    /** A one-day Gregorian holiday applying every year. */
    public static HolidayRule solar(String id, int month, int day, String name) {
        return new HolidayRule(id, false, month, day, 0, 0, false, Integer.MIN_VALUE, Integer.MAX_VALUE, name);
    }

    public boolean appliesIn(int year) {
        return year >= fromYear && year <= toYear;
    }

    /** Localisable name: message {@code holiday.<id>}, falling back to the data file's name. */
    public Reason displayName() {
        return new Reason("holiday." + id, java.util.List.of(), name);
    }
}
