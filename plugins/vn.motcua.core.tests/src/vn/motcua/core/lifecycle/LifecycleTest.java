package vn.motcua.core.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.core.lifecycle.Fixtures.*;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import vn.motcua.core.model.DeliveryMethod;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;

class LifecycleTest {
    private final Lifecycle lifecycle = Lifecycle.standard();

    private Dossier run(Dossier d, Actor actor, Command c, Instant at) {
        return lifecycle.apply(d, c, actor, at).dossier();
    }

    private Dossier inProcess() {
        Dossier d = run(draft(), CLERK, command(DossierAction.RECEIVE), T0);
        d = run(d, HEAD, new Command.Assign(SPEC_USER.username()), T0.plusSeconds(600));
        return run(d, SPEC, new Command.StartProcessing(), T0.plusSeconds(1200));
    }

    private Dossier pendingApproval() {
        return run(inProcess(), SPEC, new Command.SubmitForApproval(), T0.plusSeconds(3600));
    }

    @Test
    void happyPathFromCounterToDelivery() {
        Dossier d = run(draft(), CLERK, new Command.Receive(CODE, DUE), T0);
        assertEquals(CODE, d.code());
        assertEquals(T0, d.receivedAt());
        assertEquals(DUE, d.dueAt());
        d = run(d, HEAD, new Command.Assign("binh.tran"), T0.plusSeconds(60));
        assertEquals("binh.tran", d.assignee());
        d = run(d, SPEC, new Command.StartProcessing(), T0.plusSeconds(120));
        d = run(d, SPEC, new Command.SubmitForApproval(), T0.plusSeconds(180));
        d = run(d, HEAD, new Command.Approve(), T0.plusSeconds(240));
        d = run(d, CLERK, command(DossierAction.ISSUE), T0.plusSeconds(300));
        d = run(d, CLERK, new Command.MarkResultReady(), T0.plusSeconds(360));
        Transition last = lifecycle.apply(d, command(DossierAction.DELIVER_RESULT), CLERK, T0.plusSeconds(420));
        d = last.dossier();
        assertEquals(DossierStatus.DELIVERED, d.status());
        assertEquals(8, d.events().size());
        assertEquals(8, last.event().sequence());
        assertEquals(List.of(2, 4, 4, 4, 4, 4, 9, 10), d.events().stream()
                .map(e -> e.toStatus().nationalCode().getAsInt()).toList());
        assertEquals(T0.plusSeconds(420), d.delivery().deliveredAt());
        assertEquals(DeliveryMethod.AT_COUNTER, d.delivery().method());
        assertEquals("12/GKS", d.results().get(0).documentNumber());
        assertEquals("01", d.events().get(0).formNumber());
        assertNull(d.events().get(1).formNumber());
        assertEquals("binh.tran", d.events().get(1).assignee());
        assertEquals(DUE, d.events().get(0).newDueAt());
    }

    @Test
    void onlineSubmissionKeepsThePortalCode() {
        Dossier online = Dossier.submittedOnline("G22-260301-12345", "1.004222", 1, "2025", APPLICANT, List.of(),
                AGENCY, T0.minus(1, ChronoUnit.DAYS), "dvcqg");
        Dossier d = run(online, CLERK, new Command.Receive(null, DUE), T0);
        assertEquals("G22-260301-12345", d.code());
        assertEquals(2, d.events().size());
        assertEquals(DossierStatus.RECEIVED, d.status());
    }

    @Test
    void counterDraftNeedsACodeToBeReceived() {
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(draft(), new Command.Receive(" ", DUE), CLERK, T0));
        assertEquals("Cần cấp mã hồ sơ trước khi tiếp nhận hồ sơ.", e.getMessage());
    }

    @Test
    void dueTimeMustFollowReception() {
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(draft(), new Command.Receive(CODE, T0), CLERK, T0));
        assertEquals("Ngày hẹn trả phải sau thời điểm tiếp nhận.", e.getMessage());
    }

    @Test
    void approvingAReceivedDossierNamesTheAllowedActions() {
        Dossier d = run(draft(), CLERK, command(DossierAction.RECEIVE), T0);
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(d, new Command.Approve(), HEAD, T0));
        assertEquals("Không thể phê duyệt hồ sơ ở trạng thái 'Đã tiếp nhận'. Các thao tác được phép: "
                + "Yêu cầu bổ sung, Phân công thụ lý, Trả lại hồ sơ, Dừng xử lý, Rút hồ sơ, Xin lỗi và gia hạn.",
                e.getMessage());
        assertEquals("Cannot approve a dossier in status 'Received'. Allowed actions: Request supplement, Assign, "
                + "Return dossier, Stop processing, Withdraw, Apologise and extend.", e.message(Locale.ENGLISH));
        assertEquals(List.of(DossierAction.REQUEST_SUPPLEMENT, DossierAction.ASSIGN, DossierAction.RETURN_DOSSIER,
                DossierAction.STOP, DossierAction.WITHDRAW, DossierAction.EXTEND), e.allowedActions());
    }

    @Test
    void closedDossierSaysSo() {
        Dossier d = Fixtures.inStatus(DossierStatus.DELIVERED, true, null);
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(d, new Command.Withdraw("x"), CLERK, T0));
        assertEquals("Không thể rút hồ sơ ở trạng thái 'Đã trả kết quả': hồ sơ đã kết thúc, không còn thao tác nào.",
                e.getMessage());
    }

    @Test
    void aClerkCannotApprove() {
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(pendingApproval(), new Command.Approve(), CLERK, T0.plusSeconds(7200)));
        assertEquals("Vai trò 'Cán bộ một cửa' không được phê duyệt hồ sơ. Vai trò được phép: Lãnh đạo.",
                e.getMessage());
    }

    @Test
    void aSpecialistCannotApproveEither() {
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(pendingApproval(), new Command.Approve(), SPEC, T0.plusSeconds(7200)));
        assertTrue(e.getMessage().startsWith("Vai trò 'Chuyên viên' không được phê duyệt"), e.getMessage());
    }

    @Test
    void actingInARoleOneDoesNotHoldIsRefused() {
        Actor fake = new Actor(CLERK_USER, Role.HEAD, "WS-01");
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(pendingApproval(), new Command.Approve(), fake, T0.plusSeconds(7200)));
        assertEquals("Tài khoản không có vai trò 'Lãnh đạo'.", e.getMessage());
    }

    @Test
    void oneUserWithTwoRolesActsInEither() {
        User both = new User("mai.do", "Đỗ Thị Mai", AGENCY, java.util.EnumSet.of(Role.CLERK, Role.SPECIALIST));
        Dossier d = run(draft(), new Actor(both, Role.CLERK, "WS-05"), command(DossierAction.RECEIVE), T0);
        d = run(d, new Actor(both, Role.CLERK, "WS-05"), new Command.Assign("mai.do"), T0.plusSeconds(1));
        d = run(d, new Actor(both, Role.SPECIALIST, "WS-05"), new Command.StartProcessing(), T0.plusSeconds(2));
        assertEquals(DossierStatus.IN_PROCESS, d.status());
        assertEquals(Role.SPECIALIST, d.events().get(2).actorRole());
    }

    @Test
    void adminAndTrainerHaveNoDossierActions() {
        Actor admin = new Actor(ADMIN_USER, Role.ADMIN, "WS-00");
        Dossier d = run(draft(), CLERK, command(DossierAction.RECEIVE), T0);
        assertTrue(lifecycle.allowedActions(d, admin, T0).stream().noneMatch(ActionAvailability::enabled));
    }

    @Test
    void aHeadApprovesOnlyTheirAgencysDossiers() {
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(pendingApproval(), new Command.Approve(), OTHER_HEAD, T0.plusSeconds(7200)));
        assertEquals("Hồ sơ thuộc cơ quan H21.217: chỉ cán bộ của cơ quan này được phê duyệt hồ sơ.",
                e.getMessage());
        Dossier approved = run(pendingApproval(), HEAD, new Command.Approve(), T0.plusSeconds(7200));
        assertEquals(DossierStatus.APPROVED, approved.status());
    }

    @Test
    void onlyTheAssignedSpecialistProcesses() {
        Dossier d = run(draft(), CLERK, command(DossierAction.RECEIVE), T0);
        Dossier assigned = run(d, HEAD, new Command.Assign("binh.tran"), T0.plusSeconds(60));
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(assigned, new Command.StartProcessing(), SPEC2, T0.plusSeconds(120)));
        assertEquals("Hồ sơ đã được phân công cho binh.tran.", e.getMessage());
    }

    @Test
    void unassignedDossierIsTakenByWhoeverStarts() {
        Dossier d = Fixtures.inStatus(DossierStatus.ASSIGNED, true, null);
        Transition t = lifecycle.apply(d, new Command.StartProcessing(), SPEC2, T0);
        assertEquals("an.le", t.dossier().assignee());
        assertEquals("an.le", t.event().assignee());
    }

    @ParameterizedTest
    @EnumSource(value = DossierAction.class, names = {"REFUSE", "REQUEST_SUPPLEMENT", "SEND_BACK", "RETURN_DOSSIER",
        "STOP", "WITHDRAW", "EXTEND"})
    void mandatoryReasonsAreEnforced(DossierAction action) {
        DossierStatus from = lifecycle.rule(action).orElseThrow().fromStatuses().iterator().next();
        Dossier d = Fixtures.inStatus(from, from != DossierStatus.DRAFT && from != DossierStatus.SUBMITTED_ONLINE,
                null);
        Command blank = switch (action) {
            case REFUSE -> new Command.Refuse("  ", CODE);
            case REQUEST_SUPPLEMENT -> new Command.RequestSupplement("", CODE);
            case SEND_BACK -> new Command.SendBack(null);
            case RETURN_DOSSIER -> new Command.ReturnDossier(" ");
            case STOP -> new Command.Stop("");
            case WITHDRAW -> new Command.Withdraw("");
            case EXTEND -> new Command.Extend(DUE.plus(1, ChronoUnit.DAYS), "");
            default -> throw new IllegalStateException();
        };
        Actor actor = actorFor(action, lifecycle.rule(action).orElseThrow());
        TransitionException e = assertThrows(TransitionException.class, () -> lifecycle.apply(d, blank, actor, T0));
        assertTrue(e.getMessage().startsWith("Phải nêu rõ lý do khi "), e.getMessage());
        // With a reason the same command passes, and the reason is recorded trimmed.
        Transition ok = lifecycle.apply(d, command(action), actor, T0);
        assertEquals(command(action).reason(), ok.event().reason());
    }

    @Test
    void formsFollowTheDossiersRulePack() {
        assertEquals("03", lifecycle.apply(draft("2025"), command(DossierAction.REFUSE), CLERK, T0).event()
                .formNumber());
        assertEquals("02", lifecycle.apply(draft("2018"), command(DossierAction.REQUEST_SUPPLEMENT), CLERK, T0)
                .event().formNumber());
        Dossier received2025 = run(draft("2025"), CLERK, command(DossierAction.RECEIVE), T0);
        Dossier received2018 = run(draft("2018"), CLERK, command(DossierAction.RECEIVE), T0);
        assertEquals("05", lifecycle.apply(received2025, command(DossierAction.STOP), SPEC, T0).event().formNumber());
        // The 2018 pack has no stop notice.
        assertNull(lifecycle.apply(received2018, command(DossierAction.STOP), SPEC, T0).event().formNumber());
        assertEquals("04", lifecycle.apply(received2018, command(DossierAction.EXTEND), HEAD, T0).event()
                .formNumber());
    }

    @Test
    void secondSupplementRequestWarnsButIsAllowed() {
        Transition first = lifecycle.apply(inProcess(), command(DossierAction.REQUEST_SUPPLEMENT), SPEC,
                T0.plusSeconds(2000));
        assertEquals(List.of(), first.warnings());
        Dossier d = run(first.dossier(), CLERK, new Command.ReceiveSupplement(DUE.plus(1, ChronoUnit.DAYS)),
                T0.plusSeconds(3000));
        assertEquals(DUE.plus(1, ChronoUnit.DAYS), d.dueAt());
        Map<DossierAction, ActionAvailability> offered = byAction(lifecycle.allowedActions(d, SPEC,
                T0.plusSeconds(3500)));
        ActionAvailability again = offered.get(DossierAction.REQUEST_SUPPLEMENT);
        assertTrue(again.enabled());
        assertEquals(1, again.warnings().size());
        Transition second = lifecycle.apply(d, command(DossierAction.REQUEST_SUPPLEMENT), SPEC, T0.plusSeconds(4000));
        assertEquals(DossierStatus.AWAITING_SUPPLEMENT, second.dossier().status());
        assertEquals(2, second.dossier().supplementRequestCount());
        assertEquals("Đây là lần yêu cầu bổ sung thứ 2: hồ sơ sẽ bị tính là quá hạn trong Bộ chỉ số phục vụ "
                + "(Quyết định 766/QĐ-TTg).", second.warnings().get(0).format(null));
        assertEquals(second.warnings(), again.warnings());
    }

    @Test
    void supplementAtReceptionLeadsBackToReception() {
        Dossier d = run(draft(), CLERK, command(DossierAction.REQUEST_SUPPLEMENT), T0);
        assertEquals(CODE, d.code());
        assertNull(d.receivedAt());
        d = run(d, CLERK, new Command.ReceiveSupplement(null), T0.plus(1, ChronoUnit.DAYS));
        Dossier atDesk = d;
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(atDesk, new Command.StartProcessing(), SPEC, T0.plus(1, ChronoUnit.DAYS)));
        assertTrue(e.getMessage().contains("Các thao tác được phép: Tiếp nhận, Từ chối tiếp nhận, Yêu cầu bổ sung, "
                + "Rút hồ sơ."), e.getMessage());
        d = run(d, CLERK, new Command.Receive(null, DUE), T0.plus(1, ChronoUnit.DAYS));
        assertEquals(DossierStatus.RECEIVED, d.status());
    }

    @Test
    void supplementDuringProcessingCannotBeReceivedAgain() {
        Dossier d = run(inProcess(), SPEC, command(DossierAction.REQUEST_SUPPLEMENT), T0.plusSeconds(2000));
        Dossier back = run(d, CLERK, new Command.ReceiveSupplement(null), T0.plusSeconds(3000));
        assertThrows(TransitionException.class,
                () -> lifecycle.apply(back, command(DossierAction.RECEIVE), CLERK, T0.plusSeconds(3100)));
        assertEquals(DossierStatus.IN_PROCESS,
                run(back, SPEC, new Command.StartProcessing(), T0.plusSeconds(3200)).status());
    }

    @Test
    void extendIsAllowedOnceAndOnlyBeforeTheDueTime() {
        Dossier d = inProcess();
        Instant newDue = DUE.plus(3, ChronoUnit.DAYS);
        Transition t = lifecycle.apply(d, new Command.Extend(newDue, "Chờ xác minh"), HEAD, DUE.minusSeconds(1));
        assertEquals(DossierStatus.IN_PROCESS, t.dossier().status());
        assertEquals(newDue, t.dossier().dueAt());
        assertEquals(newDue, t.event().newDueAt());
        assertEquals("04", t.event().formNumber());
        assertTrue(t.dossier().isExtended());

        ActionAvailability twice = byAction(lifecycle.allowedActions(t.dossier(), HEAD, DUE.minusSeconds(1)))
                .get(DossierAction.EXTEND);
        assertFalse(twice.enabled());
        assertEquals("Hồ sơ đã được xin lỗi và gia hạn một lần; chỉ được gia hạn một lần.",
                twice.whyDisabled().orElseThrow().format(null));
        assertThrows(TransitionException.class, () -> lifecycle.apply(t.dossier(),
                new Command.Extend(newDue.plus(1, ChronoUnit.DAYS), "lần nữa"), HEAD, DUE.minusSeconds(1)));

        ActionAvailability late = byAction(lifecycle.allowedActions(d, HEAD, DUE)).get(DossierAction.EXTEND);
        assertFalse(late.enabled());
        assertEquals("Đã quá thời hạn giải quyết: chỉ được xin lỗi và gia hạn trước khi hết hạn.",
                late.whyDisabled().orElseThrow().format(null));
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(d, new Command.Extend(newDue, "trễ"), HEAD, DUE.plusSeconds(1)));
        assertEquals(late.whyDisabled().get().format(null), e.getMessage());
    }

    @Test
    void extendNeedsALaterDateAndADueDate() {
        Dossier d = inProcess();
        TransitionException e = assertThrows(TransitionException.class,
                () -> lifecycle.apply(d, new Command.Extend(DUE, "x"), HEAD, T0.plusSeconds(5000)));
        assertEquals("Ngày hẹn trả mới phải sau ngày hẹn trả hiện tại.", e.getMessage());
        Dossier noDue = run(draft(), CLERK, new Command.Receive(CODE, null), T0);
        assertNull(noDue.dueAt());
        assertEquals("Thủ tục không quy định thời hạn giải quyết: không cần gia hạn.",
                byAction(lifecycle.allowedActions(noDue, HEAD, T0)).get(DossierAction.EXTEND).whyDisabled()
                        .orElseThrow().format(null));
    }

    @Test
    void allowedActionsExplainWhyCommandsAreDisabled() {
        Dossier d = run(draft(), CLERK, command(DossierAction.RECEIVE), T0);
        List<ActionAvailability> all = lifecycle.allowedActions(d, CLERK, T0);
        assertEquals(19, all.size());
        List<DossierAction> enabled = all.stream().filter(ActionAvailability::enabled)
                .map(ActionAvailability::action).toList();
        assertEquals(List.of(DossierAction.REQUEST_SUPPLEMENT, DossierAction.ASSIGN, DossierAction.WITHDRAW), enabled);
        Map<DossierAction, ActionAvailability> m = byAction(all);
        assertEquals("Vai trò 'Cán bộ một cửa' không được trả lại hồ sơ. Vai trò được phép: Chuyên viên, Lãnh đạo.",
                m.get(DossierAction.RETURN_DOSSIER).whyDisabled().orElseThrow().format(null));
        assertTrue(m.get(DossierAction.APPROVE).whyDisabled().orElseThrow().format(null)
                .startsWith("Không thể phê duyệt hồ sơ ở trạng thái 'Đã tiếp nhận'."));
    }

    @Test
    void transferNeedsAnotherAgency() {
        Dossier d = inProcess();
        assertThrows(TransitionException.class,
                () -> lifecycle.apply(d, new Command.Transfer(AGENCY, ""), SPEC, T0.plusSeconds(5000)));
        Transition t = lifecycle.apply(d, new Command.Transfer("H21.17", ""), SPEC, T0.plusSeconds(5000));
        assertEquals("H21.17", t.event().targetAgencyCode());
        assertEquals(DossierStatus.TRANSFERRED, t.dossier().status());
        assertEquals(DossierStatus.IN_PROCESS,
                run(t.dossier(), SPEC, new Command.StartProcessing(), T0.plusSeconds(9000)).status());
    }

    @Test
    void headSendsBackWithAComment() {
        Transition t = lifecycle.apply(pendingApproval(), new Command.SendBack("Kiểm tra lại tên cha"), HEAD,
                T0.plusSeconds(7200));
        assertEquals(DossierStatus.IN_PROCESS, t.dossier().status());
        assertEquals("Kiểm tra lại tên cha", t.event().reason());
        assertEquals("binh.tran", t.dossier().assignee());
    }

    @Test
    void paymentRoundTripRecordsTheFee() {
        Dossier d = run(inProcess(), SPEC, command(DossierAction.REQUEST_PAYMENT), T0.plusSeconds(2000));
        assertEquals(6, d.status().nationalCode().getAsInt());
        d = run(d, CLERK, command(DossierAction.CONFIRM_PAYMENT), T0.plusSeconds(3000));
        assertEquals(DossierStatus.IN_PROCESS, d.status());
        assertEquals(8000, d.feesPaid().get(0).amountVnd());
    }

    @Test
    void applyIsDeterministicAndLeavesTheInputAlone() {
        Dossier d = run(draft(), CLERK, command(DossierAction.RECEIVE), T0);
        Transition a = lifecycle.apply(d, new Command.Assign("binh.tran"), HEAD, T0.plusSeconds(5));
        Transition b = lifecycle.apply(d, new Command.Assign("binh.tran"), HEAD, T0.plusSeconds(5));
        assertEquals(a, b);
        assertEquals(DossierStatus.RECEIVED, d.status());
        assertEquals(1, d.events().size());
    }

    private static Map<DossierAction, ActionAvailability> byAction(List<ActionAvailability> l) {
        return l.stream().collect(Collectors.toMap(ActionAvailability::action, Function.identity()));
    }
}
