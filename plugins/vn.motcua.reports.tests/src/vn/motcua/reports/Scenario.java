package vn.motcua.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Delivery;
import vn.motcua.core.model.DeliveryMethod;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.FeePayment;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.OnlineLevel;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.model.Role;

/** Dossiers with known histories for the report tests: each step at a given Vietnam time. */
final class Scenario {
    static final String AGENCY = "000.00.10.H29";

    private Scenario() {
    }

    static Instant at(String dayMonthYearTime) {
        LocalDateTime t = LocalDateTime.parse(dayMonthYearTime, java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm"));
        return t.atZone(ReportPeriod.VIETNAM).toInstant();
    }

    static Procedure procedure(String code, String name, String field, OnlineLevel online, long fee) {
        ProcessingTime days = new ProcessingTime(BigDecimal.valueOf(3), DurationUnit.WORKING_DAYS, "03 ngày làm việc");
        return new Procedure(code, name, field, Level.COMMUNE, Map.of(Channel.IN_PERSON, days, Channel.ONLINE, days), LocalTime.of(15, 0),
                Map.of(Channel.IN_PERSON, fee == 0 ? Fee.free() : new Fee(fee, fee + " đồng"), Channel.ONLINE,
                        fee == 0 ? Fee.free() : new Fee(fee, fee + " đồng")),
                List.of(new RequiredDocument("1", "Tờ khai", PaperKind.ORIGINAL, 1, false)), List.of("Luật Hộ tịch 2014"), "UBND cấp xã", online,
                true, 1, LocalDate.of(2025, 7, 1));
    }

    /** A dossier in the making: received, then moved on step by step. */
    static final class Builder {
        private Dossier d;

        Builder(String code, String procedure, Channel channel, String received, String appointment, boolean digitised, boolean reused,
                boolean nationalStore) {
            this(code, procedure, channel, received, appointment, digitised, reused, nationalStore, AGENCY);
        }

        Builder(String code, String procedure, Channel channel, String received, String appointment, boolean digitised, boolean reused,
                boolean nationalStore, String agency) {
            PersonApplicant a = new PersonApplicant("Nguyễn Văn " + code.substring(code.length() - 2), LocalDate.of(1990, 5, 17), "001090012345",
                    "Thôn Đông", "0912345678", "");
            Dossier draft = Dossier.draft(procedure, 1, "2025", channel, a,
                    List.of(new ReceivedPaper("1", 1, PaperKind.ORIGINAL, digitised, reused, nationalStore)), agency);
            Instant r = at(received);
            Instant due = appointment == null ? null : at(appointment);
            DossierEvent e = new DossierEvent(1, DossierAction.RECEIVE, DossierStatus.DRAFT, DossierStatus.RECEIVED, "canbo1", Role.CLERK, "PC-1",
                    r, "", "01", null, due, null);
            d = draft.record(e, Dossier.Changes.NONE.withCode(code).withReceivedAt(r).withDueAt(due));
        }

        Builder step(DossierAction action, DossierStatus to, String when) {
            return step(action, to, when, Dossier.Changes.NONE, null);
        }

        Builder step(DossierAction action, DossierStatus to, String when, Dossier.Changes changes, Instant newDue) {
            String reason = switch (action) {
                case REQUEST_SUPPLEMENT, STOP, WITHDRAW, EXTEND, RETURN_DOSSIER -> "Lý do " + action;
                default -> "";
            };
            DossierEvent e = new DossierEvent(d.events().size() + 1, action, d.status(), to, "cv1", Role.SPECIALIST, "PC-2", at(when), reason, null,
                    null, newDue, null);
            d = d.record(e, newDue == null ? changes : changes.withDueAt(newDue));
            return this;
        }

        Builder resultReady(String when) {
            return step(DossierAction.MARK_RESULT_READY, DossierStatus.RESULT_READY, when);
        }

        Builder paid(long amount, boolean online, String when) {
            return step(DossierAction.CONFIRM_PAYMENT, d.status(), when,
                    Dossier.Changes.NONE.withPayment(new FeePayment("Lệ phí", amount, at(when), "BL-1", online)), null);
        }

        Builder delivered(String when) {
            return delivered(when, null);
        }

        Builder delivered(String when, vn.motcua.core.model.Satisfaction rating) {
            return step(DossierAction.DELIVER_RESULT, DossierStatus.DELIVERED, when,
                    Dossier.Changes.NONE.withDelivery(new Delivery(DeliveryMethod.AT_COUNTER, "", at(when), "Người nhận", rating)), null);
        }

        Builder supplement(String asked, String back) {
            step(DossierAction.REQUEST_SUPPLEMENT, DossierStatus.AWAITING_SUPPLEMENT, asked);
            if (back != null) {
                step(DossierAction.RECEIVE_SUPPLEMENT, DossierStatus.SUPPLEMENT_RECEIVED, back);
            }
            return this;
        }

        Dossier build() {
            return d;
        }
    }

    static List<Dossier> all(Builder... b) {
        List<Dossier> out = new ArrayList<>();
        for (Builder x : b) {
            out.add(x.build());
        }
        return out;
    }
}
