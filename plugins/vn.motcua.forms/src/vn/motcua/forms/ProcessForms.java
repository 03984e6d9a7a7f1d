package vn.motcua.forms;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;

/**
 * The two forms that follow a dossier through the agency: the process control slip (Form 06 of the 2025 pack, 05 of
 * the 2018 pack), one row per hand-over filled from the dossier's history, and the dossier ledger (Form 07 / 06), one
 * row per dossier.
 */
public final class ProcessForms {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy");
    private static final Locale VI = Locale.forLanguageTag("vi");

    private ProcessForms() {
    }

    /** The control slip's form number in a rule pack. */
    public static String controlSlip(String pack) {
        return "2018".equals(pack) ? "05" : "06";
    }

    /** The ledger's form number in a rule pack. */
    public static String ledger(String pack) {
        return "2018".equals(pack) ? "06" : "07";
    }

    /**
     * @param fullName a username's full name (the username itself when unknown)
     */
    public static FormData controlSlipData(Dossier d, Procedure p, Agency agency, String parentAgencyName, Function<String, String> fullName) {
        List<List<String>> rows = new ArrayList<>();
        int n = 0;
        for (DossierEvent e : d.events()) {
            n++;
            String who = n + ". " + e.action().displayName(VI) + ": " + fullName.apply(e.actorUsername()) + " (" + e.actorRole().displayName(VI) + ")";
            if (e.assignee() != null && e.action() == DossierAction.ASSIGN) {
                who += " — giao cho " + fullName.apply(e.assignee());
            }
            rows.add(List.of(who, time(e.at()), timeliness(e.at(), d.dueAt(), d.receivedAt()), e.reason() == null ? "" : e.reason()));
        }
        return new FormData().put("agencyParent", parentAgencyName.toUpperCase(VI)).put("agencyName", agency.name()).put("code", d.code())
                .put("procedureName", p == null ? d.procedureCode() : p.name()).put("applicantName", d.applicant().displayName())
                .put("dueAt", d.dueAt() == null ? "không quy định" : time(d.dueAt())).table("steps", rows);
    }

    /** The ledger of {@code dossiers} (in the order given); {@code period} is the line under the title. */
    public static FormData ledgerData(List<Dossier> dossiers, Function<Dossier, String> procedureName, Agency agency, String parentAgencyName,
            String period) {
        List<List<String>> rows = new ArrayList<>();
        int n = 0;
        for (Dossier d : dossiers) {
            n++;
            String applicant = d.applicant().displayName();
            if (d.applicant() instanceof PersonApplicant a) {
                applicant += join(a.address(), a.phone());
            }
            rows.add(List.of(Integer.toString(n), d.code() == null ? "" : d.code(), procedureName.apply(d), applicant, time(d.receivedAt()),
                    d.dueAt() == null ? "không quy định" : time(d.dueAt()), time(at(d, DossierAction.MARK_RESULT_READY)),
                    time(at(d, DossierAction.DELIVER_RESULT)), d.status().displayName(VI)));
        }
        return new FormData().put("agencyParent", parentAgencyName.toUpperCase(VI)).put("agencyName", agency.name()).put("period", period)
                .table("dossiers", rows);
    }

    private static String join(String address, String phone) {
        StringBuilder b = new StringBuilder();
        if (address != null && !address.isBlank()) {
            b.append(", ").append(address);
        }
        if (phone != null && !phone.isBlank()) {
            b.append(", ĐT ").append(phone);
        }
        return b.toString();
    }

    private static Instant at(Dossier d, DossierAction action) {
        for (int i = d.events().size() - 1; i >= 0; i--) {
            if (d.events().get(i).action() == action) {
                return d.events().get(i).at();
            }
        }
        return null;
    }

    /** Before the due day, on the due day, or after the due time; empty before reception or without a due time. */
    static String timeliness(Instant at, Instant due, Instant received) {
        if (due == null || received == null || at.isBefore(received)) {
            return "";
        }
        if (at.isAfter(due)) {
            return "Quá hạn";
        }
        return LocalDateTime.ofInstant(at, ReceiptForm.VIETNAM).toLocalDate().isBefore(LocalDateTime.ofInstant(due, ReceiptForm.VIETNAM).toLocalDate())
                ? "Trước hạn" : "Đúng hạn";
    }

    private static String time(Instant i) {
        return i == null ? "" : WHEN.format(LocalDateTime.ofInstant(i, ReceiptForm.VIETNAM));
    }
}
