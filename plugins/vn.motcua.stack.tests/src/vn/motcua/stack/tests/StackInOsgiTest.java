package vn.motcua.stack.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Selector;
import org.bouncycastle.util.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Level;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;

/**
 * Proves each library of the stack loads and works inside the real Equinox runtime (class loading,
 * wrapped manifests, service lookups), not just on a flat class path.
 */
class StackInOsgiTest {
    /** Every cache of this test class is encrypted with one key, so reopening works. */
    private static final CacheKey KEY = CacheKey.generate();
    static final String VIETNAMESE = "Ủy ban nhân dân xã Hợp Thịnh – Giấy tiếp nhận hồ sơ và hẹn trả kết quả";

    @TempDir
    Path dir;

    @Test
    void eclipseLinkPersistsAndReadsBackInAnH2File() throws Exception {
        Agency commune = new Agency("000.00.21.H43", "Ủy ban nhân dân xã Hợp Thịnh", Level.COMMUNE, "000.00.00.H43");
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            cache.agencies().save(commune);
        }
        assertTrue(Files.size(CacheOpener.databaseFile(dir)) > 0, "an H2 file on disk");
        try (LocalCache cache = CacheOpener.open(dir, KEY)) {
            assertEquals(commune, cache.agencies().findByCode("000.00.21.H43").orElseThrow());
        }
    }

    @Test
    void poiWritesAndReadsXlsxWithVietnameseText() throws Exception {
        Path file = dir.resolve("danh-muc.xlsx");
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet s = wb.createSheet("Thủ tục cấp xã");
            Row r = s.createRow(0);
            r.createCell(0).setCellValue("1.001193");
            r.createCell(1).setCellValue("Thủ tục đăng ký khai sinh");
            r.createCell(2).setCellValue(50000d);
            wb.write(out);
        }
        // XSSFWorkbook directly: WorkbookFactory finds providers through ServiceLoader, blind across bundles.
        try (Workbook wb = new XSSFWorkbook(file.toFile())) {
            Row r = wb.getSheet("Thủ tục cấp xã").getRow(0);
            assertEquals("1.001193", r.getCell(0).getStringCellValue());
            assertEquals("Thủ tục đăng ký khai sinh", r.getCell(1).getStringCellValue());
            assertEquals(50000d, r.getCell(2).getNumericCellValue());
        }
    }

    @Test
    void bouncyCastleMakesAndVerifiesACmsSignature() throws Exception {
        BouncyCastleProvider bc = new BouncyCastleProvider();
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=Nguyễn Văn Lãnh Đạo,O=UBND xã Hợp Thịnh,C=VN");
        ContentSigner signer = new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate());
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(365, ChronoUnit.DAYS)), subject, kp.getPublic()).build(signer);
        X509Certificate cert = new JcaX509CertificateConverter().setProvider(bc).getCertificate(holder);

        byte[] decision = "000.00.21.H43-261120-0001|APPROVE|20261120090000".getBytes(StandardCharsets.UTF_8);
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().setProvider(bc).build())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(kp.getPrivate()), cert));
        gen.addCertificate(holder);
        CMSSignedData detached = gen.generate(new CMSProcessableByteArray(decision), false);

        CMSSignedData parsed = new CMSSignedData(new CMSProcessableByteArray(decision), detached.getEncoded());
        SignerInformation si = parsed.getSignerInfos().getSigners().iterator().next();
        Store<X509CertificateHolder> certs = parsed.getCertificates();
        @SuppressWarnings({ "unchecked", "rawtypes" }) // SignerId is a raw Selector in BC's API
        X509CertificateHolder signerCert = (X509CertificateHolder) certs.getMatches((Selector) si.getSID()).iterator().next();
        assertTrue(si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(bc).build(signerCert)));

        CMSSignedData tampered = new CMSSignedData(new CMSProcessableByteArray("x".getBytes(StandardCharsets.UTF_8)), detached.getEncoded());
        SignerInformation bad = tampered.getSignerInfos().getSigners().iterator().next();
        assertThrows(CMSSignerDigestMismatchException.class,
                () -> bad.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(bc).build(signerCert)));
    }

    /** A sync-protocol-like DTO. */
    public record ChangeDto(long position, String dossierCode, Instant at, LocalDate receivedOn, List<String> papers) {
    }

    @Test
    void jacksonRoundTripsADtoWithDates() throws Exception {
        ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        ChangeDto dto = new ChangeDto(42, "000.00.21.H43-261120-0001", Instant.parse("2026-11-20T02:15:30Z"), LocalDate.of(2026, 11, 20),
                List.of("Tờ khai", "Giấy chứng sinh"));
        String text = json.writeValueAsString(dto);
        assertTrue(text.contains("\"at\":\"2026-11-20T02:15:30Z\""), text);
        assertTrue(text.contains("\"receivedOn\":\"2026-11-20\""), text);
        assertEquals(dto, json.readValue(text, ChangeDto.class));
    }

    @Test
    void pdfboxWritesVietnameseInAnEmbeddedFontAndReadsItBack() throws Exception {
        Path file = dir.resolve("phieu.pdf");
        try (PDDocument doc = new PDDocument(); InputStream font = StackInOsgiTest.class.getResourceAsStream("/fonts/DejaVuSans.ttf")) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDType0Font f = PDType0Font.load(doc, font, true);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.beginText();
                cs.setFont(f, 12);
                cs.newLineAtOffset(60, 780);
                cs.showText(VIETNAMESE);
                cs.endText();
            }
            doc.save(file.toFile());
        }
        try (PDDocument doc = Loader.loadPDF(file.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertEquals(VIETNAMESE, text.strip());
        }
    }
}
