package vn.motcua.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.core.lifecycle.Fixtures.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Role;

/** The lifecycle table itself, every legal transition, and every illegal one. */
class LifecycleTableTest {
    private static final Lifecycle LIFECYCLE = Lifecycle.standard();

    /** The documented table: action | from | to (- = unchanged) | roles | reason | form kind. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RECEIVE | DRAFT SUBMITTED_ONLINE SUPPLEMENT_RECEIVED | RECEIVED | CLERK | false | RECEIPT",
        "REFUSE | DRAFT SUBMITTED_ONLINE SUPPLEMENT_RECEIVED | REFUSED | CLERK | true | REFUSAL",
        "REQUEST_SUPPLEMENT | DRAFT SUBMITTED_ONLINE RECEIVED ASSIGNED IN_PROCESS SUPPLEMENT_RECEIVED | AWAITING_SUPPLEMENT | CLERK SPECIALIST | true | SUPPLEMENT_REQUEST",
        "RECEIVE_SUPPLEMENT | AWAITING_SUPPLEMENT | SUPPLEMENT_RECEIVED | CLERK SPECIALIST | false | -",
        "ASSIGN | RECEIVED ASSIGNED IN_PROCESS | ASSIGNED | CLERK HEAD | false | -",
        "START_PROCESSING | ASSIGNED SUPPLEMENT_RECEIVED TRANSFERRED | IN_PROCESS | SPECIALIST | false | -",
        "REQUEST_PAYMENT | IN_PROCESS | AWAITING_PAYMENT | SPECIALIST | false | -",
        "CONFIRM_PAYMENT | AWAITING_PAYMENT | IN_PROCESS | CLERK SPECIALIST | false | -",
        "SUBMIT_FOR_APPROVAL | IN_PROCESS | PENDING_APPROVAL | SPECIALIST | false | -",
        "APPROVE | PENDING_APPROVAL | APPROVED | HEAD | false | -",
        "SEND_BACK | PENDING_APPROVAL | IN_PROCESS | HEAD | true | -",
        "ISSUE | APPROVED | ISSUED | CLERK HEAD | false | -",
        "RETURN_DOSSIER | RECEIVED ASSIGNED IN_PROCESS SUPPLEMENT_RECEIVED PENDING_APPROVAL | RETURNED | SPECIALIST HEAD | true | -",
        "TRANSFER | ASSIGNED IN_PROCESS | TRANSFERRED | SPECIALIST HEAD | false | -",
        "STOP | RECEIVED ASSIGNED IN_PROCESS AWAITING_SUPPLEMENT SUPPLEMENT_RECEIVED AWAITING_PAYMENT PENDING_APPROVAL TRANSFERRED | STOPPED | SPECIALIST HEAD | true | STOP_NOTICE",
        "WITHDRAW | SUBMITTED_ONLINE RECEIVED ASSIGNED IN_PROCESS AWAITING_SUPPLEMENT SUPPLEMENT_RECEIVED AWAITING_PAYMENT PENDING_APPROVAL TRANSFERRED | WITHDRAWN | CLERK | true | -",
        "MARK_RESULT_READY | ISSUED | RESULT_READY | CLERK | false | -",
        "DELIVER_RESULT | RESULT_READY | DELIVERED | CLERK | false | -",
        "EXTEND | RECEIVED ASSIGNED IN_PROCESS SUPPLEMENT_RECEIVED PENDING_APPROVAL APPROVED ISSUED TRANSFERRED | - | SPECIALIST HEAD | true | APOLOGY_EXTENSION",
    })
    void tableIsAsDocumented(String action, String from, String to, String roles, boolean reason, String form) {
        TransitionRule r = LIFECYCLE.rule(DossierAction.valueOf(action)).orElseThrow();
        assertEquals(statuses(from), r.fromStatuses(), action + " from");
        assertEquals("-".equals(to) ? null : DossierStatus.valueOf(to), r.toStatus(), action + " to");
        assertEquals(Arrays.stream(roles.split(" ")).map(Role::valueOf).collect(Collectors.toSet()), r.roles());
        assertEquals(reason, r.reasonRequired(), action + " reason");
        assertEquals("-".equals(form) ? null : form, r.form() == null ? null : r.form().name());
    }

    @Test
    void everyActionButOnlineSubmissionHasARule() {
        assertEquals(19, LIFECYCLE.rules().size());
        assertTrue(LIFECYCLE.rule(DossierAction.SUBMIT_ONLINE).isEmpty());
    }

    @Test
    void reasonsAreMandatoryExactlyForFormsTwoToFiveAndTheReturnsAndWithdrawal() {
        Set<DossierAction> withReason = LIFECYCLE.rules().stream().filter(TransitionRule::reasonRequired)
                .map(TransitionRule::action).collect(Collectors.toSet());
        assertEquals(EnumSet.of(DossierAction.REFUSE, DossierAction.REQUEST_SUPPLEMENT, DossierAction.SEND_BACK,
                DossierAction.RETURN_DOSSIER, DossierAction.STOP, DossierAction.WITHDRAW, DossierAction.EXTEND),
                withReason);
    }

    private static Set<DossierStatus> statuses(String s) {
        return Arrays.stream(s.split(" ")).map(DossierStatus::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DossierStatus.class)));
    }

    static Stream<Arguments> legalPairs() {
        List<Arguments> out = new ArrayList<>();
        for (TransitionRule r : LIFECYCLE.rules()) {
            for (DossierStatus from : r.fromStatuses()) {
                out.add(Arguments.of(r.action(), from));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("legalPairs")
    void everyLegalTransition(DossierAction action, DossierStatus from) {
        TransitionRule rule = LIFECYCLE.rule(action).orElseThrow();
        Dossier d = startingIn(action, from);
        Actor actor = actorFor(action, rule);
        Transition t = LIFECYCLE.apply(d, command(action), actor, T0);
        DossierStatus expected = rule.toStatus() == null ? from : rule.toStatus();
        assertEquals(expected, t.dossier().status());
        assertEquals(1, t.event().sequence());
        assertEquals(action, t.event().action());
        assertEquals(from, t.event().fromStatus());
        assertEquals(expected, t.event().toStatus());
        assertEquals(actor.username(), t.event().actorUsername());
        assertEquals(actor.role(), t.event().actorRole());
        assertEquals(actor.workstationId(), t.event().workstationId());
        assertEquals(T0, t.event().at());
        assertEquals(List.of(t.event()), t.dossier().events());
        assertEquals(CODE, t.dossier().code());
    }

    /** A dossier in {@code from}, received unless {@code action} is a reception step from there. */
    private static Dossier startingIn(DossierAction action, DossierStatus from) {
        boolean received = from != DossierStatus.DRAFT && from != DossierStatus.SUBMITTED_ONLINE
                && !(from == DossierStatus.SUPPLEMENT_RECEIVED
                        && (action == DossierAction.RECEIVE || action == DossierAction.REFUSE));
        return inStatus(from, received, null);
    }

    /** What sync relies on: the command rebuilt from an event and the dossier after it has the same effect. */
    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("legalPairs")
    void everyEventReplaysToTheSameDossier(DossierAction action, DossierStatus from) {
        TransitionRule rule = LIFECYCLE.rule(action).orElseThrow();
        Dossier d = startingIn(action, from);
        Actor actor = actorFor(action, rule);
        Transition original = LIFECYCLE.apply(d, command(action), actor, T0);
        Command replayed = Commands.replay(original.event(), original.dossier());
        assertEquals(action, replayed.action());
        Transition again = LIFECYCLE.apply(d, replayed, actor, T0);
        assertEquals(original.dossier(), again.dossier());
        assertEquals(original.event(), again.event());
    }

    static Stream<Arguments> illegalPairs() {
        List<Arguments> out = new ArrayList<>();
        for (TransitionRule r : LIFECYCLE.rules()) {
            for (DossierStatus from : DossierStatus.values()) {
                if (!r.fromStatuses().contains(from)) {
                    out.add(Arguments.of(r.action(), from));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} from {1}")
    @MethodSource("illegalPairs")
    void everyIllegalTransitionIsRefusedNamingTheAllowedActions(DossierAction action, DossierStatus from) {
        Dossier d = inStatus(from, from != DossierStatus.DRAFT && from != DossierStatus.SUBMITTED_ONLINE, null);
        TransitionRule rule = LIFECYCLE.rule(action).orElseThrow();
        TransitionException e = assertThrows(TransitionException.class,
                () -> LIFECYCLE.apply(d, command(action), actorFor(action, rule), T0));
        String status = from.displayName(null);
        assertTrue(e.getMessage().startsWith("Không thể "), e.getMessage());
        assertTrue(e.getMessage().contains("'" + status + "'"), e.getMessage());
        assertEquals(LIFECYCLE.actionsFrom(d), e.allowedActions());
        for (DossierAction allowed : e.allowedActions()) {
            assertTrue(e.getMessage().contains(allowed.displayName(null)), e.getMessage());
        }
        if (from.isFinal()) {
            assertTrue(e.allowedActions().isEmpty(), from + " is final");
        }
    }

    @Test
    void finalStatesAllowNothing() {
        Set<DossierStatus> finals = new TreeSet<>();
        for (DossierStatus s : DossierStatus.values()) {
            if (LIFECYCLE.actionsFrom(inStatus(s, true, null)).isEmpty()) {
                finals.add(s);
            }
        }
        assertEquals(new TreeSet<>(EnumSet.of(DossierStatus.REFUSED, DossierStatus.DELIVERED,
                DossierStatus.WITHDRAWN, DossierStatus.STOPPED, DossierStatus.RETURNED)), finals);
    }
}
