package vn.motcua.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import vn.motcua.reports.Report;
import vn.motcua.reports.ReportTable;

/**
 * A report to .xlsx: a cover sheet with the title and period, then one sheet per table, numbers kept as numbers (so
 * the province can sum them), header frozen, total rows bold. Written to a temporary file and moved into place, so a
 * failed export never leaves half a file under the chosen name.
 */
public final class ReportWorkbook {
    private ReportWorkbook() {
    }

    public static void write(Report report, String agencyName, Path target) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".report", ".xlsx");
        try (SXSSFWorkbook wb = new SXSSFWorkbook(500)) {
            wb.setCompressTempFiles(false);
            CatalogueExporter.Styles st = new CatalogueExporter.Styles(wb);
            CellStyle number = wb.createCellStyle();
            number.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
            CellStyle decimal = wb.createCellStyle();
            decimal.setDataFormat(wb.createDataFormat().getFormat("#,##0.0"));
            Font boldFont = wb.createFont();
            boldFont.setBold(true);
            CellStyle bold = wb.createCellStyle();
            bold.setFont(boldFont);
            CellStyle boldNumber = wb.createCellStyle();
            boldNumber.cloneStyleFrom(number);
            boldNumber.setFont(boldFont);

            SXSSFSheet cover = wb.createSheet(WorkbookUtil.createSafeSheetName(report.title().length() > 25 ? "Báo cáo" : report.title()));
            cover.setColumnWidth(0, 120 * 256);
            String[] lines = { agencyName, report.title(), report.periodLine(), report.note() };
            for (int i = 0; i < lines.length; i++) {
                Cell c = cover.createRow(i).createCell(0);
                c.setCellValue(lines[i]);
                c.setCellStyle(i == 1 ? bold : st.wrap);
            }
            Set<String> names = new HashSet<>();
            for (ReportTable t : report.tables()) {
                SXSSFSheet s = wb.createSheet(sheetName(t.caption(), names));
                Row title = s.createRow(0);
                title.createCell(0).setCellValue(t.caption());
                title.getCell(0).setCellStyle(bold);
                Row h = s.createRow(1);
                float total = 0;
                for (float w : t.widths()) {
                    total += w;
                }
                for (int i = 0; i < t.header().size(); i++) {
                    Cell c = h.createCell(i);
                    c.setCellValue(t.header().get(i));
                    c.setCellStyle(st.header);
                    s.setColumnWidth(i, Math.min(255, Math.max(8, Math.round(140 * t.widths().get(i) / total))) * 256);
                }
                s.createFreezePane(0, 2);
                int n = 2;
                List<List<Object>> rows = t.rows();
                for (int i = 0; i < rows.size(); i++) {
                    boolean isTotal = t.total() && i == rows.size() - 1;
                    Row r = s.createRow(n++);
                    List<Object> cells = rows.get(i);
                    for (int j = 0; j < cells.size(); j++) {
                        Cell c = r.createCell(j);
                        Object v = cells.get(j);
                        if (v instanceof Double d) {
                            c.setCellValue(d);
                            c.setCellStyle(decimal);
                        } else if (v instanceof Number x) {
                            c.setCellValue(x.doubleValue());
                            c.setCellStyle(isTotal ? boldNumber : number);
                        } else {
                            c.setCellValue(v == null ? "" : v.toString());
                            c.setCellStyle(isTotal ? bold : st.wrap);
                        }
                    }
                }
            }
            try (OutputStream out = Files.newOutputStream(tmp)) {
                wb.write(out);
            }
            wb.dispose();
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Excel's 31-character, no-[]:*?/\ sheet names, unique within the workbook: "1. Tình hình giải quyết theo lĩnh". */
    static String sheetName(String caption, Set<String> taken) {
        String base = WorkbookUtil.createSafeSheetName(caption);
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            String suffix = " (" + i + ")";
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }
}
