package vn.motcua.core.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import vn.motcua.core.model.DeadlineClass;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.ProcessingTime;

/**
 * Computes appointment (due) times with an explanation, per-step due times and deadline classes.
 *
 * <p>Order of work: normalise the reception time into office hours → apply the procedure's cut-off → add the
 * processing time in its unit → move a due date that lands on a day off to the next working day (calendar
 * units) → apply supplements ({@link SupplementMode#PAUSE} by default). A same-day time
 * ({@link DurationUnit#SAME_DAY}) is due at the closing of the day the clock starts; with the cut-off that day
 * is the next working day for a late reception. A time without a due date
 * ({@link ProcessingTime#hasDueDate()} false) gives no due time.
 *
 * <p>A due time already promised must not change when the calendar changes: callers store {@link DueTime#dueAt()}
 * and compute again only for new dossiers.
 */
public final class DueTimeCalculator {
    private final WorkingTimeCalendar calendar;

    public DueTimeCalculator(WorkingTimeCalendar calendar) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    public WorkingTimeCalendar calendar() {
        return calendar;
    }

    /** Mutable scratch state of one computation (never shared). */
    private static final class Trace {
        final List<Reason> steps = new ArrayList<>();
        final Map<LocalDate, DayStatus> skipped = new LinkedHashMap<>();

        void skip(DayStatus s) {
            if (skipped.putIfAbsent(s.date(), s) == null) {
                steps.add(Reason.of("explain.skipped", Texts.date(s.date()), Texts.weekday(s.date().getDayOfWeek()),
                        joined(s.reasons())));
            }
        }

        private static Reason joined(List<Reason> reasons) {
            Reason r = reasons.get(0);
            for (int i = 1; i < reasons.size(); i++) {
                r = Reason.of("explain.and", r, reasons.get(i));
            }
            return r;
        }
    }

    /** Computes the due time of a dossier. */
    public DueTime compute(DueTimeRequest request) {
        Trace trace = new Trace();
        ProcessingTime pt = request.processingTime();
        trace.steps.add(Reason.of("explain.received", Texts.dateTime(request.receivedAt())));
        trace.steps.add(Reason.of("explain.processingTime", pt));
        if (!pt.hasDueDate()) {
            trace.steps.add(Reason.of("explain.noDueDate"));
            return new DueTime(request, request.receivedAt(), null, null, Duration.ZERO, false, List.of(), trace.steps);
        }
        LocalDateTime start = clockStart(request.receivedAt(), request.cutOff(), trace);
        LocalDateTime due = addProcessingTime(start, pt, trace);
        Duration budget = budget(pt, start, due);

        Duration paused = Duration.ZERO;
        boolean awaiting = false;
        List<Supplement> supplements = request.supplements();
        if (supplements.size() > 1) {
            trace.steps.add(Reason.of("explain.supplement.many", supplements.size()));
        }
        for (Supplement s : supplements) {
            if (!s.isCompleted()) {
                awaiting = true;
                trace.steps.add(Reason.of("explain.supplement.awaiting", Texts.dateTime(s.requestedAt())));
                break;
            }
            if (request.supplementMode() == SupplementMode.RESTART) {
                trace.steps.add(Reason.of("explain.supplement.restart", Texts.dateTime(s.requestedAt()),
                        Texts.dateTime(s.completedAt())));
                trace.skipped.clear(); // only days after the restart lead to the new due time
                start = clockStart(s.completedAt(), request.cutOff(), trace);
                due = addProcessingTime(start, pt, trace);
                budget = budget(pt, start, due);
            } else {
                due = pause(due, s, pt, trace);
                if (pt.unit().countsWorkingTime()) {
                    paused = paused.plus(calendar.workingTimeBetween(s.requestedAt(), s.completedAt()));
                }
            }
        }
        if (awaiting) {
            due = null;
        } else {
            trace.steps.add(Reason.of("explain.due", Texts.dateTime(due), Texts.weekday(due.getDayOfWeek())));
        }
        return new DueTime(request, start, due, budget, paused, awaiting,
                List.copyOf(trace.skipped.values()), trace.steps);
    }

    /** Working time allowed: the stated amount, or for a same-day time what is left of the day at clock start. */
    private Duration budget(ProcessingTime pt, LocalDateTime start, LocalDateTime due) {
        return pt.isSameDay() ? calendar.workingTimeBetween(start, due) : pt.workingTime();
    }

    /** Normalises a reception time and applies the cut-off. */
    private LocalDateTime clockStart(LocalDateTime received, LocalTime cutOff, Trace trace) {
        Reception rec = calendar.normalizeReception(received);
        rec.skipped().forEach(trace::skip);
        LocalDateTime start = rec.clockStart();
        if (rec.adjustment() != Reception.Adjustment.NONE) {
            trace.steps.add(Reason.of("explain.adjust." + rec.adjustment().name(), Texts.dateTime(start)));
        }
        if (cutOff != null && start.toLocalDate().equals(received.toLocalDate()) && start.toLocalTime().isAfter(cutOff)) {
            start = calendar.nextOpening(start.toLocalDate(), trace::skip);
            trace.steps.add(Reason.of("explain.cutOff", cutOff.toString(), Texts.dateTime(start)));
        }
        return start;
    }

    private LocalDateTime addProcessingTime(LocalDateTime start, ProcessingTime pt, Trace trace) {
        return switch (pt.unit()) {
            case SAME_DAY -> {
                LocalDateTime closing = calendar.closingTime(start.toLocalDate());
                trace.steps.add(Reason.of("explain.sameDay", Texts.dateTime(closing)));
                yield closing;
            }
            case WORKING_DAYS, WORKING_HOURS -> {
                Duration w = pt.workingTime();
                if (pt.unit() == DurationUnit.WORKING_DAYS
                        && calendar.config().workingDayCounting() == WorkingDayCounting.WHOLE_DAYS) {
                    long whole = pt.amount().longValue();
                    Duration rest = w.minus(CalendarConfig.WORKING_DAY.multipliedBy(whole));
                    trace.steps.add(Reason.of("explain.workingDays", whole, Texts.dateTime(start)));
                    LocalDateTime t = calendar.addWorkingDays(start, whole, trace::skip);
                    if (!rest.isZero()) {
                        trace.steps.add(Reason.of("explain.workingTimeRest", hours(rest)));
                        t = calendar.addWorkingTime(t, rest, trace::skip);
                    }
                    yield t;
                }
                trace.steps.add(Reason.of("explain.workingTime", hours(w), Texts.dateTime(start)));
                yield calendar.addWorkingTime(start, w, trace::skip);
            }
            case CALENDAR_DAYS -> {
                long n = pt.amount().longValueExact();
                LocalDate d = start.toLocalDate();
                if (calendar.config().calendarDaysSkipHolidays()) {
                    trace.steps.add(Reason.of("explain.calendarDays.skipHolidays", n));
                    for (long i = 0; i < n; ) {
                        d = d.plusDays(1);
                        if (calendar.isHoliday(d)) {
                            trace.skip(calendar.dayStatus(d));
                        } else {
                            i++;
                        }
                    }
                } else {
                    trace.steps.add(Reason.of("explain.calendarDays", n));
                    d = d.plusDays(n);
                }
                yield onWorkingDay(LocalDateTime.of(d, start.toLocalTime()), trace);
            }
            case MONTHS -> {
                long n = pt.amount().longValueExact();
                trace.steps.add(Reason.of("explain.months", n));
                yield onWorkingDay(start.plusMonths(n), trace);
            }
        };
    }

    /**
     * A calendar-unit due time landing on a day off moves to the next working day (same time of day, but not
     * after that day's closing).
     */
    private LocalDateTime onWorkingDay(LocalDateTime due, Trace trace) {
        LocalDate d = due.toLocalDate();
        if (!calendar.isWorkingDay(d)) {
            trace.skip(calendar.dayStatus(d));
            d = calendar.nextWorkingDay(d, trace::skip);
            trace.steps.add(Reason.of("explain.movedToWorkingDay", Texts.date(d)));
        }
        LocalDateTime closing = calendar.closingTime(d);
        LocalDateTime t = LocalDateTime.of(d, due.toLocalTime());
        return t.isAfter(closing) ? closing : t;
    }

    private LocalDateTime pause(LocalDateTime due, Supplement s, ProcessingTime pt, Trace trace) {
        if (pt.unit().countsWorkingTime()) {
            Duration paused = calendar.workingTimeBetween(s.requestedAt(), s.completedAt());
            LocalDateTime newDue = calendar.addWorkingTime(due, paused, trace::skip);
            trace.steps.add(Reason.of("explain.supplement.pause", Texts.dateTime(s.requestedAt()),
                    Texts.dateTime(s.completedAt()), hours(paused), Texts.dateTime(newDue)));
            return newDue;
        }
        long days = ChronoUnit.DAYS.between(s.requestedAt().toLocalDate(), s.completedAt().toLocalDate());
        LocalDateTime newDue = onWorkingDay(due.plusDays(days), trace);
        trace.steps.add(Reason.of("explain.supplement.pauseDays", Texts.dateTime(s.requestedAt()),
                Texts.dateTime(s.completedAt()), days, Texts.dateTime(newDue)));
        return newDue;
    }

    /** "3,5" style hours for messages, without trailing zeros. */
    private static String hours(Duration d) {
        long minutes = d.toMinutes();
        if (minutes % 60 == 0) {
            return Long.toString(minutes / 60);
        }
        return minutes / 60 + "h" + String.format("%02d", minutes % 60);
    }

    // ------------------------------------------------------------------ steps

    /**
     * Per-step due times: each step starts when the previous one is due (the first at {@code start}) and gets
     * its budget of working time.
     */
    public List<StepDue> stepDueTimes(LocalDateTime start, List<StepBudget> budgets) {
        List<StepDue> result = new ArrayList<>();
        LocalDateTime t = start;
        for (StepBudget b : budgets) {
            LocalDateTime due = calendar.addWorkingTime(t, b.budget());
            result.add(new StepDue(b, t, due));
            t = due;
        }
        return result;
    }

    /** Due time of one step started at {@code stepStart} (e.g. when a specialist takes the dossier). */
    public LocalDateTime stepDue(LocalDateTime stepStart, StepBudget budget) {
        return calendar.addWorkingTime(stepStart, budget.budget());
    }

    // ------------------------------------------------------------------ classes

    /**
     * Class of an open dossier at {@code now}: OVERDUE after the due time; DUE_SOON when at most the configured
     * threshold of working time is left; otherwise ON_TIME (also with no due date or while awaiting a supplement).
     */
    public DeadlineClass classify(DueTime due, LocalDateTime now) {
        if (due.dueAt() == null) {
            return DeadlineClass.ON_TIME;
        }
        if (now.isAfter(due.dueAt())) {
            return DeadlineClass.OVERDUE;
        }
        Duration left = calendar.workingTimeBetween(now, due.dueAt());
        return left.compareTo(calendar.config().dueSoonThreshold()) <= 0 ? DeadlineClass.DUE_SOON : DeadlineClass.ON_TIME;
    }

    /** Class of a finished dossier: ON_TIME if the result was ready at or before the due time, else OVERDUE. */
    public DeadlineClass classifyFinished(DueTime due, LocalDateTime finishedAt) {
        return due.dueAt() == null || !finishedAt.isAfter(due.dueAt()) ? DeadlineClass.ON_TIME : DeadlineClass.OVERDUE;
    }

    /** Working time left until the due time (negative when overdue); {@code null} without a due time. */
    public Duration remainingWorkingTime(DueTime due, LocalDateTime now) {
        return due.dueAt() == null ? null : calendar.workingTimeBetween(now, due.dueAt());
    }

    /** Working time used since the clock started, minus paused supplement time. */
    public Duration usedWorkingTime(DueTime due, LocalDateTime now) {
        return calendar.workingTimeBetween(due.clockStart(), now).minus(due.pausedWorkingTime());
    }
}
