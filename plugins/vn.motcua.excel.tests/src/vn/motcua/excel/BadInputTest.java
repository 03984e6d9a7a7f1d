package vn.motcua.excel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad file gets its own clear message (Vietnamese and English) and nothing else. */
class BadInputTest {
    @TempDir
    Path dir;

    private ExcelImportException refused(Path file, String key) {
        ExcelImportException e = assertThrows(ExcelImportException.class, () -> new CatalogueImporter(null).read(file));
        assertEquals(key, e.key(), e::getMessage);
        String vi = e.message(null);
        assertTrue(vi.contains(file.getFileName().toString()) || key.equals("import.CANCELLED"), vi);
        assertTrue(!vi.startsWith("!") && !e.message(Locale.ENGLISH).startsWith("!"), vi);
        return e;
    }

    @Test
    void emptyFileAndEmptyWorkbook() throws Exception {
        refused(Files.write(dir.resolve("rong.xlsx"), new byte[0]), "file.EMPTY_FILE");
        XSSFWorkbook wb = new XSSFWorkbook();
        wb.createSheet("Sheet1");
        refused(Workbooks.save(wb, dir.resolve("trong.xlsx")), "file.EMPTY_WORKBOOK");
    }

    @Test
    void noRecognisableHeader() throws Exception {
        XSSFWorkbook wb = new XSSFWorkbook();
        Sheet s = wb.createSheet("Danh sách");
        Workbooks.row(s, 0, "Họ tên", "Ngày sinh", "Địa chỉ");
        Workbooks.row(s, 1, "Nguyễn Văn A", "01/01/1990", "Thôn Đông");
        ExcelImportException e = refused(Workbooks.save(wb, dir.resolve("khac.xlsx")), "file.NO_HEADER");
        assertTrue(e.message(null).contains("Tên thủ tục"));
    }

    @Test
    void encryptedWorkbook() throws Exception {
        Path plain = Workbooks.save(Workbooks.decision(false), dir.resolve("plain.xlsx"));
        Path enc = dir.resolve("matkhau.xlsx");
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
            Encryptor encryptor = info.getEncryptor();
            encryptor.confirmPassword("123456");
            try (OutputStream os = encryptor.getDataStream(fs)) {
                os.write(Files.readAllBytes(plain));
            }
            try (OutputStream out = Files.newOutputStream(enc)) {
                fs.writeFilesystem(out);
            }
        }
        assertTrue(refused(enc, "file.ENCRYPTED").message(null).contains("mật khẩu"));
    }

    @Test
    void corruptZipAndTruncatedFiles() throws Exception {
        byte[] good = Files.readAllBytes(Workbooks.save(Workbooks.decision(false), dir.resolve("good.xlsx")));
        byte[] half = java.util.Arrays.copyOf(good, good.length / 2);
        refused(Files.write(dir.resolve("hong.xlsx"), half), "file.CORRUPT");
        byte[] xls = Files.readAllBytes(Workbooks.save(Workbooks.decision(true), dir.resolve("good.xls")));
        refused(Files.write(dir.resolve("hong.xls"), java.util.Arrays.copyOf(xls, 1024)), "file.CORRUPT");
    }

    @Test
    void zipBombIsRefusedWithPoiLimitsOn() throws Exception {
        // 30 MB of one letter inflates ~1000x: far beyond POI's minimum inflate ratio.
        String huge = "A".repeat(30_000_000);
        Path bomb = Workbooks.rawXlsx(dir.resolve("bom.xlsx"), Workbooks.inlineRow(1, "Mã TTHC", "Tên thủ tục") + Workbooks.inlineRow(2, "1.000001", huge));
        assertTrue(Files.size(bomb) < 200_000);
        refused(bomb, "file.ZIP_BOMB");
    }

    @Test
    void otherFormatsSayWhatTheyAre() throws Exception {
        Path xlsb = dir.resolve("ds.xlsx");
        zip(xlsb, "xl/workbook.bin", "[Content_Types].xml");
        refused(xlsb, "file.XLSB");
        Path ods = dir.resolve("ds2.xlsx");
        zip(ods, "mimetype:application/vnd.oasis.opendocument.spreadsheet", "content.xml");
        refused(ods, "file.ODS");
        refused(Files.writeString(dir.resolve("ds.csv.xlsx"), "Mã TTHC;Tên thủ tục\n1.000001;Khai sinh\n", StandardCharsets.UTF_8), "file.CSV");
        assertTrue(refused(Files.write(dir.resolve("qd.xlsx"), "%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1)), "file.OTHER_KIND")
                .message(null).contains("PDF"));
        refused(Files.write(dir.resolve("anh.xlsx"), new byte[] { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13 }), "file.NOT_SPREADSHEET");
    }

    @Test
    void formulaErrorsAndHugeCellsAreErrorsOnTheirCells() throws Exception {
        Workbook wb = Workbooks.decision(false);
        wb.getSheetAt(0).getRow(10).getCell(5).setCellFormula("1/0");
        wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
        Path file = Workbooks.save(wb, dir.resolve("congthuc.xlsx"));
        ParsedCatalogue p = new CatalogueImporter(null).read(file);
        Problem f = p.problems().stream().filter(x -> x.key().equals("cell.FORMULA_ERROR")).findFirst().orElseThrow();
        assertEquals(10, f.row());
        assertEquals("F", f.columnLetter());
        assertTrue(f.message(null).contains("#DIV/0!"), f.message(null));

        String tooLong = "Tên rất dài ".repeat(3_000); // 36,000 characters, over Excel's limit
        Path huge = Workbooks.rawXlsx(dir.resolve("dai.xlsx"),
                Workbooks.inlineRow(1, "Mã TTHC", "Tên thủ tục") + Workbooks.inlineRow(2, "1.000001", tooLong) + Workbooks.inlineRow(3, "1.000002", "Khai tử"));
        ParsedCatalogue h = new CatalogueImporter(null).read(huge);
        assertTrue(h.hasErrors());
        Problem big = h.problems().stream().filter(x -> x.key().equals("cell.HUGE")).findFirst().orElseThrow();
        assertEquals(1, big.row());
        assertEquals("B", big.columnLetter());
    }

    @Test
    void annotatedCopyMarksAndCommentsProblemCells() throws Exception {
        Workbook wb = Workbooks.decision(false);
        Workbooks.row(wb.getSheetAt(0), 18, "6", "abc", "Mã sai", "Trong ngày");
        Path file = Workbooks.save(wb, dir.resolve("loi.xlsx"));
        ParsedCatalogue p = new CatalogueImporter(null).read(file);
        Path out = dir.resolve("loi-ghi-chu.xlsx");
        AnnotatedCopy.write(file, p.problems(), out, null);
        try (XSSFWorkbook back = new XSSFWorkbook(Files.newInputStream(out))) {
            Comment bad = back.getSheetAt(0).getRow(18).getCell(1).getCellComment();
            assertNotNull(bad);
            assertTrue(bad.getString().getString().contains("không hợp lệ"), bad.getString().getString());
            assertEquals(org.apache.poi.ss.usermodel.IndexedColors.ROSE.getIndex(),
                    back.getSheetAt(0).getRow(18).getCell(1).getCellStyle().getFillForegroundColor());
            Comment recovered = back.getSheetAt(0).getRow(11).getCell(1).getCellComment();
            assertTrue(recovered.getString().getString().contains("2.000150"));
            assertEquals("abc", back.getSheetAt(0).getRow(18).getCell(1).getStringCellValue(), "content kept");
        }
        Path xls = Workbooks.save(Workbooks.decision(true), dir.resolve("qd.xls"));
        Path xlsOut = dir.resolve("qd-ghi-chu.xls");
        AnnotatedCopy.write(xls, new CatalogueImporter(null).read(xls).problems(), xlsOut, Locale.ENGLISH);
        try (Workbook back = new org.apache.poi.hssf.usermodel.HSSFWorkbook(Files.newInputStream(xlsOut))) {
            assertTrue(back.getSheetAt(0).getRow(11).getCell(1).getCellComment().getString().getString().contains("recovered"));
        }
    }

    @Test
    void cancelStopsTheReadWithItsOwnMessage() throws Exception {
        Path file = Workbooks.save(Workbooks.decision(false), dir.resolve("qd.xlsx"));
        ExcelImportException e = assertThrows(ExcelImportException.class,
                () -> new CatalogueImporter(null).read(file, null, () -> true, n -> {
                }));
        assertEquals("import.CANCELLED", e.key());
    }

    private static void zip(Path file, String... entries) throws Exception {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            for (String e : entries) {
                String[] parts = e.split(":", 2);
                z.putNextEntry(new ZipEntry(parts[0]));
                z.write((parts.length > 1 ? parts[1] : "<x/>").getBytes(StandardCharsets.US_ASCII));
                z.closeEntry();
            }
        }
    }

    static List<String> keys(ParsedCatalogue p) {
        return p.problems().stream().map(Problem::key).toList();
    }
}
