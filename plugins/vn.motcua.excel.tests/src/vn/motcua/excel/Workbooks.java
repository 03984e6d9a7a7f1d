package vn.motcua.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Test workbooks in the shape of real provincial lists (see shared/design/catalogue-excel.md). */
final class Workbooks {
    private Workbooks() {
    }

    /**
     * A decision appendix: merged title rows, a two-row header (Thời hạn / Phí over channel sub-columns), a
     * "(1) (2)…" numbering row, level and field sections, multi-line legal basis, an NFD name, a code typed as
     * a number (2.00015), an empty row in the middle.
     */
    static Workbook decision(boolean xls) {
        Workbook wb = xls ? new HSSFWorkbook() : new XSSFWorkbook();
        Sheet s = wb.createSheet("Phụ lục I");
        row(s, 0, "ỦY BAN NHÂN DÂN TỈNH BẮC NINH");
        row(s, 1, "DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC PHẠM VI QUẢN LÝ");
        s.addMergedRegion(new CellRangeAddress(1, 1, 0, 8));
        row(s, 2, "(Kèm theo Quyết định số 123/QĐ-UBND ngày 01/07/2025)");
        row(s, 4, "STT", "Mã TTHC", "Tên thủ tục\nhành chính", "Thời hạn giải quyết", null, "Phí, lệ phí", null,
                "Căn cứ pháp lý", "Cơ quan thực hiện", "Mức độ DVC");
        row(s, 5, null, null, null, "Trực tiếp", "Trực tuyến", "Trực tiếp", "Trực tuyến");
        s.addMergedRegion(new CellRangeAddress(4, 4, 3, 4));
        s.addMergedRegion(new CellRangeAddress(4, 4, 5, 6));
        row(s, 6, "(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)");
        row(s, 7, "A. THỦ TỤC HÀNH CHÍNH CẤP XÃ");
        row(s, 8, "I. Lĩnh vực Hộ tịch");
        row(s, 9, "1", "1.001193", "Thủ tục đăng ký khai sinh", "Ngay trong ngày làm việc; trường hợp nhận hồ sơ sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo",
                "Trong ngày", "Miễn phí", "Miễn phí", "- Luật Hộ tịch năm 2014\n- Nghị định số 123/2015/NĐ-CP", "UBND cấp xã", "Toàn trình");
        row(s, 10, "2", "1.000894", Normalizer.normalize("Thủ tục đăng ký kết hôn", Normalizer.Form.NFD), "03 ngày làm việc",
                null, "Không", null, "Luật Hộ tịch năm 2014", "UBND cấp xã", "Một phần");
        s.getRow(10).createCell(1).setCellValue("1.000894");
        Row r = row(s, 11, "3", null, "Thủ tục cấp bản sao trích lục hộ tịch", "Trực tiếp: 01 ngày làm việc; Trực tuyến: 04 giờ làm việc",
                null, "8.000 đồng/bản", "4.000 đồng/bản", "Thông tư số 281/2016/TT-BTC", "UBND cấp xã\u00A0", "");
        r.createCell(1).setCellValue(2.00015); // a code typed into a number cell
        row(s, 13, "II. Lĩnh vực Chứng thực");
        row(s, 14, "4", "2.000815", "Thủ tục chứng thực bản sao từ bản chính", "Trong ngày", "Không áp dụng",
                "2.000 đồng/trang; từ trang thứ 3 trở lên thu 1.000 đồng/trang", "Không áp dụng", "Nghị định số 23/2015/NĐ-CP", "UBND cấp xã", "");
        row(s, 15, "B. THỦ TỤC HÀNH CHÍNH CẤP TỈNH");
        row(s, 16, "III. Lĩnh vực Đất đai");
        row(s, 17, "5", "1.012753.H19", "Đăng ký đất đai lần đầu", "Không quy định cụ thể thời gian", null, "Theo quy định của HĐND tỉnh",
                null, "Luật Đất đai 2024", "Văn phòng đăng ký đất đai", "");
        return wb;
    }

    static Row row(Sheet s, int index, String... values) {
        Row r = s.createRow(index);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                r.createCell(i).setCellValue(values[i]);
            }
        }
        return r;
    }

    static Path save(Workbook wb, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            wb.write(out);
        }
        wb.close();
        return file;
    }

    /** A minimal .xlsx written by hand (inline strings), for cells POI's writer refuses to make. */
    static Path rawXlsx(Path file, String sheetXmlRows) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            put(z, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            put(z, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            put(z, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
                    + " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            put(z, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            put(z, "xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                    + sheetXmlRows + "</sheetData></worksheet>");
        }
        return file;
    }

    static String inlineRow(int r, String... values) {
        StringBuilder b = new StringBuilder("<row r=\"" + r + "\">");
        for (int i = 0; i < values.length; i++) {
            b.append("<c r=\"").append((char) ('A' + i)).append(r).append("\" t=\"inlineStr\"><is><t>").append(values[i]).append("</t></is></c>");
        }
        return b.append("</row>").toString();
    }

    private static void put(ZipOutputStream z, String name, String content) throws IOException {
        z.putNextEntry(new ZipEntry(name));
        z.write(content.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
    }
}
