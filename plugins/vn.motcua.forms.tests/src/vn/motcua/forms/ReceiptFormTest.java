package vn.motcua.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

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
import vn.motcua.core.model.PaperKind;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;
import vn.motcua.core.model.ReceivedPaper;
import vn.motcua.core.model.RequiredDocument;
import vn.motcua.core.model.Role;

/**
 * Form 01 as a real PDF: two copies, Vietnamese text with embedded fonts (read back by PDFBox and by poppler's
 * pdftotext/pdffonts), a QR code that decodes to the lookup address, the training mark on every page.
 */
class ReceiptFormTest {
    static final String CODE = "000.00.21.H43-261123-0007";

    @TempDir
    Path dir;

    @Test
    void theReceiptReadsBackWithItsQrCodeAndTwoCopies() throws Exception {
        byte[] pdf = new FormRenderer(null).render("2025", ReceiptForm.NUMBER, data(), false);
        Path file = Files.write(dir.resolve("mau01.pdf"), pdf);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(2, doc.getNumberOfPages(), "one copy for the applicant, one kept");
            String text = new PDFTextStripper().getText(doc);
            for (String expected : new String[] { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                    "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mã hồ sơ: " + CODE, "Hoàng Thị Xuân Quỳnh", "Thủ tục đăng ký khai sinh",
                    "Tờ khai đăng ký khai sinh: 1 bản chính", "Liên 1: giao người nộp hồ sơ", "Liên 2: lưu tại Bộ phận Một cửa",
                    "NGƯỜI TIẾP NHẬN HỒ SƠ", "Nguyễn Thị Thu Hà" }) {
                assertTrue(text.contains(expected), "missing '" + expected + "' in:\n" + text);
            }
            assertFalse(text.contains(FormRenderer.TRAINING_MARK), "a real receipt carries no training mark");
            assertEquals("https://dichvucong.example.vn/tra-cuu?ma=" + CODE + "&bm=K7Q2-M9XA", qr(doc));
        }
        // An independent reader: poppler.
        String popplerText = run("pdftotext", "-enc", "UTF-8", file.toString(), "-");
        assertTrue(popplerText.contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"), popplerText);
        String fonts = run("pdffonts", file.toString());
        assertTrue(fonts.contains("DejaVuSerif"), fonts);
        assertFalse(fonts.lines().skip(2).anyMatch(l -> l.contains(" no ") && l.matches(".*\\s+no\\s+(yes|no)\\s+(yes|no)\\s+\\d+\\s+\\d+\\s*$")),
                "every font embedded:\n" + fonts);
    }

    @Test
    void trainingReceiptsCarryTheMarkOnEveryPage() throws Exception {
        byte[] pdf = new FormRenderer(null).render("2025", ReceiptForm.NUMBER, data(), true);
        // For a person to look at: target/mau01-dao-tao.png
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            javax.imageio.ImageIO.write(new PDFRenderer(doc).renderImageWithDPI(0, 80), "png", Path.of("target", "mau01-dao-tao.png").toFile());
        }
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDFTextStripper s = new PDFTextStripper();
            for (int p = 1; p <= doc.getNumberOfPages(); p++) {
                s.setStartPage(p);
                s.setEndPage(p);
                // Rotated text comes back glyph by glyph: compare without whitespace.
                assertTrue(s.getText(doc).replaceAll("\\s+", "").contains("ĐÀOTẠO/TRAINING"), "page " + p);
            }
        }
    }

    @Test
    void aProvinceTemplateReplacesTheShippedOneAndABadOneIsNamed() throws Exception {
        Path local = dir.resolve("tinh-phu-tho/2025");
        Files.createDirectories(local);
        Files.writeString(local.resolve("01.xml"), "<form number=\"01\"><title>PHIẾU TIẾP NHẬN (MẪU CỦA TỈNH)</title>"
                + "<p>Mã hồ sơ: {code}</p></form>", StandardCharsets.UTF_8);
        byte[] pdf = new FormRenderer(dir.resolve("tinh-phu-tho")).render("2025", "01", data(), false);
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertEquals(1, doc.getNumberOfPages());
            assertTrue(new PDFTextStripper().getText(doc).contains("PHIẾU TIẾP NHẬN (MẪU CỦA TỈNH)"));
        }
        Files.writeString(local.resolve("01.xml"), "<form><oops>", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> new FormRenderer(dir.resolve("tinh-phu-tho")).render("2025", "01", data(), false));
        assertTrue(e.getMessage().contains("2025/01.xml"), e.getMessage());
        assertThrows(IOException.class, () -> new FormRenderer(null).render("2025", "99", data(), false));
    }

    @Test
    void theRefusalAndTheSupplementRequestCarryTheReasonAndWhatIsMissing() throws Exception {
        FormRenderer r = new FormRenderer(null);
        byte[] refusal = r.render("2025", ReceiptForm.REFUSAL, data().put("reason", "Không thuộc thẩm quyền của xã."), false);
        byte[] supplement = r.render("2018", ReceiptForm.SUPPLEMENT, data().list("missing", List.of("Giấy chứng sinh (bản chính)"))
                .put("reason", "Thiếu giấy chứng sinh."), false);
        try (PDDocument a = Loader.loadPDF(refusal); PDDocument b = Loader.loadPDF(supplement)) {
            String t = new PDFTextStripper().getText(a);
            assertTrue(t.contains("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ") && t.contains("Không thuộc thẩm quyền của xã."), t);
            String u = new PDFTextStripper().getText(b);
            assertTrue(u.contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ") && u.contains("a) Giấy chứng sinh (bản chính)"), u);
        }
    }

    static FormData data() {
        Procedure p = new Procedure("1.001193", "Thủ tục đăng ký khai sinh", "Hộ tịch", Level.COMMUNE,
                Map.of(Channel.IN_PERSON, new ProcessingTime(BigDecimal.ZERO, DurationUnit.SAME_DAY, "Trong ngày")), LocalTime.of(15, 0),
                Map.of(Channel.IN_PERSON, Fee.free()), List.of(new RequiredDocument("1", "Tờ khai đăng ký khai sinh", PaperKind.ORIGINAL, 1, false),
                        new RequiredDocument("2", "Giấy chứng sinh", PaperKind.ORIGINAL, 1, false)),
                List.of("Luật Hộ tịch 2014"), "UBND cấp xã", OnlineLevel.FULL, true, 1, LocalDate.of(2025, 7, 1));
        Agency commune = new Agency("000.00.21.H43", "Ủy ban nhân dân xã Hợp Thịnh", Level.COMMUNE, "000.00.00.H43");
        Instant at = Instant.parse("2026-11-23T02:15:00Z");
        PersonApplicant a = new PersonApplicant("Hoàng Thị Xuân Quỳnh", LocalDate.of(1995, 6, 1), "025195012345", "Thôn Đồng Lạc", "0912345678", "");
        Dossier d = Dossier.draft(p.code(), 1, "2025", Channel.IN_PERSON, a,
                List.of(new ReceivedPaper("1", 1, PaperKind.ORIGINAL, false, false, false), new ReceivedPaper("2", 1, PaperKind.ORIGINAL, false, false, false)),
                commune.code());
        DossierEvent receive = new DossierEvent(1, DossierAction.RECEIVE, DossierStatus.DRAFT, DossierStatus.RECEIVED, "canbo.motcua", Role.CLERK,
                "QUAY-01", at, "", "01", null, null, null);
        d = d.record(receive, Dossier.Changes.NONE.withCode(CODE).withReceivedAt(at).withDueAt(Instant.parse("2026-11-23T10:00:00Z")));
        return ReceiptForm.data(d, p, commune, "Ủy ban nhân dân tỉnh Phú Thọ", "Nguyễn Thị Thu Hà", "Hợp Thịnh",
                "https://dichvucong.example.vn/tra-cuu", "K7Q2-M9XA");
    }

    /** Renders page 1 and decodes its QR code with ZXing. */
    static String qr(PDDocument doc) throws Exception {
        BufferedImage img = new PDFRenderer(doc).renderImageWithDPI(0, 150);
        int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels)));
        Result r = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        return r.getText();
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
        return out;
    }
}
