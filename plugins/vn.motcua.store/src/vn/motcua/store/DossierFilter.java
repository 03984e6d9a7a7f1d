package vn.motcua.store;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import vn.motcua.core.model.DeadlineClass;

/**
 * What the dossier list asks for. {@code text} is matched ignoring case and diacritics ("nguyen van a" finds
 * "Nguyễn Văn A", "d" matches "đ") against code, applicant name, citizen ID, phone and procedure name/code;
 * each word typed is a prefix of a word of the dossier ("ngu va" finds "Nguyễn Văn …"), and every word must
 * match. The other criteria are all optional (empty set or {@code null} = no restriction) and combine with AND.
 *
 * @param statuses      status names ({@link vn.motcua.core.model.DossierStatus#name()}); empty = all
 * @param deadline      deadline classes relative to a given moment; {@code null} = any
 * @param procedureCode exact procedure code; {@code null} = any
 * @param fieldName     exact field (lĩnh vực) of the procedure; {@code null} = any
 * @param assignee      exact assignee user name; {@code null} = any
 * @param receivedFrom  received at or after; {@code null} = open
 * @param receivedTo    received before (exclusive); {@code null} = open
 */
public record DossierFilter(String text, Set<String> statuses, Sort sort, Deadline deadline, String procedureCode,
        String fieldName, String assignee, Instant receivedFrom, Instant receivedTo) {

    /** List order. */
    public enum Sort {
        RECEIVED_NEWEST, DUE_SOONEST, CODE,
        /** Best match first (words typed in full before mere prefixes), then newest; without text = RECEIVED_NEWEST. */
        RELEVANCE
    }

    /**
     * Deadline classes as the list shows them at {@code now}. Only open dossiers have one: OVERDUE when
     * {@code due_at < now}; DUE_SOON when {@code now <= due_at <= dueSoonUntil}; ON_TIME otherwise (later due time,
     * none, or paused awaiting a supplement or a payment). Finished dossiers (final statuses) match no class.
     * {@code dueSoonUntil} is the moment the working-time threshold is reached — the caller computes it with the
     * working-time calendar, which the store does not know.
     */
    public record Deadline(Set<DeadlineClass> classes, Instant now, Instant dueSoonUntil) {
        public Deadline {
            classes = Set.copyOf(classes);
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(dueSoonUntil, "dueSoonUntil");
            if (classes.isEmpty()) {
                throw new IllegalArgumentException("a deadline filter names at least one class");
            }
        }

        public static Deadline of(DeadlineClass c, Instant now, Instant dueSoonUntil) {
            return new Deadline(EnumSet.of(c), now, dueSoonUntil);
        }
    }

    public DossierFilter {
        text = text == null ? "" : text;
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        sort = sort == null ? Sort.RECEIVED_NEWEST : sort;
    }

    /** The list's original three criteria; the others are unrestricted. */
    public DossierFilter(String text, Set<String> statuses, Sort sort) {
        this(text, statuses, sort, null, null, null, null, null, null);
    }

    public static DossierFilter all() {
        return new DossierFilter("", Set.of(), Sort.RECEIVED_NEWEST);
    }

    public DossierFilter withText(String t) {
        return new DossierFilter(t, statuses, sort, deadline, procedureCode, fieldName, assignee, receivedFrom, receivedTo);
    }

    public DossierFilter withStatuses(Set<String> s) {
        return new DossierFilter(text, s, sort, deadline, procedureCode, fieldName, assignee, receivedFrom, receivedTo);
    }

    public DossierFilter withSort(Sort s) {
        return new DossierFilter(text, statuses, s, deadline, procedureCode, fieldName, assignee, receivedFrom, receivedTo);
    }

    public DossierFilter withDeadline(Deadline d) {
        return new DossierFilter(text, statuses, sort, d, procedureCode, fieldName, assignee, receivedFrom, receivedTo);
    }

    public DossierFilter withProcedureCode(String code) {
        return new DossierFilter(text, statuses, sort, deadline, code, fieldName, assignee, receivedFrom, receivedTo);
    }

    public DossierFilter withField(String field) {
        return new DossierFilter(text, statuses, sort, deadline, procedureCode, field, assignee, receivedFrom, receivedTo);
    }

    public DossierFilter withAssignee(String user) {
        return new DossierFilter(text, statuses, sort, deadline, procedureCode, fieldName, user, receivedFrom, receivedTo);
    }

    /** Received in {@code [from, to)}; either end may be {@code null}. */
    public DossierFilter withReceived(Instant from, Instant to) {
        return new DossierFilter(text, statuses, sort, deadline, procedureCode, fieldName, assignee, from, to);
    }
}
