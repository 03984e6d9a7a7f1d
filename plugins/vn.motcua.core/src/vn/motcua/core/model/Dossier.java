package vn.motcua.core.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One application by one applicant for one procedure. Immutable: the status, due time, assignee and history
 * change only by {@link #record(DossierEvent, Changes)}, which appends one event; the lifecycle
 * ({@code vn.motcua.core.lifecycle.Lifecycle}) is the one caller that decides whether an event is allowed.
 * The canonical constructor exists for storage and checks that the status agrees with the history.
 *
 * @param code             dossier code printed on the receipt; null only while {@link DossierStatus#DRAFT}
 * @param procedureVersion the catalogue version in force at reception, pinned
 * @param rulePackId       the rule pack in force at reception ("2025", "2018"), pinned
 * @param receivedAt       null until received
 * @param dueAt            appointment time (ngày hẹn trả); null until received or when the procedure has no due date
 * @param assignee         username of the specialist in charge, or null
 * @param agencyCode       the agency that owns the dossier
 * @param events           append-only history, sequence 1..n
 * @param delivery         result delivery, null until chosen
 * @param lookupSecretHash the receipt's lookup secret, hashed ({@code vn.motcua.core.code.LookupSecret}); null before
 *                         a receipt was printed. Travels with the dossier so any desk and the server can check a lookup.
 */
public record Dossier(String code, String procedureCode, int procedureVersion, String rulePackId, Channel channel,
        Applicant applicant, List<ReceivedPaper> papers, Instant receivedAt, Instant dueAt, DossierStatus status,
        String assignee, String agencyCode, List<DossierEvent> events, List<Attachment> attachments,
        List<ResultDocument> results, List<FeePayment> feesPaid, Delivery delivery, String lookupSecretHash) {

    /** A dossier without a receipt's lookup secret (stored before schema 13, imported, or not yet received). */
    public Dossier(String code, String procedureCode, int procedureVersion, String rulePackId, Channel channel,
            Applicant applicant, List<ReceivedPaper> papers, Instant receivedAt, Instant dueAt, DossierStatus status,
            String assignee, String agencyCode, List<DossierEvent> events, List<Attachment> attachments,
            List<ResultDocument> results, List<FeePayment> feesPaid, Delivery delivery) {
        this(code, procedureCode, procedureVersion, rulePackId, channel, applicant, papers, receivedAt, dueAt, status, assignee,
                agencyCode, events, attachments, results, feesPaid, delivery, null);
    }

    public Dossier {
        Objects.requireNonNull(procedureCode, "procedureCode");
        Objects.requireNonNull(rulePackId, "rulePackId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(applicant, "applicant");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(agencyCode, "agencyCode");
        if (code == null && status != DossierStatus.DRAFT) {
            throw new IllegalArgumentException("a dossier in status " + status + " needs a code");
        }
        papers = copy(papers);
        events = copy(events);
        attachments = copy(attachments);
        results = copy(results);
        feesPaid = copy(feesPaid);
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).sequence() != i + 1) {
                throw new IllegalArgumentException("event sequence gap at position " + (i + 1));
            }
        }
        if (!events.isEmpty() && events.get(events.size() - 1).toStatus() != status) {
            throw new IllegalArgumentException("status " + status + " disagrees with the last event");
        }
    }

    private static <T> List<T> copy(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** A dossier being entered at the counter: no code, no history yet. */
    public static Dossier draft(String procedureCode, int procedureVersion, String rulePackId, Channel channel,
            Applicant applicant, List<ReceivedPaper> papers, String agencyCode) {
        return new Dossier(null, procedureCode, procedureVersion, rulePackId, channel, applicant, papers, null, null,
                DossierStatus.DRAFT, null, agencyCode, List.of(), List.of(), List.of(), List.of(), null);
    }

    /**
     * An online submission handed over by the national portal, with the portal's code and a first
     * {@link DossierAction#SUBMIT_ONLINE} event.
     */
    public static Dossier submittedOnline(String code, String procedureCode, int procedureVersion, String rulePackId,
            Applicant applicant, List<ReceivedPaper> papers, String agencyCode, Instant submittedAt,
            String actorUsername) {
        DossierEvent first = new DossierEvent(1, DossierAction.SUBMIT_ONLINE, null, DossierStatus.SUBMITTED_ONLINE,
                actorUsername, Role.CLERK, "", submittedAt, "", null, null, null, null);
        return new Dossier(Objects.requireNonNull(code, "code"), procedureCode, procedureVersion, rulePackId,
                Channel.ONLINE, applicant, papers, null, null, DossierStatus.SUBMITTED_ONLINE, null, agencyCode,
                List.of(first), List.of(), List.of(), List.of(), null);
    }

    /** Sequence number the next event must carry. */
    public long nextSequence() {
        return events.size() + 1L;
    }

    public Optional<DossierEvent> lastEvent() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }

    /** How many supplement requests were made (more than one makes the dossier late in the national index). */
    public int supplementRequestCount() {
        return (int) events.stream().filter(e -> e.action() == DossierAction.REQUEST_SUPPLEMENT).count();
    }

    /** Whether the one allowed extension (Form 04) has been used. */
    public boolean isExtended() {
        return events.stream().anyMatch(e -> e.action() == DossierAction.EXTEND);
    }

    /**
     * The dossier after {@code event}: status becomes the event's to-status, the event is appended, and the
     * given changes apply. Rejects events that do not continue this history.
     */
    public Dossier record(DossierEvent event, Changes changes) {
        Objects.requireNonNull(event, "event");
        Changes c = changes == null ? Changes.NONE : changes;
        if (event.sequence() != nextSequence()) {
            throw new IllegalArgumentException("expected event " + nextSequence() + ", got " + event.sequence());
        }
        if (event.fromStatus() != status) {
            throw new IllegalArgumentException("event from " + event.fromStatus() + " but dossier is " + status);
        }
        List<DossierEvent> ev = new ArrayList<>(events);
        ev.add(event);
        List<ResultDocument> res = results;
        if (c.result() != null) {
            res = new ArrayList<>(results);
            res.add(c.result());
        }
        List<FeePayment> fees = feesPaid;
        if (c.payment() != null) {
            fees = new ArrayList<>(feesPaid);
            fees.add(c.payment());
        }
        return new Dossier(c.code() != null ? c.code() : code, procedureCode, procedureVersion, rulePackId, channel,
                applicant, c.papers() != null ? c.papers() : papers, c.receivedAt() != null ? c.receivedAt() : receivedAt,
                c.dueAt() != null ? c.dueAt() : dueAt, event.toStatus(),
                c.clearAssignee() ? null : c.assignee() != null ? c.assignee() : assignee, agencyCode, ev,
                attachments, res, fees, c.delivery() != null ? c.delivery() : delivery,
                c.lookupSecretHash() != null ? c.lookupSecretHash() : lookupSecretHash);
    }

    /** Papers and scans may be corrected while the dossier is open; this does not touch status or history. */
    public Dossier withPapers(List<ReceivedPaper> newPapers, List<Attachment> newAttachments) {
        if (status.isFinal()) {
            throw new IllegalStateException("dossier " + code + " is closed (" + status + ")");
        }
        return new Dossier(code, procedureCode, procedureVersion, rulePackId, channel, applicant, newPapers,
                receivedAt, dueAt, status, assignee, agencyCode, events, newAttachments, results, feesPaid,
                delivery, lookupSecretHash);
    }

    /**
     * What an event changes besides status and history; null fields mean "unchanged".
     *
     * @param result           appended to the result documents
     * @param payment          appended to the fees paid
     * @param lookupSecretHash the hash of the lookup secret printed on a new receipt
     * @param papers           the papers the dossier holds after a supplement
     */
    public record Changes(String code, Instant receivedAt, Instant dueAt, String assignee, boolean clearAssignee,
            ResultDocument result, FeePayment payment, Delivery delivery, String lookupSecretHash, List<ReceivedPaper> papers) {
        public static final Changes NONE = new Changes(null, null, null, null, false, null, null, null, null, null);

        public Changes withCode(String v) {
            return new Changes(v, receivedAt, dueAt, assignee, clearAssignee, result, payment, delivery, lookupSecretHash, papers);
        }

        public Changes withReceivedAt(Instant v) {
            return new Changes(code, v, dueAt, assignee, clearAssignee, result, payment, delivery, lookupSecretHash, papers);
        }

        public Changes withDueAt(Instant v) {
            return new Changes(code, receivedAt, v, assignee, clearAssignee, result, payment, delivery, lookupSecretHash, papers);
        }

        public Changes withAssignee(String v) {
            return new Changes(code, receivedAt, dueAt, v, false, result, payment, delivery, lookupSecretHash, papers);
        }

        public Changes withoutAssignee() {
            return new Changes(code, receivedAt, dueAt, null, true, result, payment, delivery, lookupSecretHash, papers);
        }

        public Changes withResult(ResultDocument v) {
            return new Changes(code, receivedAt, dueAt, assignee, clearAssignee, v, payment, delivery, lookupSecretHash, papers);
        }

        public Changes withPayment(FeePayment v) {
            return new Changes(code, receivedAt, dueAt, assignee, clearAssignee, result, v, delivery, lookupSecretHash, papers);
        }

        public Changes withDelivery(Delivery v) {
            return new Changes(code, receivedAt, dueAt, assignee, clearAssignee, result, payment, v, lookupSecretHash, papers);
        }

        public Changes withLookupSecretHash(String v) {
            return new Changes(code, receivedAt, dueAt, assignee, clearAssignee, result, payment, delivery, v, papers);
        }

        public Changes withPapers(List<ReceivedPaper> v) {
            return new Changes(code, receivedAt, dueAt, assignee, clearAssignee, result, payment, delivery, lookupSecretHash, v);
        }
    }
}
