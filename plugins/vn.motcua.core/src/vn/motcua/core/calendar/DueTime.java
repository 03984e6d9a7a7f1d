package vn.motcua.core.calendar;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Result of a due-time computation, with the explanation the UI shows under "explain this date".
 *
 * @param request            the inputs
 * @param clockStart         when the processing clock started (after normalisation and cut-off; after a
 *                           RESTART supplement, the restart time)
 * @param dueAt              the appointment time, or {@code null} (no due date, or awaiting a supplement)
 * @param workingTimeBudget  working time allowed for working units (for a same-day time: the rest of the day
 *                           from the clock start), else {@code null}
 * @param pausedWorkingTime  working time the clock stood still for completed supplements (PAUSE mode)
 * @param awaitingSupplement whether a supplement is still awaited (clock stopped, due time not yet known)
 * @param skippedDays        every day off passed over on the way to the due time, in order
 * @param steps              the explanation, in order (reception, adjustments, duration, each skipped day,
 *                           supplements, result)
 */
public record DueTime(DueTimeRequest request, LocalDateTime clockStart, LocalDateTime dueAt,
        Duration workingTimeBudget, Duration pausedWorkingTime, boolean awaitingSupplement,
        List<DayStatus> skippedDays, List<Reason> steps) {
    public DueTime {
        skippedDays = List.copyOf(skippedDays);
        steps = List.copyOf(steps);
    }

    public Optional<LocalDateTime> due() {
        return Optional.ofNullable(dueAt);
    }

    /** The due time in wire format {@code yyyyMMddHHmmss}, or empty. */
    public Optional<String> dueAtWire() {
        return due().map(WireTime::format);
    }

    /**
     * The national on-time formula (Decision 766) counts a dossier with more than one supplement request as
     * late whatever its dates.
     */
    public boolean lateByServiceIndexRule() {
        return request.supplements().size() > 1;
    }

    /** The explanation lines in {@code locale} ({@code null} = Vietnamese). */
    public List<String> explain(Locale locale) {
        return steps.stream().map(r -> r.text(locale)).toList();
    }
}
