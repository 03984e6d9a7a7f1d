package vn.motcua.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.DurationUnit;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.Level;
import vn.motcua.core.model.OnlineLevel;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.Role;

/**
 * Form 06 (control slip) filled from a dossier's history and Form 07 (ledger) over many dossiers: real PDFs, read back
 * by PDFBox and poppler's pdftotext; the ledger is landscape and repeats its header on every page.
 */
class ProcessFormsTest {
    static final Agency COMMUNE = new Agency("000.00.21.H43", "Ủy ban nhân dân xã Hợp Thịnh", Level.COMMUNE, "000.00.00.H43");
    static final Procedure P = new Procedure("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", Level.COMMUNE,
            Map.of(Channel.IN_PERSON, new ProcessingTime(BigDecimal.ONE, DurationUnit.WORKING_DAYS, "01 ngày làm việc")), LocalTime.of(15, 0),
            Map.of(Channel.IN_PERSON, Fee.free()), List.of(), List.of(), "UBND cấp xã", OnlineLevel.FULL, true, 1, LocalDate.of(2025, 7, 1));
    @TempDir
    Path dir;

    static Dossier dossier(int n, Instant received, boolean late) {
        PersonApplicant a = new PersonApplicant("Nguyễn Văn Số " + n, LocalDate.of(1990, 1, 1), "025090000" + String.format("%03d", n), "Thôn Đồng Lạc",
                "0912345" + String.format("%03d", n), "");
        Dossier d = Dossier.draft(P.code(), 1, "2025", Channel.IN_PERSON, a, List.of(), COMMUNE.code());
        Instant due = received.plusSeconds(26 * 3600);
        d = d.record(new DossierEvent(1, DossierAction.RECEIVE, DossierStatus.DRAFT, DossierStatus.RECEIVED, "canbo.motcua", Role.CLERK, "Q1", received,
                "", "01", null, null, null), Dossier.Changes.NONE.withCode("000.00.21.H43-261120-" + String.format("%04d", n)).withReceivedAt(received)
                        .withDueAt(due));
        d = d.record(new DossierEvent(2, DossierAction.ASSIGN, DossierStatus.RECEIVED, DossierStatus.ASSIGNED, "lanhdao.ubnd", Role.HEAD, "Q2",
                received.plusSeconds(600), "", null, "chuyenvien.tuphap", null, null), Dossier.Changes.NONE.withAssignee("chuyenvien.tuphap"));
        Instant startAt = late ? due.plusSeconds(3600) : received.plusSeconds(1200);
        return d.record(new DossierEvent(3, DossierAction.START_PROCESSING, DossierStatus.ASSIGNED, DossierStatus.IN_PROCESS, "chuyenvien.tuphap",
                Role.SPECIALIST, "Q3", startAt, "Đã kiểm tra giấy tờ", null, null, null, null), Dossier.Changes.NONE);
    }

    @Test
    void theControlSlipListsEveryHandOverWithItsTimeliness() throws Exception {
        Dossier d = dossier(7, Instant.parse("2026-11-20T02:00:00Z"), true);
        FormData data = ProcessForms.controlSlipData(d, P, COMMUNE, "Ủy ban nhân dân tỉnh Phú Thọ",
                u -> Map.of("canbo.motcua", "Nguyễn Thị Thu Hà", "lanhdao.ubnd", "Phạm Quốc Hưng", "chuyenvien.tuphap", "Trần Văn Minh").getOrDefault(u, u));
        byte[] pdf = new FormRenderer(null).render("2025", ProcessForms.controlSlip("2025"), data, false);
        Path file = Files.write(dir.resolve("mau06.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String t = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(t.contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ"), t);
            assertTrue(t.contains("Nguyễn Thị Thu Hà") && t.contains("Phạm Quốc Hưng") && t.contains("Trần Văn Minh"), t);
            assertTrue(t.contains("giao cho Trần Văn Minh"), t);
            assertTrue(t.contains("Trước hạn") || t.contains("Đúng hạn"), t);
            assertTrue(t.contains("Quá hạn"), "the late step says so: " + t);
        }
        String poppler = ReceiptFormTest.run("pdftotext", "-enc", "UTF-8", file.toString(), "-");
        assertTrue(poppler.contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ") && poppler.contains("Trần Văn Minh"), poppler);
        // The 2018 pack numbers it 05.
        assertEquals("05", ProcessForms.controlSlip("2018"));
        new FormRenderer(null).render("2018", ProcessForms.controlSlip("2018"), data, false);
    }

    @Test
    void theLedgerIsLandscapeAndRepeatsItsHeaderOnEveryPage() throws Exception {
        List<Dossier> list = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            list.add(dossier(i, Instant.parse("2026-11-02T02:00:00Z").plusSeconds(i * 3600L * 7), i % 5 == 0));
        }
        FormData data = ProcessForms.ledgerData(list, d -> P.name(), COMMUNE, "Ủy ban nhân dân tỉnh Phú Thọ", "Từ ngày 01/11/2026 đến ngày 30/11/2026");
        byte[] pdf = new FormRenderer(null).render("2025", ProcessForms.ledger("2025"), data, true);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() >= 3, "60 rows take several pages: " + doc.getNumberOfPages());
            assertTrue(doc.getPage(0).getMediaBox().getWidth() > doc.getPage(0).getMediaBox().getHeight(), "landscape");
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                PDFTextStripper s = new PDFTextStripper();
                s.setStartPage(p);
                s.setEndPage(p);
                String t = s.getText(doc).replaceAll("\\s+", " ");
                assertTrue(t.contains("Mã hồ sơ") && t.contains("Ngày, giờ hẹn trả kết quả"), "header on page " + p + ": " + t);
                assertTrue(t.contains("ĐÀO TẠO"), "training mark on page " + p);
            }
            String all = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
            assertTrue(all.contains("SỔ THEO DÕI HỒ SƠ") && all.contains("000.00.21.H43-261120-0060") && all.contains("0912345060"), all);
        }
    }
}
