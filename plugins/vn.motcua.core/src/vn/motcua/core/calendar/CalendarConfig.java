package vn.motcua.core.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import vn.motcua.core.model.ProcessingTime;

/**
 * An agency's working-time configuration; immutable, built with {@link #builder()}.
 *
 * <p>Defaults: Monday–Friday 07:30–11:30 and 13:30–17:00 (Lai Châu's published hours); Saturday and Sunday
 * off; a make-up Saturday uses Monday's hours; holidays of Labour Code 2019 art. 112 computed with the
 * Vietnamese lunar calendar, overridden by the shipped official schedules 2024–2026; calendar-day durations
 * do not skip holidays; working days counted as {@link WorkingDayCounting#WHOLE_DAYS}; DUE_SOON when at
 * most 8 working hours are left.
 */
public final class CalendarConfig {
    /** Vietnam's zone (UTC+7, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    /** One working day counts as 8 working hours, whatever the office hours (national practice). */
    public static final Duration WORKING_DAY = ProcessingTime.WORKING_DAY;
    static final List<TimeInterval> DEFAULT_HOURS = List.of(TimeInterval.of(7, 30, 11, 30), TimeInterval.of(13, 30, 17, 0));

    private final Map<DayOfWeek, List<TimeInterval>> officeHours;
    private final List<TimeInterval> makeUpDayHours;
    private final Set<DayOfWeek> nationalRestDays;
    private final HolidayRules holidayRules;
    private final OfficialSchedule officialSchedule;
    private final LunarCalendar lunarCalendar;
    private final boolean calendarDaysSkipHolidays;
    private final Duration dueSoonThreshold;
    private final WorkingDayCounting workingDayCounting;

    private CalendarConfig(Builder b) {
        Map<DayOfWeek, List<TimeInterval>> m = new EnumMap<>(DayOfWeek.class);
        b.officeHours.forEach((d, l) -> m.put(d, List.copyOf(l)));
        this.officeHours = Collections.unmodifiableMap(m);
        // Unless set, a make-up day is worked like a Monday (it replaces a normal weekday).
        List<TimeInterval> monday = m.getOrDefault(DayOfWeek.MONDAY, List.of());
        this.makeUpDayHours = b.makeUpDayHours != null ? List.copyOf(b.makeUpDayHours)
                : monday.isEmpty() ? DEFAULT_HOURS : monday;
        this.nationalRestDays = Collections.unmodifiableSet(EnumSet.copyOf(b.nationalRestDays));
        this.holidayRules = b.holidayRules != null ? b.holidayRules : HolidayRules.labourCode2019();
        this.officialSchedule = b.officialSchedule != null ? b.officialSchedule : OfficialSchedule.builtIn();
        this.lunarCalendar = b.lunarCalendar;
        this.calendarDaysSkipHolidays = b.calendarDaysSkipHolidays;
        this.dueSoonThreshold = b.dueSoonThreshold;
        this.workingDayCounting = b.workingDayCounting;
    }

    /** The default configuration (see class comment). */
    public static CalendarConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.officeHours.clear();
        officeHours.forEach((d, l) -> b.officeHours.put(d, new ArrayList<>(l)));
        b.makeUpDayHours = makeUpDayHours;
        b.nationalRestDays = EnumSet.copyOf(nationalRestDays);
        b.holidayRules = holidayRules;
        b.officialSchedule = officialSchedule;
        b.lunarCalendar = lunarCalendar;
        b.calendarDaysSkipHolidays = calendarDaysSkipHolidays;
        b.dueSoonThreshold = dueSoonThreshold;
        b.workingDayCounting = workingDayCounting;
        return b;
    }

    /** Office hours of a weekday, sorted; empty = weekly rest day for this agency. */
    public List<TimeInterval> officeHours(DayOfWeek day) {
        return officeHours.getOrDefault(day, List.of());
    }

    /** Hours of a weekend day officially worked (ngày làm bù). */
    public List<TimeInterval> makeUpDayHours() {
        return makeUpDayHours;
    }

    /** Weekly rest days of the national civil-service week, used to place holidays and compensations. */
    public Set<DayOfWeek> nationalRestDays() {
        return nationalRestDays;
    }

    public HolidayRules holidayRules() {
        return holidayRules;
    }

    public OfficialSchedule officialSchedule() {
        return officialSchedule;
    }

    public LunarCalendar lunarCalendar() {
        return lunarCalendar;
    }

    /** Whether calendar-day durations skip holidays (days off of the holiday table and official schedule). */
    public boolean calendarDaysSkipHolidays() {
        return calendarDaysSkipHolidays;
    }

    /** A dossier with at most this much working time left is DUE_SOON. */
    public Duration dueSoonThreshold() {
        return dueSoonThreshold;
    }

    /** How working-day durations are added; default {@link WorkingDayCounting#WHOLE_DAYS}. */
    public WorkingDayCounting workingDayCounting() {
        return workingDayCounting;
    }

    /** Builder; every setter returns {@code this}. */
    public static final class Builder {
        private final Map<DayOfWeek, List<TimeInterval>> officeHours = new EnumMap<>(DayOfWeek.class);
        private List<TimeInterval> makeUpDayHours;
        private Set<DayOfWeek> nationalRestDays = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
        private HolidayRules holidayRules;
        private OfficialSchedule officialSchedule;
        private LunarCalendar lunarCalendar = LunarCalendar.VIETNAM;
        private boolean calendarDaysSkipHolidays;
        private Duration dueSoonThreshold = WORKING_DAY;
        private WorkingDayCounting workingDayCounting = WorkingDayCounting.WHOLE_DAYS;

        private Builder() {
            for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
                officeHours.put(d, new ArrayList<>(DEFAULT_HOURS));
            }
        }

        /** Sets the office hours of one weekday; no intervals = the agency does not open that day. */
        public Builder officeHours(DayOfWeek day, TimeInterval... intervals) {
            List<TimeInterval> l = new ArrayList<>(List.of(intervals));
            l.sort((a, b) -> a.start().compareTo(b.start()));
            for (int i = 1; i < l.size(); i++) {
                if (l.get(i).start().isBefore(l.get(i - 1).end())) {
                    throw new IllegalArgumentException("overlapping office hours on " + day + ": " + l);
                }
            }
            officeHours.put(day, l);
            return this;
        }

        /** Sets the same office hours for Monday to Friday. */
        public Builder weekdayHours(TimeInterval... intervals) {
            for (DayOfWeek d : EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)) {
                officeHours(d, intervals);
            }
            return this;
        }

        /** Opens on Saturday morning 07:30–11:30 (counted as working time). */
        public Builder saturdayMorning() {
            return officeHours(DayOfWeek.SATURDAY, TimeInterval.of(7, 30, 11, 30));
        }

        public Builder makeUpDayHours(TimeInterval... intervals) {
            if (intervals.length == 0) {
                throw new IllegalArgumentException("a make-up working day needs office hours");
            }
            List<TimeInterval> l = new ArrayList<>(List.of(intervals));
            l.sort((a, b) -> a.start().compareTo(b.start()));
            this.makeUpDayHours = l;
            return this;
        }

        public Builder nationalRestDays(Set<DayOfWeek> days) {
            this.nationalRestDays = EnumSet.copyOf(days);
            return this;
        }

        public Builder holidayRules(HolidayRules rules) {
            this.holidayRules = Objects.requireNonNull(rules);
            return this;
        }

        /** The official schedule (replaces the shipped one; use {@link OfficialSchedule#overriddenBy} to layer). */
        public Builder officialSchedule(OfficialSchedule schedule) {
            this.officialSchedule = Objects.requireNonNull(schedule);
            return this;
        }

        public Builder lunarCalendar(LunarCalendar lunar) {
            this.lunarCalendar = Objects.requireNonNull(lunar);
            return this;
        }

        public Builder calendarDaysSkipHolidays(boolean skip) {
            this.calendarDaysSkipHolidays = skip;
            return this;
        }

        public Builder dueSoonThreshold(Duration threshold) {
            if (threshold.isNegative()) {
                throw new IllegalArgumentException("negative threshold");
            }
            this.dueSoonThreshold = threshold;
            return this;
        }

        public Builder workingDayCounting(WorkingDayCounting counting) {
            this.workingDayCounting = Objects.requireNonNull(counting);
            return this;
        }

        public CalendarConfig build() {
            if (officeHours.values().stream().allMatch(List::isEmpty)) {
                throw new IllegalArgumentException("no office hours on any weekday");
            }
            return new CalendarConfig(this);
        }
    }
}
