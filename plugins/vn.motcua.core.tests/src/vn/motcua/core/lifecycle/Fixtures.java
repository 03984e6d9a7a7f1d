package vn.motcua.core.lifecycle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.DeliveryMethod;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.FeePayment;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.ResultDocument;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;

/** Shared test data: one commune agency, its staff, and dossiers in any state. */
final class Fixtures {
    static final String AGENCY = "H21.217";
    static final String OTHER_AGENCY = "H21.218";
    static final String CODE = "H21.217-260302-0001";
    /** 09:00 on Monday 02/03/2026 in Vietnam. */
    static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");
    static final Instant DUE = T0.plus(5, ChronoUnit.DAYS);

    static final User CLERK_USER = new User("thu.nguyen", "Nguyễn Thị Thu", AGENCY, Set.of(Role.CLERK));
    static final User SPEC_USER = new User("binh.tran", "Trần Văn Bình", AGENCY, Set.of(Role.SPECIALIST));
    static final User SPEC2_USER = new User("an.le", "Lê Văn An", AGENCY, Set.of(Role.SPECIALIST));
    static final User HEAD_USER = new User("hoa.pham", "Phạm Thị Hoa", AGENCY, Set.of(Role.HEAD));
    static final User OTHER_HEAD_USER = new User("dung.vo", "Võ Văn Dũng", OTHER_AGENCY, Set.of(Role.HEAD));
    static final User ADMIN_USER = new User("admin", "Quản trị", AGENCY, Set.of(Role.ADMIN));

    static final Actor CLERK = new Actor(CLERK_USER, Role.CLERK, "WS-01");
    static final Actor SPEC = new Actor(SPEC_USER, Role.SPECIALIST, "WS-02");
    static final Actor SPEC2 = new Actor(SPEC2_USER, Role.SPECIALIST, "WS-03");
    static final Actor HEAD = new Actor(HEAD_USER, Role.HEAD, "WS-04");
    static final Actor OTHER_HEAD = new Actor(OTHER_HEAD_USER, Role.HEAD, "WS-09");

    static final PersonApplicant APPLICANT = new PersonApplicant("Nguyễn Văn A", LocalDate.of(1985, 4, 12),
            "064085001234", "Thôn 3, xã Ia Grai, Gia Lai", "0905123456", "");

    private Fixtures() {
    }

    static Dossier draft(String rulePack) {
        return Dossier.draft("1.001612", 3, rulePack, Channel.IN_PERSON, APPLICANT,
                List.of(new ReceivedPaper("1", 1, PaperKind.ORIGINAL, true, false, false)), AGENCY);
    }

    static Dossier draft() {
        return draft("2025");
    }

    /** A dossier stored in {@code status} with no history (as imported), received unless at reception. */
    static Dossier inStatus(DossierStatus status, boolean received, String assignee) {
        return new Dossier(status == DossierStatus.DRAFT ? null : CODE, "1.001612", 3, "2025", Channel.IN_PERSON,
                APPLICANT, List.of(), received ? T0.minus(1, ChronoUnit.DAYS) : null, received ? DUE : null, status,
                assignee, AGENCY, List.of(), List.of(), List.of(), List.of(), null);
    }

    /** A valid command for {@code action} on a dossier without code yet or with one. */
    static Command command(DossierAction action) {
        return switch (action) {
            // A receipt's hashed secret and the papers a supplement brought travel with the dossier: replay keeps them.
            case RECEIVE -> new Command.Receive(CODE, DUE, "pbkdf2-sha256$60000$c2FsdA==$aGFzaA==");
            case REFUSE -> new Command.Refuse("Không thuộc thẩm quyền của xã", CODE);
            case REQUEST_SUPPLEMENT -> new Command.RequestSupplement("Thiếu bản sao giấy khai sinh", CODE);
            case RECEIVE_SUPPLEMENT -> new Command.ReceiveSupplement(null,
                    List.of(new ReceivedPaper("1", 1, PaperKind.ORIGINAL, true, false, false), new ReceivedPaper("2", 1, PaperKind.COPY, false, true, false)));
            case ASSIGN -> new Command.Assign(SPEC_USER.username());
            case START_PROCESSING -> new Command.StartProcessing();
            case REQUEST_PAYMENT -> new Command.RequestPayment("Lệ phí 8.000 đồng");
            case CONFIRM_PAYMENT -> new Command.ConfirmPayment(new FeePayment("Lệ phí", 8000, T0, "BL-12", false));
            case SUBMIT_FOR_APPROVAL -> new Command.SubmitForApproval();
            case APPROVE -> new Command.Approve();
            case SEND_BACK -> new Command.SendBack("Bổ sung ý kiến thẩm định");
            case ISSUE -> new Command.Issue(new ResultDocument("Giấy khai sinh", "12/GKS", LocalDate.of(2026, 3, 3),
                    null));
            case RETURN_DOSSIER -> new Command.ReturnDossier("Hồ sơ không đủ điều kiện");
            case TRANSFER -> new Command.Transfer("H21.17", "Liên thông");
            case STOP -> new Command.Stop("Theo đề nghị của công dân");
            case WITHDRAW -> new Command.Withdraw("Công dân có đơn rút hồ sơ");
            case MARK_RESULT_READY -> new Command.MarkResultReady();
            case DELIVER_RESULT -> new Command.DeliverResult(Delivery.planned(DeliveryMethod.AT_COUNTER, ""));
            case EXTEND -> new Command.Extend(DUE.plus(3, ChronoUnit.DAYS), "Chờ xác minh của công an xã");
            case SUBMIT_ONLINE -> throw new IllegalArgumentException();
        };
    }

    /** Someone allowed to do {@code action} by role. */
    static Actor actorFor(DossierAction action, TransitionRule rule) {
        if (rule.roles().contains(Role.CLERK)) {
            return CLERK;
        }
        if (rule.roles().contains(Role.SPECIALIST)) {
            return SPEC;
        }
        return HEAD;
    }
}
