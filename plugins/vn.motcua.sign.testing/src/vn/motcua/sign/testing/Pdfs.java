package vn.motcua.sign.testing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;

import org.apache.pdfbox.pdfwriter.compress.CompressParameters;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/** Test documents: one A4 page of Vietnamese text; the title "TAMPERME-ORIGINAL" is stored uncompressed. */
public final class Pdfs {
    private Pdfs() {
    }

    public static byte[] decision(String text) throws Exception {
        try (PDDocument doc = new PDDocument(); InputStream font = vn.motcua.sign.pdf.PadesSigner.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            doc.getDocumentInformation().setTitle("TAMPERME-ORIGINAL");
            PDType0Font f = PDType0Font.load(doc, font, true);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(f, 13);
                cs.newLineAtOffset(60, 760);
                cs.showText("QUYẾT ĐỊNH về việc cấp giấy chứng nhận — " + text);
                cs.endText();
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            doc.save(b, CompressParameters.NO_COMPRESSION);
            return b.toByteArray();
        }
    }
}
