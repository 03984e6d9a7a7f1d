package vn.motcua.core.calendar;

import java.time.LocalDate;

/**
 * A computed day off.
 *
 * @param date         the day off
 * @param rule         the holiday rule it comes from
 * @param anchor       the rule's main date in that year (e.g. mùng 1 Tết), identifying the occurrence
 * @param compensation whether this is a compensatory day (nghỉ bù) for a holiday that fell on a weekly rest day
 * @param compensatedFor for a compensatory day, the holiday day it replaces; otherwise {@code null}
 */
public record Holiday(LocalDate date, HolidayRule rule, LocalDate anchor, boolean compensation,
        LocalDate compensatedFor) {

    /** "Tết Nguyên đán" or "Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026)". */
    public Reason reason() {
        Reason name = rule.displayName();
        if (!compensation) {
            return name;
        }
        return Reason.of("reason.compensation", name, Texts.date(compensatedFor));
    }
}
