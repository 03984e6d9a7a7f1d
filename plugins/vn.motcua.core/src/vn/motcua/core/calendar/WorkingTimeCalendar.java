package vn.motcua.core.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An agency's working-time calendar: which days are worked, at which hours, and arithmetic on working time.
 *
 * <p>All {@link LocalDateTime} values are wall-clock times in Asia/Ho_Chi_Minh ({@link CalendarConfig#ZONE},
 * UTC+7 without daylight saving); convert instants with {@link WireTime}.
 *
 * <p>Precedence for a date: official schedule line &gt; computed holiday (unless the official schedule
 * replaced that occasion) &gt; weekly rest day (no office hours) &gt; ordinary working day.
 *
 * <p>Immutable from the outside and thread-safe; computed holidays are memoised per year.
 */
public final class WorkingTimeCalendar {
    /** Safety stop for loops over days: no duration legitimately spans more than this. */
    private static final int MAX_DAYS = 366 * 20;

    private final CalendarConfig config;
    private final HolidayCalculator holidays;
    private final Map<Integer, Map<LocalDate, Holiday>> holidaysByYear = new ConcurrentHashMap<>();

    /**
     * @throws IllegalArgumentException if the official schedule names an occasion that is not a holiday rule id
     */
    public WorkingTimeCalendar(CalendarConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.holidays = new HolidayCalculator(config.holidayRules(), config.lunarCalendar(), config.nationalRestDays());
        for (ScheduleEntry e : config.officialSchedule().entries()) {
            if (e.occasion() != null && !config.holidayRules().hasId(e.occasion())) {
                throw new IllegalArgumentException(Texts.format(null, "error.unknownOccasion", e.source(), e.occasion()));
            }
        }
    }

    /** The default calendar (see {@link CalendarConfig}). */
    public static WorkingTimeCalendar defaults() {
        return new WorkingTimeCalendar(CalendarConfig.defaults());
    }

    public CalendarConfig config() {
        return config;
    }

    // ------------------------------------------------------------------ days

    /** Whether {@code date} is worked, its office hours and the reasons. */
    public DayStatus dayStatus(LocalDate date) {
        List<Reason> reasons = new ArrayList<>();
        List<TimeInterval> weekdayHours = config.officeHours(date.getDayOfWeek());
        var official = config.officialSchedule().entry(date);
        if (official.isPresent()) {
            ScheduleEntry e = official.get();
            reasons.add(e.reason());
            if (e.kind() == ScheduleEntry.Kind.WORK) {
                return new DayStatus(date, true, weekdayHours.isEmpty() ? config.makeUpDayHours() : weekdayHours, reasons);
            }
            addWeeklyRest(date, weekdayHours, reasons);
            return new DayStatus(date, false, List.of(), reasons);
        }
        Holiday h = computedHoliday(date);
        if (h != null) {
            reasons.add(h.reason());
            addWeeklyRest(date, weekdayHours, reasons);
            return new DayStatus(date, false, List.of(), reasons);
        }
        if (weekdayHours.isEmpty()) {
            addWeeklyRest(date, weekdayHours, reasons);
            return new DayStatus(date, false, List.of(), reasons);
        }
        return new DayStatus(date, true, weekdayHours, reasons);
    }

    private static void addWeeklyRest(LocalDate date, List<TimeInterval> weekdayHours, List<Reason> reasons) {
        if (weekdayHours.isEmpty()) {
            reasons.add(Texts.weekday(date.getDayOfWeek()));
        }
    }

    public boolean isWorkingDay(LocalDate date) {
        return dayStatus(date).working();
    }

    /**
     * Whether the date is a day off of the holiday table or of the official schedule (not merely a weekly rest
     * day) — what calendar-day durations skip when so configured.
     */
    public boolean isHoliday(LocalDate date) {
        var official = config.officialSchedule().entry(date);
        if (official.isPresent()) {
            return official.get().kind() == ScheduleEntry.Kind.OFF;
        }
        return computedHoliday(date) != null;
    }

    /** The computed holiday on {@code date} still in force after the official schedule, or {@code null}. */
    Holiday computedHoliday(LocalDate date) {
        for (int y = date.getYear() - 1; y <= date.getYear() + 1; y++) {
            Holiday h = holidaysByYear.computeIfAbsent(y, holidays::holidaysOf).get(date);
            if (h != null && !config.officialSchedule().overridesOccurrence(h.rule().id(), h.anchor())) {
                return h;
            }
        }
        return null;
    }

    /** Every day off of a year with its reasons (weekly rest days excluded), for an admin overview. */
    public List<DayStatus> daysOff(int year) {
        List<DayStatus> result = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            DayStatus s = dayStatus(d);
            if (!s.working() && isHoliday(d)) {
                result.add(s);
            }
        }
        return result;
    }

    /** The first working day strictly after {@code date}; non-working days passed are reported. */
    LocalDate nextWorkingDay(LocalDate date, Consumer<DayStatus> skipped) {
        LocalDate d = date.plusDays(1);
        for (int i = 0; i < MAX_DAYS; i++, d = d.plusDays(1)) {
            DayStatus s = dayStatus(d);
            if (s.working()) {
                return d;
            }
            skipped.accept(s);
        }
        throw new IllegalStateException("no working day within " + MAX_DAYS + " days after " + date);
    }

    public LocalDate nextWorkingDay(LocalDate date) {
        return nextWorkingDay(date, s -> { });
    }

    /** {@code date} if it is a working day, else the next one. */
    public LocalDate workingDayOnOrAfter(LocalDate date) {
        return isWorkingDay(date) ? date : nextWorkingDay(date);
    }

    /** Opening time of the first working day strictly after {@code date}. */
    LocalDateTime nextOpening(LocalDate date, Consumer<DayStatus> skipped) {
        LocalDate d = nextWorkingDay(date, skipped);
        return LocalDateTime.of(d, dayStatus(d).hours().get(0).start());
    }

    // ------------------------------------------------------------------ reception

    /**
     * Moves a reception time into office hours: before opening → opening; lunch break (between two
     * intervals) → the next interval's start; at/after closing or on a day off → next working day's opening.
     */
    public Reception normalizeReception(LocalDateTime received) {
        List<DayStatus> skipped = new ArrayList<>();
        LocalDate day = received.toLocalDate();
        LocalTime t = received.toLocalTime();
        DayStatus status = dayStatus(day);
        if (!status.working()) {
            skipped.add(status);
            return new Reception(received, nextOpening(day, skipped::add), Reception.Adjustment.DAY_OFF, skipped);
        }
        List<TimeInterval> hours = status.hours();
        if (t.isBefore(hours.get(0).start())) {
            return new Reception(received, LocalDateTime.of(day, hours.get(0).start()), Reception.Adjustment.BEFORE_OPENING, skipped);
        }
        for (TimeInterval iv : hours) {
            if (iv.contains(t)) {
                return new Reception(received, received, Reception.Adjustment.NONE, skipped);
            }
            if (t.isBefore(iv.start())) {
                return new Reception(received, LocalDateTime.of(day, iv.start()), Reception.Adjustment.BREAK, skipped);
            }
        }
        return new Reception(received, nextOpening(day, skipped::add), Reception.Adjustment.AFTER_CLOSING, skipped);
    }

    // ------------------------------------------------------------------ arithmetic

    /** Adds working time to {@code start} (which need not be inside office hours). */
    public LocalDateTime addWorkingTime(LocalDateTime start, Duration amount) {
        return addWorkingTime(start, amount, s -> { });
    }

    /**
     * Adds working time; a result exactly at the end of an interval stays there (e.g. 8 h from 07:30 Monday is
     * 17:00 Monday, not 07:30 Tuesday). Non-working days crossed are reported to {@code skipped}.
     */
    LocalDateTime addWorkingTime(LocalDateTime start, Duration amount, Consumer<DayStatus> skipped) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("negative working time: " + amount);
        }
        if (amount.isZero()) {
            return start;
        }
        Duration left = amount;
        LocalDate day = start.toLocalDate();
        LocalTime from = start.toLocalTime();
        for (int i = 0; i < MAX_DAYS; i++) {
            DayStatus s = dayStatus(day);
            if (!s.working()) {
                skipped.accept(s);
            } else {
                for (TimeInterval iv : s.hours()) {
                    LocalTime a = from.isAfter(iv.start()) ? from : iv.start();
                    if (!a.isBefore(iv.end())) {
                        continue;
                    }
                    Duration avail = Duration.between(a, iv.end());
                    if (left.compareTo(avail) <= 0) {
                        return LocalDateTime.of(day, a.plus(left));
                    }
                    left = left.minus(avail); // stays positive
                }
            }
            day = day.plusDays(1);
            from = LocalTime.MIN;
        }
        throw new IllegalStateException("working time too long: " + amount);
    }

    /**
     * Adds whole working days ({@link WorkingDayCounting#WHOLE_DAYS}) to a time, first normalised into office
     * hours as a reception would be: the same
     * time of day on the N-th working day after; a start at or before that day's opening ends at the previous
     * working day's closing; a time in a break is moved back to the break's start; past closing, to closing.
     */
    public LocalDateTime addWorkingDays(LocalDateTime start, long days) {
        return addWorkingDays(start, days, s -> { });
    }

    LocalDateTime addWorkingDays(LocalDateTime start, long days, Consumer<DayStatus> skipped) {
        if (days < 0) {
            throw new IllegalArgumentException("negative working days: " + days);
        }
        if (days == 0) {
            return start;
        }
        Reception normalized = normalizeReception(start); // the rules below assume a time inside office hours
        normalized.skipped().forEach(skipped);
        start = normalized.clockStart();
        List<DayStatus> before = new ArrayList<>();
        LocalDate previous = start.toLocalDate();
        for (long i = 1; i < days; i++) {
            previous = nextWorkingDay(previous, before::add);
        }
        List<DayStatus> last = new ArrayList<>();
        LocalDate day = nextWorkingDay(previous, last::add);
        LocalTime t = start.toLocalTime();
        List<TimeInterval> hours = dayStatus(day).hours();
        before.forEach(skipped);
        if (!t.isAfter(hours.get(0).start())) {
            return closingTime(previous); // no working time between that closing and this opening
        }
        last.forEach(skipped);
        for (TimeInterval iv : hours) {
            if (!t.isAfter(iv.end())) {
                return LocalDateTime.of(day, t.isBefore(iv.start()) ? previousEnd(hours, iv) : t);
            }
        }
        return LocalDateTime.of(day, hours.get(hours.size() - 1).end());
    }

    private static LocalTime previousEnd(List<TimeInterval> hours, TimeInterval iv) {
        return hours.get(hours.indexOf(iv) - 1).end();
    }

    /**
     * Working time between two moments (negative when {@code to} is before {@code from}); only office hours
     * of working days count.
     */
    public Duration workingTimeBetween(LocalDateTime from, LocalDateTime to) {
        if (to.isBefore(from)) {
            return workingTimeBetween(to, from).negated();
        }
        Duration total = Duration.ZERO;
        for (LocalDate d = from.toLocalDate(); !d.isAfter(to.toLocalDate()); d = d.plusDays(1)) {
            DayStatus s = dayStatus(d);
            if (!s.working()) {
                continue;
            }
            for (TimeInterval iv : s.hours()) {
                LocalDateTime a = LocalDateTime.of(d, iv.start());
                LocalDateTime b = LocalDateTime.of(d, iv.end());
                LocalDateTime lo = a.isBefore(from) ? from : a;
                LocalDateTime hi = b.isAfter(to) ? to : b;
                if (lo.isBefore(hi)) {
                    total = total.plus(Duration.between(lo, hi));
                }
            }
        }
        return total;
    }

    /** Closing time (end of the last office-hours interval) of a working day. */
    public LocalDateTime closingTime(LocalDate workingDay) {
        List<TimeInterval> hours = dayStatus(workingDay).hours();
        if (hours.isEmpty()) {
            throw new IllegalArgumentException(workingDay + " is not a working day");
        }
        return LocalDateTime.of(workingDay, hours.get(hours.size() - 1).end());
    }

    /** Opening time of a working day. */
    public LocalDateTime openingTime(LocalDate workingDay) {
        List<TimeInterval> hours = dayStatus(workingDay).hours();
        if (hours.isEmpty()) {
            throw new IllegalArgumentException(workingDay + " is not a working day");
        }
        return LocalDateTime.of(workingDay, hours.get(0).start());
    }
}
