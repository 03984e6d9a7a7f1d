package vn.motcua.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.time.LocalDate;
import java.util.List;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.OnlineLevel;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.Role;

/** Small dossiers for store tests: received at the counter, optionally moved on by one more event. */
final class Fixtures {
    static final String AGENCY = "000.00.10.H29";

    private Fixtures() {
    }

    static Procedure procedure(String code, String name, String field) {
        ProcessingTime days = new ProcessingTime(BigDecimal.valueOf(3), DurationUnit.WORKING_DAYS, "03 ngày làm việc");
        return new Procedure(code, name, field, Level.COMMUNE, Map.of(Channel.IN_PERSON, days), LocalTime.of(15, 0),
                Map.of(Channel.IN_PERSON, Fee.free()), List.of(new RequiredDocument("1", "Tờ khai", PaperKind.ORIGINAL, 1, false)),
                List.of("Luật Hộ tịch 2014"), "UBND cấp xã", OnlineLevel.FULL, true, 1, LocalDate.of(2025, 7, 1));
    }

    static Dossier received(String code, String procedureCode, String name, String citizenId, String phone, Instant receivedAt,
            Instant dueAt) {
        PersonApplicant a = new PersonApplicant(name, LocalDate.of(1990, 5, 17), citizenId, "Thôn Đông, xã Hợp Thịnh", phone, "");
        Dossier draft = Dossier.draft(procedureCode, 1, "2025", Channel.IN_PERSON, a,
                List.of(new ReceivedPaper("1", 1, PaperKind.ORIGINAL, true, false, false)), AGENCY);
        DossierEvent receive = new DossierEvent(1, DossierAction.RECEIVE, DossierStatus.DRAFT, DossierStatus.RECEIVED, "canbo1", Role.CLERK,
                "PC-1", receivedAt, "", "01", null, null, null);
        return draft.record(receive, Dossier.Changes.NONE.withCode(code).withReceivedAt(receivedAt).withDueAt(dueAt));
    }

    /** The next event of {@code d}, moving it to {@code to} (legality is the lifecycle's business, not the store's). */
    static DossierEvent next(Dossier d, DossierAction action, DossierStatus to, String assignee) {
        return new DossierEvent(d.events().size() + 1, action, d.status(), to, "cv1", Role.SPECIALIST, "PC-2",
                d.events().get(d.events().size() - 1).at().plusSeconds(3600), "", null, assignee, null, null);
    }

    static Dossier moved(Dossier d, DossierAction action, DossierStatus to, String assignee) {
        DossierEvent e = next(d, action, to, assignee);
        return d.record(e, assignee == null ? Dossier.Changes.NONE : Dossier.Changes.NONE.withAssignee(assignee));
    }
}
