package vn.motcua.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.desk.TestDesk.CLERK;
import static vn.motcua.desk.TestDesk.HEAD;
import static vn.motcua.desk.TestDesk.SPECIALIST;
import static vn.motcua.desk.TestDesk.as;
import static vn.motcua.desk.TestDesk.at;
import static vn.motcua.desk.TestDesk.session;
import static vn.motcua.desk.TestDesk.text;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.lifecycle.TransitionException;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.Role;

/** The steps after reception, each through the lifecycle with its legal form, against a real H2 cache. */
class DossierCommandsTest {
    @TempDir
    Path dir;
    TestDesk desk;

    TestDesk open(Instant start) throws Exception {
        desk = new TestDesk(dir, start);
        return desk;
    }

    @AfterEach
    void close() {
        if (desk != null) {
            desk.close();
        }
    }

    @Test
    void aSpecialistsRequestForPapersGivesForm02AndTheirReturnMovesTheAppointment() throws Exception {
        open(at("2026-03-03T09:00"));
        String code = desk.inProcess();
        Instant due = desk.dossiers.findByCode(code).orElseThrow().dueAt();
        desk.clock.set(at("2026-03-04T09:00"));
        Outcome asked = desk.commands.requestSupplement(code, List.of("Bản sao giấy đăng ký kết hôn của cha mẹ"), "Cần xác định quan hệ cha mẹ",
                as(SPECIALIST, Role.SPECIALIST));
        assertEquals(DossierStatus.AWAITING_SUPPLEMENT, asked.dossier().status());
        PrintedForm form = asked.form().orElseThrow();
        assertEquals("02", form.number());
        String printed = text(form.file());
        assertTrue(printed.contains("Bản sao giấy đăng ký kết hôn của cha mẹ") && printed.contains("Cần xác định quan hệ cha mẹ"), printed);
        assertTrue(printed.contains("Trần Văn Bình"), "signed by the specialist who asked: " + printed);
        assertTrue(printed.contains("ngày 04 tháng 03 năm 2026"), "dated the day it was asked: " + printed);

        // The papers come back the next working day: the appointment moves by the one working day waited.
        desk.clock.set(at("2026-03-05T09:00"));
        List<ReceivedPaper> papers = List.of(new ReceivedPaper("1", 1, PaperKind.ORIGINAL, false, false, false),
                new ReceivedPaper("2", 1, PaperKind.ORIGINAL, false, false, false), new ReceivedPaper("3", 1, PaperKind.COPY, false, false, false));
        Outcome back = desk.commands.receiveSupplement(code, papers, as(SPECIALIST, Role.SPECIALIST));
        assertEquals(DossierStatus.SUPPLEMENT_RECEIVED, back.dossier().status());
        assertEquals(at("2026-03-09T09:00"), back.dossier().dueAt(), "Friday 09:00 plus the working day waited: Monday");
        assertNotEquals(due, back.dossier().dueAt());
        assertEquals(3, desk.dossiers.findByCode(code).orElseThrow().papers().size());
        assertTrue(back.form().isEmpty());
        // The explanation counts the pause.
        assertFalse(desk.commands.explainDueDate(back.dossier()).orElseThrow().explain(null).isEmpty());
        // Two working days since reception, one of them paused for the papers: 7 h 30 used of the 3 × 7 h 30 allowed.
        List<String> explained = desk.commands.dueDateExplained(back.dossier(), Locale.ENGLISH);
        assertTrue(explained.get(explained.size() - 1).startsWith("So far: 7:30 working hours used, 15:00 working hours left"), explained.toString());
    }

    @Test
    void feesAreAskedForAndConfirmed() throws Exception {
        open(at("2026-03-03T09:00"));
        String code = desk.inProcess();
        desk.commands.requestPayment(code, "Lệ phí cấp bản sao", as(SPECIALIST, Role.SPECIALIST));
        assertEquals(DossierStatus.AWAITING_PAYMENT, desk.dossiers.findByCode(code).orElseThrow().status());
        assertThrows(DeskException.class, () -> desk.commands.confirmPayment(code, "Lệ phí", -5, "", false, as(CLERK, Role.CLERK)));
        Outcome paid = desk.commands.confirmPayment(code, "Lệ phí", 8000, "BL-0012", true, as(CLERK, Role.CLERK));
        assertEquals(DossierStatus.IN_PROCESS, paid.dossier().status());
        assertEquals(8000, desk.dossiers.findByCode(code).orElseThrow().feesPaid().get(0).amountVnd());
    }

    @Test
    void submitSendBackAndReturn() throws Exception {
        open(at("2026-03-03T09:00"));
        String code = desk.inProcess();
        desk.commands.submitForApproval(code, as(SPECIALIST, Role.SPECIALIST));
        desk.commands.sendBack(code, "Sai tên cha trong dự thảo", as(HEAD, Role.HEAD));
        assertEquals(DossierStatus.IN_PROCESS, desk.dossiers.findByCode(code).orElseThrow().status());
        Outcome returned = desk.commands.returnDossier(code, "Người đi đăng ký không có quyền", as(SPECIALIST, Role.SPECIALIST));
        assertEquals(DossierStatus.RETURNED, returned.dossier().status());
    }

    @Test
    void underThe2025PackStopGivesForm05AndWithdrawalToo() throws Exception {
        open(at("2026-03-03T09:00"));
        String stopped = desk.inProcess();
        Outcome stop = desk.commands.stop(stopped, "Người nộp đã chết trước khi có kết quả", as(SPECIALIST, Role.SPECIALIST));
        assertEquals("05", stop.form().orElseThrow().number());
        assertTrue(text(stop.form().orElseThrow().file()).contains("THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"));
        assertEquals(dir.resolve("forms").resolve(stopped + "-mau05.pdf"), stop.form().orElseThrow().file());

        String withdrawn = desk.inProcess();
        Outcome w = desk.commands.withdraw(withdrawn, "Gia đình chuyển nơi cư trú", as(CLERK, Role.CLERK));
        assertEquals(DossierStatus.WITHDRAWN, w.dossier().status());
        String printed = text(w.form().orElseThrow().pdf());
        assertTrue(printed.contains("Theo đề nghị rút hồ sơ của ông/bà") && printed.contains("Gia đình chuyển nơi cư trú"), printed);
    }

    @Test
    void underThe2018PackStopPrintsTheStopNoticeNotTheControlSlip() throws Exception {
        open(at("2025-06-20T09:00"));
        String code = desk.inProcess();
        assertEquals("2018", desk.dossiers.findByCode(code).orElseThrow().rulePackId());
        Outcome stop = desk.commands.stop(code, "Hồ sơ giả mạo giấy chứng sinh", as(SPECIALIST, Role.SPECIALIST));
        PrintedForm form = stop.form().orElseThrow();
        assertEquals("TB-DUNG", form.number());
        String printed = text(form.pdf());
        assertTrue(printed.contains("Về việc dừng giải quyết hồ sơ") && printed.contains("Hồ sơ giả mạo giấy chứng sinh"), printed);
        assertFalse(printed.contains("PHIẾU KIỂM SOÁT"), "not the 2018 control slip, which is also numbered 05");
        assertNull(stop.event().formNumber(), "the 2018 annex has no stop form: the event names none");

        String other = desk.inProcess();
        PrintedForm w = desk.commands.withdraw(other, "Không còn nhu cầu", as(CLERK, Role.CLERK)).form().orElseThrow();
        assertEquals("TB-RUT", w.number());
        assertTrue(text(w.pdf()).contains("rút hồ sơ"));
    }

    @Test
    void anApologyMovesTheAppointmentByWorkingDaysTheCalendarCounts() throws Exception {
        open(at("2026-03-03T09:00"));
        String code = desk.inProcess();
        Dossier d = desk.dossiers.findByCode(code).orElseThrow();
        assertEquals(at("2026-03-06T09:00"), d.dueAt());
        // Two working days after Friday: Tuesday (the weekend skipped), not a date picked freely.
        assertEquals(at("2026-03-10T09:00"), desk.commands.extendedDueAt(d, 2));
        Outcome o = desk.commands.extend(code, 2, "Cần xác minh thêm với xã khác", as(SPECIALIST, Role.SPECIALIST));
        assertEquals(at("2026-03-10T09:00"), o.dossier().dueAt());
        PrintedForm form = o.form().orElseThrow();
        assertEquals("04", form.number());
        String printed = text(form.file());
        assertTrue(printed.contains("09 giờ 00 phút, ngày 06/03/2026") && printed.contains("09 giờ 00 phút, ngày 10/03/2026"),
                "old and new appointment: " + printed);
        assertThrows(TransitionException.class, () -> desk.commands.extend(code, 1, "Lần nữa", as(SPECIALIST, Role.SPECIALIST)),
                "an apology is allowed once");
        assertThrows(DeskException.class, () -> desk.commands.extendedDueAt(d, 0));
    }

    @Test
    void aTransferGoesToAKnownAgencyOnly() throws Exception {
        open(at("2026-03-03T09:00"));
        String code = desk.inProcess();
        assertThrows(DeskException.class, () -> desk.commands.transfer(code, "999.99.99.H99", "Liên thông", as(SPECIALIST, Role.SPECIALIST)));
        Outcome t = desk.commands.transfer(code, TestDesk.OTHER_AGENCY, "Liên thông đăng ký thường trú", as(SPECIALIST, Role.SPECIALIST));
        assertEquals(DossierStatus.TRANSFERRED, t.dossier().status());
        assertEquals(TestDesk.OTHER_AGENCY, t.event().targetAgencyCode());
    }

    @Test
    void whatAUserMayDoNowAndWhyNot() throws Exception {
        open(at("2026-03-03T09:00"));
        String code = desk.counter.receive(TestDesk.complete(), session(CLERK), null).code();
        Dossier d = desk.dossiers.findByCode(code).orElseThrow();
        Map<DossierAction, DossierCommands.Choice> clerk = desk.commands.choices(d, session(CLERK), Locale.ENGLISH);
        assertTrue(clerk.get(DossierAction.ASSIGN).enabled());
        assertEquals(Role.CLERK, clerk.get(DossierAction.ASSIGN).as());
        assertFalse(clerk.get(DossierAction.STOP).enabled());
        assertFalse(clerk.get(DossierAction.STOP).why().isBlank(), "the reason a clerk may not stop it");
        assertTrue(clerk.get(DossierAction.STOP).notYourRole(), "stopping is another role's step");
        assertFalse(clerk.get(DossierAction.ASSIGN).notYourRole());
        assertFalse(clerk.containsKey(DossierAction.RECEIVE), "the counter's own steps are not offered here");
        assertEquals(List.of(SPECIALIST.username(), TestDesk.ALL.username()),
                desk.commands.specialists(TestDesk.AGENCY).stream().map(u -> u.username()).sorted().toList());
    }

    @Test
    void aRefusedStepSavesNothingAndAnnouncesNothing() throws Exception {
        open(at("2026-03-03T09:00"));
        String code = desk.counter.receive(TestDesk.complete(), session(CLERK), null).code();
        long outbox = desk.outboxSize();
        int announced = desk.changes.size();
        assertThrows(TransitionException.class, () -> desk.commands.stop(code, "", as(SPECIALIST, Role.SPECIALIST)), "a stop needs its reason");
        assertThrows(TransitionException.class, () -> desk.commands.startProcessing(code, as(SPECIALIST, Role.SPECIALIST)), "not assigned yet");
        assertThrows(DeskException.class, () -> desk.commands.assign("000.00.21.H43-260303-0001", "chuyenvien", as(CLERK, Role.CLERK)));
        assertEquals(outbox, desk.outboxSize());
        assertEquals(announced, desk.changes.size());
        assertEquals(1, desk.dossiers.findByCode(code).orElseThrow().events().size());
    }

    @Test
    void everyFormOfTheDossierCanBePrintedAgainDatedItsDay() throws Exception {
        open(at("2026-03-03T09:00"));
        String code = desk.inProcess();
        desk.clock.set(at("2026-03-04T14:00"));
        desk.commands.extend(code, 1, "Chờ xác minh", as(SPECIALIST, Role.SPECIALIST));
        desk.clock.set(at("2026-03-05T08:00"));
        Dossier d = desk.dossiers.findByCode(code).orElseThrow();
        List<DossierForms.FormOfDossier> forms = desk.forms.formsOf(d, null);
        assertEquals(List.of("01", "04", "06"), forms.stream().map(DossierForms.FormOfDossier::number).toList());
        PrintedForm receipt = desk.forms.reprint(d, forms.get(0), false);
        String r = text(receipt.file());
        assertTrue(r.contains(DossierForms.SECRET_ON_FIRST_PRINT), "a reprinted receipt never shows a secret: " + r);
        PrintedForm apology = desk.forms.reprint(d, forms.get(1), false);
        assertTrue(text(apology.pdf()).contains("ngày 04 tháng 03 năm 2026"), "dated the day of the apology");
        PrintedForm slip = desk.forms.reprint(d, forms.get(2), true);
        assertTrue(Files.isRegularFile(slip.file()));
        assertTrue(text(slip.pdf()).replace(" ", "").contains("ĐÀOTẠO"), "training prints carry the mark");
    }
}
