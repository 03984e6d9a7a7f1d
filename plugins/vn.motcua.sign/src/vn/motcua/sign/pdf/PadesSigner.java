package vn.motcua.sign.pdf;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.form.PDFormXObject;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.ExternalSigningSupport;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;

import vn.motcua.sign.CmsSignatures;
import vn.motcua.sign.Signer;
import vn.motcua.sign.SigningCertificate;
import vn.motcua.sign.SigningException;
import vn.motcua.sign.SigningException.Reason;
import vn.motcua.sign.Texts;
import vn.motcua.sign.TimestampClient;
import vn.motcua.sign.trust.CertificateGate;
import vn.motcua.sign.trust.RevocationChecker;

/**
 * PAdES baseline signing with PDFBox external signing and a Bouncy Castle CMS: SubFilter ETSI.CAdES.detached,
 * SHA-256, signing-certificate-v2, no signing-time attribute (the time is the dictionary's /M), B-T when a TSA is
 * set; saved incrementally so earlier signatures stay valid; a visible stamp in an embedded DejaVu Sans subset.
 */
public final class PadesSigner {
    /** The mark every training signature carries on its stamp. */
    public static final String TRAINING_MARK = "ĐÀO TẠO / TRAINING — không có giá trị pháp lý";
    private static final DateTimeFormatter STAMP_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final int RESERVED_CMS_BYTES = 0x6000;
    private static final int RESERVED_TSA_BYTES = 0x3000;

    private final CertificateGate gate;
    private final RevocationChecker.Evidence validationData;

    /** @param gate checked before each signature; {@code null} only where the caller already ran it (batch) */
    public PadesSigner(CertificateGate gate) {
        this(gate, null);
    }

    /**
     * @param validationData revocation answers of the caller's own gate check (batch), embedded as a DSS (PAdES B-LT);
     *                       {@code null} = what this signer's gate found online, if anything
     */
    public PadesSigner(CertificateGate gate, RevocationChecker.Evidence validationData) {
        this.gate = gate;
        this.validationData = validationData;
    }

    /** The evidence to embed after signing with this gate result: only answers actually obtained online. */
    public static RevocationChecker.Evidence evidenceOf(CertificateGate.Result r) {
        return r.revocationChecked() ? r.revocation().evidence() : null;
    }

    /** Signs {@code in} into {@code out} (written to a temporary file next to it, then moved in place). */
    public void sign(Path in, Path out, Signer signer, SignatureSpec spec) throws SigningException, IOException {
        byte[] signed = sign(Files.readAllBytes(in), signer, spec);
        writeAtomically(out, signed);
    }

    public static void writeAtomically(Path out, byte[] bytes) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".part");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public byte[] sign(byte[] pdf, Signer signer, SignatureSpec spec) throws SigningException, IOException {
        Instant time = spec.time() == null ? Instant.now() : spec.time();
        RevocationChecker.Evidence ltv = validationData;
        if (gate != null) {
            CertificateGate.Result checked = gate.require(signer, Instant.now());
            if (ltv == null) {
                ltv = evidenceOf(checked);
            }
        }
        SigningCertificate who = signer.certificate();
        ByteArrayOutputStream out;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            if (doc.isEncrypted()) {
                throw new SigningException(Reason.UNSUPPORTED, "encrypted PDF");
            }
            Locale locale = spec.locale();
            PDSignature sig = new PDSignature();
            sig.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            sig.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            sig.setName(who.holder());
            String reason = spec.reason() != null ? spec.reason() : Texts.TEXT.format(locale, "reason." + spec.kind());
            sig.setReason(signer.training() ? reason + " — " + TRAINING_MARK : reason);
            if (spec.location() != null) {
                sig.setLocation(spec.location());
            }
            Calendar cal = GregorianCalendar.from(ZonedDateTime.ofInstant(time, spec.zone()));
            sig.setSignDate(cal);

            int reserve = RESERVED_CMS_BYTES + (spec.tsaUrl() != null ? RESERVED_TSA_BYTES : 0);
            Stamp stamp = spec.stamp() == null && signer.training() ? Stamp.defaultPlace() : spec.stamp();
            out = new ByteArrayOutputStream(pdf.length + 2 * reserve + 65536);
            try (SignatureOptions options = new SignatureOptions()) {
                options.setPreferredSignatureSize(reserve);
                if (stamp != null) {
                    int page = stamp.page() < 0 ? doc.getNumberOfPages() - 1 : Math.min(stamp.page(), doc.getNumberOfPages() - 1);
                    List<String> lines = stampLines(spec, who, time, locale);
                    options.setVisualSignature(template(doc, page, stamp, lines, signer.training()));
                    options.setPage(page);
                }
                doc.addSignature(sig, options);
                ExternalSigningSupport ext = doc.saveIncrementalForExternalSigning(out);
                byte[] content;
                try (InputStream c = ext.getContent()) {
                    content = c.readAllBytes();
                }
                TimestampClient tsa = spec.tsaUrl() == null ? null : new TimestampClient(spec.tsaUrl(), Duration.ofSeconds(20));
                byte[] cms = CmsSignatures.signDetached(content, signer, false, tsa);
                if (cms.length > reserve) {
                    throw new SigningException(Reason.FAILED, "signature " + cms.length + " bytes > reserved " + reserve);
                }
                ext.setSignature(cms);
            }
        }
        return ltv == null ? out.toByteArray() : withValidationData(out.toByteArray(), ltv);
    }

    /**
     * PAdES B-LT: appends, as an incremental update after the signature, a document security store (DSS) with the
     * chain's certificates and the OCSP answers and CRLs obtained when signing, so the signature can be checked after
     * the certificate expires and without the responders. Only the catalog changes (it gains /DSS); the verifier
     * checks exactly that ({@link PdfVerifier}).
     */
    public static byte[] withValidationData(byte[] signedPdf, RevocationChecker.Evidence ev) throws IOException {
        try (PDDocument doc = Loader.loadPDF(signedPdf)) {
            COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
            COSDictionary dss = new COSDictionary();
            List<byte[]> certs = new ArrayList<>();
            for (java.security.cert.X509Certificate c : ev.certificates()) {
                try {
                    certs.add(c.getEncoded());
                } catch (java.security.cert.CertificateEncodingException e) {
                    throw new IOException(e);
                }
            }
            dss.setItem(COSName.getPDFName("Certs"), streams(doc, certs));
            if (!ev.ocspResponses().isEmpty()) {
                dss.setItem(COSName.getPDFName("OCSPs"), streams(doc, ev.ocspResponses()));
            }
            if (!ev.crls().isEmpty()) {
                dss.setItem(COSName.getPDFName("CRLs"), streams(doc, ev.crls()));
            }
            dss.setNeedToBeUpdated(true);
            catalog.setItem(COSName.getPDFName("DSS"), dss);
            catalog.setNeedToBeUpdated(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream(signedPdf.length + 16384);
            doc.saveIncremental(out);
            return out.toByteArray();
        }
    }

    private static COSArray streams(PDDocument doc, List<byte[]> items) throws IOException {
        COSArray a = new COSArray();
        for (byte[] der : items) {
            COSStream st = doc.getDocument().createCOSStream();
            try (java.io.OutputStream os = st.createOutputStream(COSName.FLATE_DECODE)) {
                os.write(der);
            }
            st.setNeedToBeUpdated(true);
            a.add(st);
        }
        a.setNeedToBeUpdated(true);
        return a;
    }

    static List<String> stampLines(SignatureSpec spec, SigningCertificate who, Instant time, Locale locale) {
        String when = STAMP_TIME.format(ZonedDateTime.ofInstant(time, spec.zone()));
        List<String> lines = new ArrayList<>();
        for (String l : Texts.TEXT.format(locale, "stamp." + spec.kind(), who.holder(), who.agency(), when).split("\n")) {
            if (!l.isBlank()) {
                lines.add(l.strip());
            }
        }
        return lines;
    }

    /** A one-page PDF holding only the signature widget and its appearance, as PDFBox's visual-signature template. */
    private static InputStream template(PDDocument src, int pageIndex, Stamp stamp, List<String> lines, boolean training) throws IOException {
        try (PDDocument doc = new PDDocument(); InputStream fontIn = PadesSigner.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            if (fontIn == null) {
                throw new IOException("fonts/DejaVuSans.ttf missing from the bundle");
            }
            PDPage srcPage = src.getPage(pageIndex);
            PDPage page = new PDPage(srcPage.getMediaBox());
            doc.addPage(page);
            PDAcroForm form = new PDAcroForm(doc);
            doc.getDocumentCatalog().setAcroForm(form);
            PDSignatureField field = new PDSignatureField(form);
            PDAnnotationWidget widget = field.getWidgets().get(0);
            form.setSignaturesExist(true);
            form.setAppendOnly(true);
            form.getCOSObject().setDirect(true);
            form.getFields().add(field);
            PDRectangle rect = new PDRectangle(stamp.x(), stamp.y(), stamp.width(), stamp.height());
            widget.setRectangle(rect);
            widget.setPage(page);
            page.getAnnotations().add(widget);

            PDFormXObject xo = new PDFormXObject(new PDStream(doc));
            xo.setResources(new PDResources());
            xo.setFormType(1);
            xo.setBBox(new PDRectangle(rect.getWidth(), rect.getHeight()));
            PDAppearanceDictionary ap = new PDAppearanceDictionary();
            ap.getCOSObject().setDirect(true);
            PDAppearanceStream as = new PDAppearanceStream(xo.getCOSObject());
            ap.setNormalAppearance(as);
            widget.setAppearance(ap);

            PDType0Font font = PDType0Font.load(doc, fontIn, true);
            float w = rect.getWidth(), h = rect.getHeight();
            List<String> all = new ArrayList<>(lines);
            if (training) {
                all.add(0, TRAINING_MARK);
            }
            try (PDPageContentStream cs = new PDPageContentStream(doc, as)) {
                cs.setStrokingColor(training ? 0.8f : 0.1f, 0.1f, training ? 0.1f : 0.5f);
                cs.setLineWidth(1f);
                cs.addRect(0.5f, 0.5f, w - 1, h - 1);
                cs.stroke();
                float textX = 4;
                if (stamp.image() != null) {
                    PDImageXObject img = PDImageXObject.createFromByteArray(doc, stamp.image(), "stamp-image");
                    float iw = w / 3 - 4, ih = h - 8;
                    float scale = Math.min(iw / img.getWidth(), ih / img.getHeight());
                    cs.drawImage(img, 4, 4, img.getWidth() * scale, img.getHeight() * scale);
                    textX = w / 3 + 2;
                }
                float maxWidth = 0;
                for (String l : all) {
                    maxWidth = Math.max(maxWidth, font.getStringWidth(l) / 1000f);
                }
                float size = Math.min(10f, Math.min((w - textX - 4) / Math.max(maxWidth, 1f), (h - 6) / (all.size() * 1.25f)));
                float y = h - 3 - size;
                for (int i = 0; i < all.size(); i++) {
                    boolean mark = training && i == 0;
                    cs.beginText();
                    cs.setFont(font, size);
                    cs.setNonStrokingColor(mark ? 0.85f : 0f, 0f, 0f);
                    cs.newLineAtOffset(textX, y);
                    cs.showText(all.get(i));
                    cs.endText();
                    y -= size * 1.25f;
                }
            }
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            doc.save(b);
            return new ByteArrayInputStream(b.toByteArray());
        }
    }
}
