package vn.motcua.desk;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import vn.motcua.core.calendar.DueTime;
import vn.motcua.core.calendar.DueTimeCalculator;
import vn.motcua.core.calendar.DueTimeRequest;
import vn.motcua.core.calendar.Supplement;
import vn.motcua.core.calendar.SupplementMode;
import vn.motcua.core.calendar.WorkingTimeCalendar;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.rules.RulePacks;

/**
 * Appointments by the workstation's working-time calendar: at reception (the procedure's time for the dossier's
 * channel, its cut-off hour), after a supplement (the time waited for the papers left out, as promised at the
 * counter), and the new date of an apology (Form 04), counted in working days from the old one.
 */
public final class Appointments {
    static final ZoneId VIETNAM = RulePacks.VIETNAM;
    private final Supplier<WorkingTimeCalendar> calendar;

    public Appointments(Supplier<WorkingTimeCalendar> calendar) {
        this.calendar = calendar;
    }

    /** The appointment of a dossier of {@code p} received at {@code at} through {@code channel}, with its explanation. */
    public Optional<DueTime> atReception(Procedure p, Channel channel, Instant at) {
        return p.processingTime(channel).map(time -> new DueTimeCalculator(calendar.get()).compute(new DueTimeRequest(local(at), time,
                p.cutOff().orElse(null), SupplementMode.defaultMode(), List.of())));
    }

    /**
     * The appointment of a received dossier as it stands at {@code now}: reception, the procedure's time, every
     * supplement pause (one still open ends at {@code now}) and each day skipped — what "explain the due date" shows.
     * Empty before reception or without a processing time.
     */
    public Optional<DueTime> explain(Dossier d, Procedure p, Instant now) {
        if (d.receivedAt() == null || p.processingTime(d.channel()).isEmpty()) {
            return Optional.empty();
        }
        List<Supplement> supplements = new ArrayList<>();
        LocalDateTime requested = null;
        for (DossierEvent e : d.events()) {
            // Only pauses after the reception count: a supplement asked at the counter came before the clock started.
            if (e.action() == DossierAction.REQUEST_SUPPLEMENT && !e.at().isBefore(d.receivedAt())) {
                requested = local(e.at());
            } else if (e.action() == DossierAction.RECEIVE_SUPPLEMENT && requested != null) {
                supplements.add(new Supplement(requested, local(e.at())));
                requested = null;
            }
        }
        if (requested != null) {
            supplements.add(new Supplement(requested, local(now)));
        }
        return Optional.of(new DueTimeCalculator(calendar.get()).compute(new DueTimeRequest(local(d.receivedAt()), p.processingTime(d.channel()).get(),
                p.cutOff().orElse(null), SupplementMode.defaultMode(), supplements)));
    }

    /** Working time used so far and left until the appointment (negative when late), by the calendar. */
    public record Progress(java.time.Duration used, java.time.Duration left) {
    }

    public Progress progress(DueTime due, Instant now) {
        DueTimeCalculator c = new DueTimeCalculator(calendar.get());
        return new Progress(c.usedWorkingTime(due, local(now)), c.remainingWorkingTime(due, local(now)));
    }

    /** The appointment once the papers asked for came back at {@code now}; null when the procedure sets none. */
    Instant afterSupplement(Dossier d, Procedure p, Instant now) {
        return explain(d, p, now).flatMap(DueTime::due).map(Appointments::instant).orElse(null);
    }

    /**
     * The new appointment of an apology letter: {@code workingDays} working days after the old one, on the
     * workstation's calendar (weekends, holidays and official days off skipped), at the same time of day.
     */
    public Instant extended(Instant oldDueAt, int workingDays) {
        if (workingDays < 1) {
            throw new DeskException("extend.days", workingDays);
        }
        return instant(calendar.get().addWorkingDays(local(oldDueAt), workingDays));
    }

    static LocalDateTime local(Instant at) {
        return LocalDateTime.ofInstant(at, VIETNAM);
    }

    static Instant instant(LocalDateTime at) {
        return at.atZone(VIETNAM).toInstant();
    }
}
