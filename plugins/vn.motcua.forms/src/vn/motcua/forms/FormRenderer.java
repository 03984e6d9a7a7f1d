package vn.motcua.forms;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * Renders a form from its template (XML, one file per form and rule pack: {@code templates/<pack>/<number>.xml})
 * as an A4 PDF in the Vietnamese administrative layout: agency and national motto side by side, title, body in
 * a serif font embedded in the file (DejaVu Serif: every Vietnamese letter), QR code, signature blocks. A
 * province's variant is a template file in its own folder, which takes precedence; no form is code.
 */
public final class FormRenderer {
    /** The mark on every page printed in training mode. */
    public static final String TRAINING_MARK = "ĐÀO TẠO / TRAINING — không có giá trị pháp lý";
    static final float MM = 72f / 25.4f;
    static final float LEFT = 30 * MM;
    static final float RIGHT = 15 * MM;
    static final float TOP = 20 * MM;
    static final float BOTTOM = 20 * MM;
    static final float BODY = 12.5f;

    private final Path localTemplates;

    /** @param localTemplates a province's template folder, or null for the shipped templates only */
    public FormRenderer(Path localTemplates) {
        this.localTemplates = localTemplates;
    }

    /** The PDF of form {@code number} of rule pack {@code pack} filled with {@code data}. */
    public byte[] render(String pack, String number, FormData data, boolean training) throws IOException {
        Element form = template(pack, number);
        int copies = Integer.parseInt(attr(form, "copies", "1"));
        try (PDDocument doc = new PDDocument()) {
            PDType0Font regular = font(doc, "/fonts/DejaVuSerif.ttf");
            PDType0Font bold = font(doc, "/fonts/DejaVuSerif-Bold.ttf");
            for (int copy = 1; copy <= copies; copy++) {
                Writer w = new Writer(doc, regular, bold, training, "landscape".equals(attr(form, "orientation", "portrait")));
                if (copies > 1) {
                    w.corner(copy == 1 ? "Liên 1: giao người nộp hồ sơ" : "Liên " + copy + ": lưu tại Bộ phận Một cửa");
                }
                for (Node n = form.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e) {
                        w.element(e, data);
                    }
                }
                w.close();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }

    private Element template(String pack, String number) throws IOException {
        String name = pack + "/" + number + ".xml";
        try (InputStream in = localTemplates != null && Files.isRegularFile(localTemplates.resolve(name))
                ? Files.newInputStream(localTemplates.resolve(name)) : FormRenderer.class.getResourceAsStream("/templates/" + name)) {
            if (in == null) {
                throw new IOException("No template for form " + number + " of rule pack " + pack);
            }
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(in).getDocumentElement();
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("Template " + name + " is not valid XML: " + e.getMessage(), e);
        }
    }

    private static PDType0Font font(PDDocument doc, String resource) throws IOException {
        try (InputStream in = FormRenderer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " missing from the bundle");
            }
            return PDType0Font.load(doc, in, true);
        }
    }

    static String attr(Element e, String name, String fallback) {
        String v = e.getAttribute(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    /** Lays elements out top to bottom on as many pages as needed. */
    private static final class Writer {
        private final PDDocument doc;
        private final PDType0Font regular;
        private final PDType0Font bold;
        private final boolean training;
        private final boolean landscape;
        private PDPageContentStream cs;
        private PDPage page;
        private float y;

        Writer(PDDocument doc, PDType0Font regular, PDType0Font bold, boolean training, boolean landscape) throws IOException {
            this.landscape = landscape;
            this.doc = doc;
            this.regular = regular;
            this.bold = bold;
            this.training = training;
            newPage();
        }

        private void newPage() throws IOException {
            if (cs != null) {
                cs.close();
            }
            page = new PDPage(landscape ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()) : PDRectangle.A4);
            doc.addPage(page);
            cs = new PDPageContentStream(doc, page);
            y = page.getMediaBox().getHeight() - TOP;
            if (training) {
                watermark();
            }
        }

        private void watermark() throws IOException {
            PDExtendedGraphicsState gs = new PDExtendedGraphicsState();
            gs.setNonStrokingAlphaConstant(0.22f);
            cs.saveGraphicsState();
            cs.setGraphicsStateParameters(gs);
            cs.setNonStrokingColor(0.8f, 0.1f, 0.1f);
            cs.beginText();
            // Sized to run corner to corner inside the page, whatever the text's length.
            float diagonal = (float) Math.hypot(page.getMediaBox().getWidth() - 2 * LEFT, page.getMediaBox().getHeight() - 2 * TOP);
            float size = Math.min(30, diagonal * 1000 / bold.getStringWidth(TRAINING_MARK));
            double angle = Math.atan2(page.getMediaBox().getHeight() - 2 * TOP, page.getMediaBox().getWidth() - 2 * LEFT);
            cs.setFont(bold, size);
            cs.setTextMatrix(Matrix.getRotateInstance(angle, LEFT, TOP));
            cs.showText(TRAINING_MARK);
            cs.endText();
            cs.restoreGraphicsState();
        }

        float width() {
            return page.getMediaBox().getWidth() - LEFT - RIGHT;
        }

        void corner(String text) throws IOException {
            float size = 9;
            float w = regular.getStringWidth(text) / 1000 * size;
            show(regular, size, page.getMediaBox().getWidth() - RIGHT - w, y + 8, text);
        }

        void element(Element e, FormData data) throws IOException {
            switch (e.getTagName()) {
                case "header" -> columns(data.fill(attr(e, "left", "")), data.fill(attr(e, "right", "")), true);
                case "signatures" -> {
                    y -= 14;
                    columns(data.fill(attr(e, "left", "")), data.fill(attr(e, "right", "")), true);
                }
                case "title" -> {
                    y -= 10;
                    centered(bold, 14, data.fill(e.getTextContent().strip()));
                    y -= 4;
                }
                case "center" -> centered(regular, BODY, data.fill(e.getTextContent().strip()));
                case "right" -> {
                    String t = data.fill(e.getTextContent().strip());
                    float w = regular.getStringWidth(t) / 1000 * BODY;
                    line();
                    show(regular, BODY, page.getMediaBox().getWidth() - RIGHT - w, y, t);
                }
                case "p" -> paragraph(data.fill(e.getTextContent().strip()), 0);
                case "list" -> {
                    List<String> items = data.list(attr(e, "name", ""));
                    for (int i = 0; i < items.size(); i++) {
                        paragraph("  " + (char) ('a' + Math.min(i, 25)) + ") " + items.get(i), 18);
                    }
                }
                case "qr" -> qr(data.fill(attr(e, "text", "")), data.fill(attr(e, "caption", "")));
                case "table" -> table(e, data.table(attr(e, "name", "")));
                case "tables" -> tables(e, data);
                default -> throw new IOException("Unknown template element <" + e.getTagName() + ">");
            }
        }

        private void line() throws IOException {
            y -= BODY * 1.45f;
            if (y < BOTTOM) {
                newPage();
                y -= BODY * 1.45f;
            }
        }

        private void show(PDType0Font font, float size, float x, float at, String text) throws IOException {
            cs.beginText();
            cs.setFont(font, size);
            cs.newLineAtOffset(x, at);
            cs.showText(text);
            cs.endText();
        }

        private void centered(PDType0Font font, float size, String text) throws IOException {
            for (String l : wrap(font, size, text, width())) {
                line();
                float w = font.getStringWidth(l) / 1000 * size;
                show(font, size, LEFT + (width() - w) / 2, y, l);
            }
        }

        private void paragraph(String text, float indent) throws IOException {
            for (String l : wrap(regular, BODY, text, width() - indent)) {
                line();
                show(regular, BODY, LEFT + indent, y, l);
            }
        }

        /**
         * Two centred columns (agency | motto; applicant | clerk), the left one narrower as on official papers; the
         * first line of each bold; a line too long for its column is set smaller rather than overlapping.
         */
        private void columns(String left, String right, boolean boldFirst) throws IOException {
            String[] l = left.split("\n", -1);
            String[] r = right.split("\n", -1);
            float[] widths = { width() * 0.42f, width() * 0.58f };
            for (int i = 0; i < Math.max(l.length, r.length); i++) {
                line();
                for (int side = 0; side < 2; side++) {
                    String[] lines = side == 0 ? l : r;
                    if (i >= lines.length || lines[i].isBlank()) {
                        continue;
                    }
                    boolean isBold = boldFirst && i == 0 || side == 0 && i == lines.length - 1 && lines.length > 1
                            && !lines[i].startsWith("(") && lines[i].equals(lines[i].toUpperCase());
                    PDType0Font f = isBold ? bold : regular;
                    String t = lines[i];
                    float size = Math.min(11.5f, (widths[side] - 6) * 1000 / f.getStringWidth(t));
                    float w = f.getStringWidth(t) / 1000 * size;
                    float x0 = LEFT + (side == 0 ? 0 : widths[0]);
                    show(f, size, x0 + (widths[side] - w) / 2, y, t);
                }
            }
        }

        private void qr(String text, String caption) throws IOException {
            if (text.isBlank()) {
                return;
            }
            BufferedImage img = qrImage(text, 240);
            PDImageXObject x = LosslessFactory.createFromImage(doc, img);
            float size = 78;
            if (y - size - 10 < BOTTOM) {
                newPage();
            }
            y -= size + 8;
            cs.drawImage(x, LEFT, y, size, size);
            float at = y + size / 2;
            for (String l : wrap(regular, 10, caption, width() - size - 12)) {
                show(regular, 10, LEFT + size + 12, at, l);
                at -= 13;
            }
        }

        /**
         * A ruled table: {@code <col width="…" title="…"/>} children give relative widths and the header (bold,
         * repeated on each new page); cells wrap within their column; a row never splits across pages.
         */
        private void table(Element e, List<List<String>> rows) throws IOException {
            List<String> header = new ArrayList<>();
            List<Float> weights = new ArrayList<>();
            for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c && c.getTagName().equals("col")) {
                    header.add(attr(c, "title", ""));
                    weights.add(Float.parseFloat(attr(c, "width", "1")));
                }
            }
            table(header, weights, Float.parseFloat(attr(e, "size", "10")), rows);
        }

        /** Every table the data defines with its own columns ({@link FormData#table(String, String, List, List, List)}). */
        private void tables(Element e, FormData data) throws IOException {
            float size = Float.parseFloat(attr(e, "size", "9.5"));
            for (FormData.Table t : data.tables()) {
                if (!t.caption().isEmpty()) {
                    y -= 6;
                    for (String l : wrap(bold, BODY, t.caption(), width())) {
                        line();
                        show(bold, BODY, LEFT, y, l);
                    }
                }
                table(t.header(), t.weights(), size, t.rows());
                y -= 4;
            }
        }

        private void table(List<String> header, List<Float> weights, float size, List<List<String>> rows) throws IOException {
            float total = 0;
            for (float f : weights) {
                total += f;
            }
            float[] w = new float[weights.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = width() * weights.get(i) / total;
            }
            y -= 6;
            if (y - size * 4 < BOTTOM) {
                newPage();
            }
            row(header, w, bold, size, true);
            for (List<String> r : rows) {
                if (!row(r, w, regular, size, false)) {
                    newPage();
                    row(header, w, bold, size, true);
                    row(r, w, regular, size, false);
                }
            }
        }

        /** Draws one row at {@code y}; false (nothing drawn) when it does not fit on this page. */
        private boolean row(List<String> cells, float[] w, PDType0Font font, float size, boolean force) throws IOException {
            float lineH = size * 1.3f;
            List<List<String>> wrapped = new ArrayList<>();
            int lines = 1;
            for (int i = 0; i < w.length; i++) {
                List<String> l = breakLong(font, size, wrap(font, size, i < cells.size() && cells.get(i) != null ? cells.get(i) : "", w[i] - 6), w[i] - 6);
                wrapped.add(l);
                lines = Math.max(lines, l.size());
            }
            float h = lines * lineH + 6;
            if (y - h < BOTTOM && !force) {
                return false;
            }
            float x = LEFT;
            cs.setLineWidth(0.6f);
            for (int i = 0; i < w.length; i++) {
                cs.addRect(x, y - h, w[i], h);
                float at = y - 3 - size;
                for (String l : wrapped.get(i)) {
                    show(font, size, x + 3, at, l);
                    at -= lineH;
                }
                x += w[i];
            }
            cs.stroke();
            y -= h;
            return true;
        }

        void close() throws IOException {
            cs.close();
        }
    }

    /** A QR code (error correction M, quiet zone 2) as a black-and-white image. */
    static BufferedImage qrImage(String text, int pixels) throws IOException {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, pixels, pixels,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
            BufferedImage img = new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
            for (int x = 0; x < m.getWidth(); x++) {
                for (int yy = 0; yy < m.getHeight(); yy++) {
                    img.setRGB(x, yy, m.get(x, yy) ? 0x000000 : 0xFFFFFF);
                }
            }
            return img;
        } catch (WriterException e) {
            throw new IOException("Cannot make the QR code: " + e.getMessage(), e);
        }
    }

    /** Lines still wider than {@code width} (one long word: a dossier code) are cut between characters. */
    static List<String> breakLong(PDType0Font font, float size, List<String> lines, float width) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String rest = l;
            while (font.getStringWidth(rest) / 1000 * size > width && rest.length() > 1) {
                int n = rest.length() - 1;
                while (n > 1 && font.getStringWidth(rest.substring(0, n)) / 1000 * size > width) {
                    n--;
                }
                out.add(rest.substring(0, n));
                rest = rest.substring(n);
            }
            out.add(rest);
        }
        return out;
    }

    /** Greedy word wrap by measured width. */
    static List<String> wrap(PDType0Font font, float size, String text, float width) throws IOException {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            StringBuilder cur = new StringBuilder();
            for (String word : para.split(" ")) {
                String tryLine = cur.isEmpty() ? word : cur + " " + word;
                if (font.getStringWidth(tryLine) / 1000 * size > width && !cur.isEmpty()) {
                    out.add(cur.toString());
                    cur = new StringBuilder(word);
                } else {
                    cur = new StringBuilder(tryLine);
                }
            }
            out.add(cur.toString());
        }
        return out;
    }
}
