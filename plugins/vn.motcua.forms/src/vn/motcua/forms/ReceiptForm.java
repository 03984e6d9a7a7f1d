package vn.motcua.forms;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.RequiredDocument;

/** Forms 01 (receipt and appointment), 02 (supplement request) and 03 (refusal) filled from a counter dossier. */
public final class ReceiptForm {
    /** The form's number in both rule packs. */
    public static final String NUMBER = "01";
    /** Request to supplement or complete the dossier. */
    public static final String SUPPLEMENT = "02";
    /** Refusal to receive the dossier. */
    public static final String REFUSAL = "03";
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH 'giờ' mm 'phút, ngày' dd/MM/yyyy");

    private ReceiptForm() {
    }

    /** Apology and new appointment (extension). */
    public static final String APOLOGY = "04";
    /** Notice of stopping the processing (2025 pack; see {@link LegalForms} for the 2018 pack's notice). */
    public static final String STOP = "05";

    /** Form 04 or 05 for a dossier being processed: the reason, the old and new appointment, who signs. */
    public static FormData processingNotice(Dossier d, Procedure p, Agency agency, String parentAgencyName, String signerName, String place,
            String reason, Instant oldDueAt) {
        return processingNotice(d, p, agency, parentAgencyName, signerName, place, reason, oldDueAt, Instant.now());
    }

    /** As above, dated {@code at} (the step's time: a reprint shows the day the notice was given). */
    public static FormData processingNotice(Dossier d, Procedure p, Agency agency, String parentAgencyName, String signerName, String place,
            String reason, Instant oldDueAt, Instant at) {
        return dated(data(d, p, agency, parentAgencyName, signerName, place, "", ""), at).put("reason", reason).put("signerName", signerName)
                .put("oldDueAt", oldDueAt == null ? "Không quy định" : LocalDateTime.ofInstant(oldDueAt, VIETNAM).format(TIME));
    }

    /** Form 02 or 03 dated {@code at} (a specialist's request for papers comes after the reception day). */
    public static FormData counterDecision(Dossier d, Procedure p, Agency agency, String parentAgencyName, String clerkName, String place,
            java.util.List<String> missing, String reason, Instant at) {
        return dated(counterDecision(d, p, agency, parentAgencyName, clerkName, place, missing, reason), at);
    }

    private static FormData dated(FormData f, Instant at) {
        LocalDateTime day = LocalDateTime.ofInstant(at, VIETNAM);
        return f.put("day", String.format("%02d", day.getDayOfMonth())).put("month", String.format("%02d", day.getMonthValue()))
                .put("year", Integer.toString(day.getYear()));
    }

    /** The place line of a form ("Hợp Thịnh, ngày …") from the agency's name. */
    public static String place(String agencyName) {
        return agencyName.replaceFirst("^(Ủy ban nhân dân|UBND) (xã|phường|đặc khu|tỉnh|thành phố) ", "").replaceFirst(" \\(.*\\)$", "");
    }

    /** Form 02 or 03: the receipt's data plus what is missing and the reason. */
    public static FormData counterDecision(Dossier d, Procedure p, Agency agency, String parentAgencyName, String clerkName, String place,
            java.util.List<String> missing, String reason) {
        return data(d, p, agency, parentAgencyName, clerkName, place, "", "").list("missing", missing).put("reason", reason);
    }

    /**
     * @param lookupUrl    where citizens look the dossier up (the QR code's target)
     * @param lookupSecret printed next to the code so only the applicant can look it up
     */
    public static FormData data(Dossier d, Procedure p, Agency agency, String parentAgencyName, String clerkName, String place,
            String lookupUrl, String lookupSecret) {
        LocalDateTime received = LocalDateTime.ofInstant(d.receivedAt() == null ? Instant.now() : d.receivedAt(), VIETNAM);
        List<String> papers = new ArrayList<>();
        for (ReceivedPaper r : d.papers()) {
            String name = p.requiredDocument(r.requiredDocumentId()).map(RequiredDocument::name).orElse(r.requiredDocumentId());
            papers.add(name + ": " + r.count() + " " + (r.kind() == PaperKind.ORIGINAL ? "bản chính" : "bản sao"));
        }
        FormData f = new FormData().put("agencyParent", parentAgencyName.toUpperCase()).put("agencyName", agency.name())
                .put("place", place).put("day", String.format("%02d", received.getDayOfMonth()))
                .put("month", String.format("%02d", received.getMonthValue())).put("year", Integer.toString(received.getYear()))
                .put("code", d.code()).put("applicantName", d.applicant().displayName())
                .put("procedureName", p.name()).put("procedureCode", p.code())
                .put("processingTime", p.processingTime(d.channel() == null ? Channel.IN_PERSON : d.channel()).map(t -> t.originalText()).orElse(""))
                .put("receivedAt", received.format(TIME))
                .put("dueAt", d.dueAt() == null ? "Không quy định" : LocalDateTime.ofInstant(d.dueAt(), VIETNAM).format(TIME))
                .put("fee", p.fee(d.channel() == null ? Channel.IN_PERSON : d.channel()).map(x -> x.isFree() ? "Không thu" : x.originalText()).orElse("Không thu"))
                .put("ledger", Integer.toString(received.getYear())).put("clerkName", clerkName)
                .put("lookupUrl", lookupUrl + "?ma=" + d.code() + "&bm=" + lookupSecret).put("lookupSecret", lookupSecret)
                .list("papers", papers);
        if (d.applicant() instanceof PersonApplicant a) {
            f.put("citizenId", a.citizenId()).put("address", a.address()).put("phone", a.phone())
                    .put("identity", "Số định danh cá nhân: " + a.citizenId());
        } else if (d.applicant() instanceof vn.motcua.core.model.OrganisationApplicant o) {
            // An organisation applies through its representative, identified by its tax code.
            f.put("taxCode", o.taxCode()).put("representative", o.representative()).put("address", o.address()).put("phone", o.phone())
                    .put("identity", "Mã số thuế: " + o.taxCode() + "; người đại diện: " + o.representative());
        }
        return f;
    }
}
