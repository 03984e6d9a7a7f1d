package vn.motcua.forms;

import java.io.IOException;
import java.time.LocalDateTime;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.Procedure;

/**
 * The draft result document (văn bản giải quyết) a specialist puts before the head: one page in the administrative
 * layout, left without a visible signature so the head's PAdES stamp is the only one. A province replaces the wording
 * with its own {@code <pack>/KQ.xml} template.
 */
public final class ResultDraftForm {
    /** The template's name in both rule packs. */
    public static final String NUMBER = "KQ";

    private ResultDraftForm() {
    }

    public static FormData data(Dossier d, Procedure p, Agency agency, String parentAgencyName, String specialistName) {
        LocalDateTime today = LocalDateTime.now(ReceiptForm.VIETNAM);
        return ReceiptForm.data(d, p, agency, parentAgencyName, specialistName, ReceiptForm.place(agency.name()), "", "")
                .put("specialistName", specialistName == null || specialistName.isBlank() ? "chuyên viên thụ lý" : "chuyên viên " + specialistName)
                // Catalogue names often begin with "Thủ tục"; the sentence already says it.
                .put("procedureTitle", p.name().replaceFirst("^(?i:thủ tục)\\s+", ""))
                .put("day", String.format("%02d", today.getDayOfMonth())).put("month", String.format("%02d", today.getMonthValue()))
                .put("year", Integer.toString(today.getYear()));
    }

    /** The draft's PDF (training drafts carry the training mark on every page). */
    public static byte[] render(FormRenderer renderer, Dossier d, Procedure p, Agency agency, String parentAgencyName, String specialistName,
            boolean training) throws IOException {
        return renderer.render(d.rulePackId(), NUMBER, data(d, p, agency, parentAgencyName, specialistName), training);
    }
}
