package vn.motcua.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.DossierStatus;

/**
 * What the reports need to know of one dossier, read once per report from the cache's report read model
 * ({@link vn.motcua.store.ReportFacts}).
 *
 * @param appointment      the due time given at reception (NgayHenTra); null when the procedure has none
 * @param finishedAt       end of processing as the national index counts it (first of result ready, delivered,
 *                         stopped/refused/returned/withdrawn), null while open
 * @param supplementPauses each request for more papers until the papers came back (end null = still waiting)
 * @param extended         an apology letter moved the date (Form 04/05): still late for the index
 * @param digitised        a paper was digitised at reception or a scan is attached
 * @param reused           a paper was reused from an earlier dossier or result
 * @param fromNationalStore a paper was taken from the national data store
 * @param electronicResult a signed (or issued) electronic result document exists
 * @param feeVnd           fees recorded as paid, or the procedure's fee for the dossier's channel when none is recorded
 * @param paidOnline       a payment went through an online gateway
 * @param dissatisfied     the applicant rated the service "not satisfied" at the hand-over
 */
public record DossierFacts(String code, String procedureCode, String procedureName, String field, Channel channel, DossierStatus status,
        String applicantName, String assignee, Instant receivedAt, Instant appointment, Instant dueAt, Instant finishedAt,
        List<Pause> supplementPauses, boolean extended, boolean digitised, boolean reused, boolean fromNationalStore,
        boolean electronicResult, long feeVnd, boolean paidOnline, boolean dissatisfied) {

    /** Time a dossier waited for the applicant's papers. */
    public record Pause(Instant from, Instant to) {
    }

    /** How a dossier stands at the end of a period, as the national report counts it. */
    public enum Outcome {
        /** Result ready before the due day. */
        EARLY,
        /** Result ready on the due day. */
        ON_TIME,
        /** Result ready after the due time, or after more than one supplement request. */
        LATE,
        /** Still being processed, due time not passed. */
        IN_TIME,
        /** Still being processed, past the due time. */
        OVERDUE,
        /** Stopped, returned as ineligible, refused or withdrawn. */
        STOPPED
    }

    public DossierFacts {
        supplementPauses = List.copyOf(supplementPauses);
        field = field == null || field.isBlank() ? "—" : field;
        procedureName = procedureName == null ? procedureCode : procedureName;
    }

    /** The store's facts of a dossier. */
    static DossierFacts of(vn.motcua.store.ReportFacts.DossierFact f) {
        return new DossierFacts(f.code(), f.procedureCode(), f.procedureName(), f.field(), f.channel(), f.status(), f.applicantName(),
                f.assignee(), f.receivedAt(), f.appointment(), f.dueAt(), f.finishedAt(),
                f.supplementPauses().stream().map(p -> new Pause(p.from(), p.to())).toList(), f.extended(), f.digitised(), f.reused(),
                f.fromNationalStore(), f.electronicResult(), f.feeVnd(), f.paidOnline(), f.dissatisfied());
    }

    public int supplementRequests() {
        return supplementPauses.size();
    }

    public boolean receivedIn(ReportPeriod p) {
        return p.contains(receivedAt);
    }

    /** Finished before the end of the period (the reader leaves out dossiers finished before it started). */
    public boolean finishedBy(ReportPeriod p) {
        return finishedAt != null && finishedAt.isBefore(p.end());
    }

    public boolean isStop() {
        return switch (status) {
            case STOPPED, RETURNED, REFUSED, WITHDRAWN -> true;
            default -> false;
        };
    }

    /**
     * The moment the national index judges: the end of processing when it happened in the period; for a dossier
     * waiting for papers, when they were asked for; otherwise the end of the period (or now, if sooner).
     */
    public Instant judgedAt(ReportPeriod p, Instant now) {
        if (finishedBy(p)) {
            return finishedAt;
        }
        Instant cut = p.end().isBefore(now) ? p.end() : now;
        for (Pause s : supplementPauses) {
            if (s.to() == null && s.from().isBefore(cut)) {
                return s.from();
            }
        }
        return cut;
    }

    /** Supplement time completed before {@code at}: the index subtracts it. */
    public Duration pausedBefore(Instant at) {
        Duration d = Duration.ZERO;
        for (Pause s : supplementPauses) {
            if (s.to() != null && !s.to().isAfter(at)) {
                d = d.plus(Duration.between(s.from(), s.to()));
            }
        }
        return d;
    }

    /**
     * Late as Decision 766 counts it: more than one supplement request, or the judged moment minus the supplement time
     * after the appointment. A dossier without a due time is late only by the supplement rule.
     */
    public boolean late(ReportPeriod p, Instant now) {
        if (supplementRequests() > 1) {
            return true;
        }
        if (appointment == null) {
            return false;
        }
        Instant judged = judgedAt(p, now);
        return judged.minus(pausedBefore(judged)).isAfter(appointment);
    }

    public Outcome outcome(ReportPeriod p, Instant now) {
        boolean late = late(p, now);
        if (finishedBy(p)) {
            if (isStop()) {
                return Outcome.STOPPED;
            }
            if (late) {
                return Outcome.LATE;
            }
            Instant judged = finishedAt.minus(pausedBefore(finishedAt));
            return appointment != null && day(judged).equals(day(appointment)) ? Outcome.ON_TIME : Outcome.EARLY;
        }
        return late ? Outcome.OVERDUE : Outcome.IN_TIME;
    }

    /** Days from reception to the end of processing, supplement time left out; only for finished dossiers. */
    public double processingDays() {
        Duration d = Duration.between(receivedAt, finishedAt).minus(pausedBefore(finishedAt));
        return Math.max(0, d.toMinutes()) / (24.0 * 60);
    }

    /** How late, in days (rounded up), at the judged moment; 0 when not late by time. */
    public long daysLate(ReportPeriod p, Instant now) {
        if (appointment == null) {
            return 0;
        }
        Instant judged = judgedAt(p, now);
        Duration over = Duration.between(appointment, judged.minus(pausedBefore(judged)));
        if (over.isNegative() || over.isZero()) {
            return 0;
        }
        return (over.toMinutes() + 24 * 60 - 1) / (24 * 60);
    }

    static LocalDate day(Instant i) {
        return i.atZone(ReportPeriod.VIETNAM).toLocalDate();
    }
}
