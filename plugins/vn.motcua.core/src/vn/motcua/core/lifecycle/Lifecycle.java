package vn.motcua.core.lifecycle;

import static vn.motcua.core.model.DossierStatus.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Role;
import vn.motcua.core.rules.FormKind;
import vn.motcua.core.rules.RulePack;
import vn.motcua.core.rules.RulePacks;

/**
 * The dossier state machine (lifecycle.md), shared by the client and the server that re-validates synced
 * commands. Deterministic: it never reads a clock — the time of a command is an argument — and holds no
 * mutable state.
 *
 * <p>Guards, in the order they are reported: the current status must allow the action; the actor must hold the
 * role they act in and the action must allow that role; the actor must belong to the dossier's agency (a head
 * approves only their agency's dossiers); then action-specific guards (supplement at reception vs processing,
 * the assigned specialist, extension once and only before the due time). Reasons are mandatory for the
 * actions that produce forms 02–05, for send-backs, returns and withdrawals. A second supplement request is
 * allowed with a warning: the national index then counts the dossier as late.
 */
public final class Lifecycle {
    private static final Set<DossierStatus> PROCESSING = EnumSet.of(RECEIVED, ASSIGNED, IN_PROCESS,
            SUPPLEMENT_RECEIVED, PENDING_APPROVAL);

    private final RulePacks rulePacks;
    private final Map<DossierAction, TransitionRule> rules;

    public Lifecycle(RulePacks rulePacks) {
        this.rulePacks = Objects.requireNonNull(rulePacks, "rulePacks");
        this.rules = table();
    }

    /** The lifecycle with the built-in rule packs. */
    public static Lifecycle standard() {
        return new Lifecycle(RulePacks.standard());
    }

    private static Map<DossierAction, TransitionRule> table() {
        Map<DossierAction, TransitionRule> t = new EnumMap<>(DossierAction.class);
        Set<Role> clerk = EnumSet.of(Role.CLERK);
        Set<Role> specialist = EnumSet.of(Role.SPECIALIST);
        Set<Role> head = EnumSet.of(Role.HEAD);
        Set<Role> specialistOrHead = EnumSet.of(Role.SPECIALIST, Role.HEAD);
        Set<Role> clerkOrSpecialist = EnumSet.of(Role.CLERK, Role.SPECIALIST);
        // Reception: a counter draft, an online submission, or a supplement that completed a dossier at reception.
        Set<DossierStatus> reception = EnumSet.of(DRAFT, SUBMITTED_ONLINE, SUPPLEMENT_RECEIVED);
        Set<DossierStatus> open = EnumSet.of(RECEIVED, ASSIGNED, IN_PROCESS, AWAITING_SUPPLEMENT, SUPPLEMENT_RECEIVED,
                AWAITING_PAYMENT, PENDING_APPROVAL, TRANSFERRED);
        Set<DossierStatus> withdrawable = EnumSet.copyOf(open);
        withdrawable.add(SUBMITTED_ONLINE);
        put(t, DossierAction.RECEIVE, reception, RECEIVED, clerk, false, FormKind.RECEIPT);
        put(t, DossierAction.REFUSE, reception, REFUSED, clerk, true, FormKind.REFUSAL);
        put(t, DossierAction.REQUEST_SUPPLEMENT,
                EnumSet.of(DRAFT, SUBMITTED_ONLINE, RECEIVED, ASSIGNED, IN_PROCESS, SUPPLEMENT_RECEIVED),
                AWAITING_SUPPLEMENT, clerkOrSpecialist, true, FormKind.SUPPLEMENT_REQUEST);
        put(t, DossierAction.RECEIVE_SUPPLEMENT, EnumSet.of(AWAITING_SUPPLEMENT), SUPPLEMENT_RECEIVED,
                clerkOrSpecialist, false, null);
        put(t, DossierAction.ASSIGN, EnumSet.of(RECEIVED, ASSIGNED, IN_PROCESS), ASSIGNED,
                EnumSet.of(Role.CLERK, Role.HEAD), false, null);
        put(t, DossierAction.START_PROCESSING, EnumSet.of(ASSIGNED, SUPPLEMENT_RECEIVED, TRANSFERRED), IN_PROCESS,
                specialist, false, null);
        put(t, DossierAction.REQUEST_PAYMENT, EnumSet.of(IN_PROCESS), AWAITING_PAYMENT, specialist, false, null);
        put(t, DossierAction.CONFIRM_PAYMENT, EnumSet.of(AWAITING_PAYMENT), IN_PROCESS, clerkOrSpecialist, false,
                null);
        put(t, DossierAction.SUBMIT_FOR_APPROVAL, EnumSet.of(IN_PROCESS), PENDING_APPROVAL, specialist, false, null);
        put(t, DossierAction.APPROVE, EnumSet.of(PENDING_APPROVAL), APPROVED, head, false, null);
        put(t, DossierAction.SEND_BACK, EnumSet.of(PENDING_APPROVAL), IN_PROCESS, head, true, null);
        put(t, DossierAction.ISSUE, EnumSet.of(APPROVED), ISSUED, EnumSet.of(Role.CLERK, Role.HEAD), false, null);
        put(t, DossierAction.RETURN_DOSSIER, PROCESSING, RETURNED, specialistOrHead, true, null);
        put(t, DossierAction.TRANSFER, EnumSet.of(ASSIGNED, IN_PROCESS), TRANSFERRED, specialistOrHead, false, null);
        put(t, DossierAction.STOP, open, STOPPED, specialistOrHead, true, FormKind.STOP_NOTICE);
        put(t, DossierAction.WITHDRAW, withdrawable, WITHDRAWN, clerk, true, null);
        put(t, DossierAction.MARK_RESULT_READY, EnumSet.of(ISSUED), RESULT_READY, clerk, false, null);
        put(t, DossierAction.DELIVER_RESULT, EnumSet.of(RESULT_READY), DELIVERED, clerk, false, null);
        put(t, DossierAction.EXTEND, EnumSet.of(RECEIVED, ASSIGNED, IN_PROCESS, SUPPLEMENT_RECEIVED, PENDING_APPROVAL,
                APPROVED, ISSUED, TRANSFERRED), null, specialistOrHead, true, FormKind.APOLOGY_EXTENSION);
        return java.util.Collections.unmodifiableMap(t);
    }

    private static void put(Map<DossierAction, TransitionRule> t, DossierAction a, Set<DossierStatus> from,
            DossierStatus to, Set<Role> roles, boolean reason, FormKind form) {
        t.put(a, new TransitionRule(a, from, to, roles, reason, form));
    }

    /** All rules, in action order ({@link DossierAction#SUBMIT_ONLINE} has none: the portal creates dossiers). */
    public List<TransitionRule> rules() {
        return List.copyOf(rules.values());
    }

    public Optional<TransitionRule> rule(DossierAction action) {
        return Optional.ofNullable(rules.get(action));
    }

    /** Actions the current status allows, whoever acts (what an error message lists). */
    public List<DossierAction> actionsFrom(Dossier dossier) {
        List<DossierAction> out = new ArrayList<>();
        for (TransitionRule r : rules.values()) {
            if (r.allowsFrom(dossier.status()) && phaseProblem(r.action(), dossier).isEmpty()) {
                out.add(r.action());
            }
        }
        return out;
    }

    /**
     * Every action with whether {@code actor} may perform it on {@code dossier} at time {@code at}, and why not.
     * Command-specific data (reason text, dates) is checked only by {@link #apply}.
     */
    public List<ActionAvailability> allowedActions(Dossier dossier, Actor actor, Instant at) {
        List<ActionAvailability> out = new ArrayList<>();
        for (TransitionRule r : rules.values()) {
            Optional<LifecycleMessage> why = guard(r, dossier, actor, at);
            out.add(new ActionAvailability(r.action(), why, why.isEmpty() ? warnings(r, dossier) : List.of()));
        }
        return out;
    }

    /**
     * Applies {@code command} by {@code actor} at time {@code at}.
     *
     * @throws TransitionException when a guard or the command's data refuses it; the message names what the
     *                             current status allows
     */
    public Transition apply(Dossier dossier, Command command, Actor actor, Instant at) {
        Objects.requireNonNull(dossier, "dossier");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        TransitionRule rule = rules.get(command.action());
        if (rule == null) {
            throw refuse(dossier, LifecycleMessage.of("error.notACommand", command.action()));
        }
        Optional<LifecycleMessage> why = guard(rule, dossier, actor, at);
        if (why.isPresent()) {
            throw refuse(dossier, why.get());
        }
        String reason = command.reason() == null ? "" : command.reason().strip();
        if (rule.reasonRequired() && reason.isEmpty()) {
            throw refuse(dossier, LifecycleMessage.of("error.reasonRequired", verb(rule.action())));
        }
        RulePack pack = rulePacks.byId(dossier.rulePackId()).orElseThrow(
                () -> new IllegalStateException("unknown rule pack " + dossier.rulePackId()));
        String formNumber = rule.producedForm().flatMap(pack::form).map(f -> f.number()).orElse(null);

        Dossier.Changes changes = Dossier.Changes.NONE;
        String assignee = null;
        Instant newDueAt = null;
        String target = null;
        switch (command) {
            case Command.Receive c -> {
                changes = changes.withCode(codeFor(dossier, c.code(), rule)).withReceivedAt(at)
                        .withLookupSecretHash(c.lookupSecretHash());
                if (c.dueAt() != null) {
                    if (!c.dueAt().isAfter(at)) {
                        throw refuse(dossier, LifecycleMessage.of("error.dueNotAfterReception"));
                    }
                    newDueAt = c.dueAt();
                    changes = changes.withDueAt(newDueAt);
                }
            }
            case Command.Refuse c -> changes = changes.withCode(codeFor(dossier, c.code(), rule));
            case Command.RequestSupplement c -> changes = changes.withCode(codeFor(dossier, c.code(), rule));
            case Command.ReceiveSupplement c -> {
                if (c.papers() != null) {
                    changes = changes.withPapers(c.papers());
                }
                if (c.newDueAt() != null) {
                    newDueAt = c.newDueAt();
                    changes = changes.withDueAt(newDueAt);
                }
            }
            case Command.Assign c -> {
                if (c.assignee() == null || c.assignee().isBlank()) {
                    throw refuse(dossier, LifecycleMessage.of("error.assigneeRequired"));
                }
                assignee = c.assignee().strip();
                changes = changes.withAssignee(assignee);
            }
            case Command.StartProcessing c -> {
                if (dossier.assignee() == null) {
                    // A specialist who picks up an unassigned dossier takes charge of it.
                    assignee = actor.username();
                    changes = changes.withAssignee(assignee);
                }
            }
            case Command.ConfirmPayment c -> {
                if (c.payment() == null) {
                    throw refuse(dossier, LifecycleMessage.of("error.paymentRequired"));
                }
                changes = changes.withPayment(c.payment());
            }
            case Command.Issue c -> {
                if (c.result() == null) {
                    throw refuse(dossier, LifecycleMessage.of("error.resultRequired"));
                }
                changes = changes.withResult(c.result());
            }
            case Command.Transfer c -> {
                if (c.targetAgencyCode() == null || c.targetAgencyCode().isBlank()
                        || c.targetAgencyCode().strip().equals(dossier.agencyCode())) {
                    throw refuse(dossier, LifecycleMessage.of("error.transferTarget"));
                }
                target = c.targetAgencyCode().strip();
            }
            case Command.DeliverResult c -> {
                if (c.delivery() == null) {
                    throw refuse(dossier, LifecycleMessage.of("error.deliveryRequired"));
                }
                Delivery d = c.delivery();
                changes = changes.withDelivery(d.deliveredAt() == null
                        ? new Delivery(d.method(), d.address(), at, d.recipientName(), d.satisfaction()) : d);
            }
            case Command.Extend c -> {
                if (c.newDueAt() == null || !c.newDueAt().isAfter(dossier.dueAt())) {
                    throw refuse(dossier, LifecycleMessage.of("error.extendDate"));
                }
                newDueAt = c.newDueAt();
                changes = changes.withDueAt(newDueAt);
            }
            case Command.RequestPayment c -> {
                // Reason text (what to pay) is optional; nothing else changes.
            }
            case Command.SubmitForApproval c -> {
            }
            case Command.Approve c -> {
            }
            case Command.SendBack c -> {
            }
            case Command.ReturnDossier c -> {
            }
            case Command.Stop c -> {
            }
            case Command.Withdraw c -> {
            }
            case Command.MarkResultReady c -> {
            }
        }
        DossierEvent event = new DossierEvent(dossier.nextSequence(), rule.action(), dossier.status(),
                rule.target(dossier.status()), actor.username(), actor.role(), actor.workstationId(), at, reason,
                formNumber, assignee, newDueAt, target);
        return new Transition(dossier.record(event, changes), event, warnings(rule, dossier));
    }

    private String codeFor(Dossier dossier, String commandCode, TransitionRule rule) {
        if (dossier.code() != null) {
            return null; // keep the existing (possibly portal-issued) code
        }
        if (commandCode == null || commandCode.isBlank()) {
            throw refuse(dossier, LifecycleMessage.of("error.codeRequired", verb(rule.action())));
        }
        return commandCode.strip();
    }

    private TransitionException refuse(Dossier dossier, LifecycleMessage why) {
        return new TransitionException(why, actionsFrom(dossier));
    }

    private Optional<LifecycleMessage> guard(TransitionRule r, Dossier d, Actor actor, Instant at) {
        if (!r.allowsFrom(d.status()) || phaseProblem(r.action(), d).isPresent()) {
            List<DossierAction> allowed = actionsFrom(d);
            if (allowed.isEmpty()) {
                return Optional.of(LifecycleMessage.of("error.closed", verb(r.action()), d.status()));
            }
            return Optional.of(LifecycleMessage.of("error.status", verb(r.action()), d.status(), allowed));
        }
        if (!actor.user().hasRole(actor.role())) {
            return Optional.of(LifecycleMessage.of("error.roleNotHeld", actor.role()));
        }
        if (!r.roles().contains(actor.role())) {
            return Optional.of(LifecycleMessage.of("error.role", actor.role(), verb(r.action()), r.roles()));
        }
        if (!actor.agencyCode().equals(d.agencyCode())) {
            return Optional.of(LifecycleMessage.of("error.agency", d.agencyCode(), verb(r.action())));
        }
        return switch (r.action()) {
            case START_PROCESSING, SUBMIT_FOR_APPROVAL, REQUEST_PAYMENT -> assignedToOther(d, actor);
            case EXTEND -> extensionProblem(d, at);
            default -> Optional.empty();
        };
    }

    /** A supplement received at reception leads back to reception; one received during processing, to processing. */
    private static Optional<LifecycleMessage> phaseProblem(DossierAction a, Dossier d) {
        if (d.status() != SUPPLEMENT_RECEIVED) {
            return Optional.empty();
        }
        boolean received = d.receivedAt() != null;
        return switch (a) {
            case RECEIVE, REFUSE -> received ? Optional.of(LifecycleMessage.of("error.alreadyReceived"))
                    : Optional.empty();
            case START_PROCESSING, RETURN_DOSSIER, STOP, EXTEND -> received ? Optional.empty()
                    : Optional.of(LifecycleMessage.of("error.notYetReceived"));
            default -> Optional.empty();
        };
    }

    private static Optional<LifecycleMessage> assignedToOther(Dossier d, Actor actor) {
        if (d.assignee() != null && !d.assignee().equals(actor.username())) {
            return Optional.of(LifecycleMessage.of("error.assignedToOther", d.assignee()));
        }
        return Optional.empty();
    }

    private static Optional<LifecycleMessage> extensionProblem(Dossier d, Instant at) {
        if (d.dueAt() == null) {
            return Optional.of(LifecycleMessage.of("error.noDueDate"));
        }
        if (d.isExtended()) {
            return Optional.of(LifecycleMessage.of("error.extendOnce"));
        }
        if (!at.isBefore(d.dueAt())) {
            return Optional.of(LifecycleMessage.of("error.extendAfterDue"));
        }
        return Optional.empty();
    }

    private static List<LifecycleMessage> warnings(TransitionRule r, Dossier d) {
        if (r.action() == DossierAction.REQUEST_SUPPLEMENT && d.supplementRequestCount() >= 1) {
            return List.of(LifecycleMessage.of("warning.secondSupplement", d.supplementRequestCount() + 1));
        }
        return List.of();
    }

    private static LifecycleMessage.Verb verb(DossierAction a) {
        return new LifecycleMessage.Verb(a);
    }
}
