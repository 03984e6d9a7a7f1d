package vn.motcua.core.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Computes the days off of the holiday table for a year, before any official schedule is applied.
 *
 * <ul>
 * <li>Each rule gives its days (anchor + offsets); lunar anchors come from {@link LunarCalendar}.</li>
 * <li>"One adjacent day" (Quốc khánh) — the law lets the Prime Minister choose before or after. Default
 * here, matching 2021–2025: take the adjacent day that is a working day; if both are, the one next to a
 * weekly rest day (a longer break); otherwise the day before. The official schedule overrides it.</li>
 * <li>A holiday day falling on a weekly rest day is compensated on the next working day that is not itself a
 * holiday or an earlier compensation (Labour Code 2019 art. 112(3)).</li>
 * </ul>
 * Rest days here are the national civil-service week (default Saturday and Sunday), not an agency's office
 * hours: an agency that opens on Saturday morning still follows the national holiday placement.
 */
public final class HolidayCalculator {
    private final HolidayRules rules;
    private final LunarCalendar lunar;
    private final Set<DayOfWeek> restDays;

    public HolidayCalculator(HolidayRules rules, LunarCalendar lunar, Set<DayOfWeek> restDays) {
        this.rules = rules;
        this.lunar = lunar;
        this.restDays = Set.copyOf(restDays);
    }

    /**
     * Days off of every rule occurrence whose anchor lies in Gregorian {@code year}, by date (a compensation
     * may spill into the next year). Holidays precede compensations; on a collision the first one wins.
     */
    public Map<LocalDate, Holiday> holidaysOf(int year) {
        record Occurrence(HolidayRule rule, LocalDate anchor) {
        }
        List<Occurrence> occurrences = new ArrayList<>();
        for (HolidayRule rule : rules.rules()) {
            if (!rule.appliesIn(year)) {
                continue;
            }
            LocalDate anchor = rule.lunar()
                    ? lunar.toSolar(LunarDate.of(year, rule.month(), Math.min(rule.day(), lunarMonthLength(year, rule))))
                    : LocalDate.of(year, rule.month(), Math.min(rule.day(), java.time.YearMonth.of(year, rule.month()).lengthOfMonth()));
            occurrences.add(new Occurrence(rule, anchor));
        }
        occurrences.sort(Comparator.comparing(Occurrence::anchor));

        Map<LocalDate, Holiday> days = new TreeMap<>();
        for (Occurrence o : occurrences) {
            for (int off = o.rule().firstOffset(); off <= o.rule().lastOffset(); off++) {
                LocalDate d = o.anchor().plusDays(off);
                days.putIfAbsent(d, new Holiday(d, o.rule(), o.anchor(), false, null));
            }
            if (o.rule().adjacentDay()) {
                LocalDate d = adjacentDay(o.anchor());
                days.putIfAbsent(d, new Holiday(d, o.rule(), o.anchor(), false, null));
            }
        }
        Map<LocalDate, Holiday> result = new LinkedHashMap<>(days);
        Set<LocalDate> taken = new HashSet<>(days.keySet());
        for (Holiday h : days.values()) {
            if (!restDays.contains(h.date().getDayOfWeek())) {
                continue;
            }
            LocalDate c = h.date().plusDays(1);
            while (restDays.contains(c.getDayOfWeek()) || taken.contains(c)) {
                c = c.plusDays(1);
            }
            taken.add(c);
            result.put(c, new Holiday(c, h.rule(), h.anchor(), true, h.date()));
        }
        return result;
    }

    /** A lunar day 30 in a 29-day month is observed on day 29. */
    private int lunarMonthLength(int year, HolidayRule rule) {
        return rule.day() < 30 ? 30 : lunar.monthLength(year, rule.month(), false);
    }

    private LocalDate adjacentDay(LocalDate anchor) {
        LocalDate before = anchor.minusDays(1);
        LocalDate after = anchor.plusDays(1);
        boolean beforeWorking = !restDays.contains(before.getDayOfWeek());
        boolean afterWorking = !restDays.contains(after.getDayOfWeek());
        if (beforeWorking != afterWorking) {
            return beforeWorking ? before : after;
        }
        if (beforeWorking && !restDays.contains(before.minusDays(1).getDayOfWeek())
                && restDays.contains(after.plusDays(1).getDayOfWeek())) {
            return after;
        }
        return before;
    }
}
