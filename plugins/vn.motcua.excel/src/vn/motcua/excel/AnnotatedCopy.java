package vn.motcua.excel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.ClientAnchor;
import org.apache.poi.ss.usermodel.Comment;
import org.apache.poi.ss.usermodel.CreationHelper;
import org.apache.poi.ss.usermodel.Drawing;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A copy of an imported workbook with every problem cell filled (red for errors, yellow for warnings) and a
 * comment giving the reason, so the admin can fix the file in Excel. The original is never touched.
 */
public final class AnnotatedCopy {
    private AnnotatedCopy() {
    }

    public static void write(Path source, List<Problem> problems, Path target, Locale locale) throws ExcelImportException {
        FileSniffer.Kind kind = FileSniffer.sniff(source);
        try (InputStream in = Files.newInputStream(source);
                Workbook wb = kind == FileSniffer.Kind.XLSX ? new XSSFWorkbook(in) : new HSSFWorkbook(in)) {
            CellStyle error = fill(wb, IndexedColors.ROSE);
            CellStyle warning = fill(wb, IndexedColors.LIGHT_YELLOW);
            Map<String, StringBuilder> texts = new HashMap<>();
            Map<String, Cell> cells = new HashMap<>();
            for (Problem p : problems) {
                Sheet sheet = wb.getSheet(p.sheet());
                if (sheet == null) {
                    continue;
                }
                Row row = sheet.getRow(p.row()) == null ? sheet.createRow(p.row()) : sheet.getRow(p.row());
                int col = Math.max(0, p.column());
                Cell cell = row.getCell(col) == null ? row.createCell(col) : row.getCell(col);
                String key = p.sheet() + "!" + p.row() + ":" + col;
                if (!cells.containsKey(key) || p.isError()) {
                    // A fresh style per cell would exhaust .xls's 4,000 styles: share the two fills.
                    cell.setCellStyle(p.isError() ? error : warning);
                }
                cells.put(key, cell);
                texts.computeIfAbsent(key, k -> new StringBuilder()).append(p.reason(locale)).append('\n');
            }
            CreationHelper helper = wb.getCreationHelper();
            Map<Sheet, Drawing<?>> drawings = new HashMap<>();
            for (Map.Entry<String, Cell> e : cells.entrySet()) {
                Cell cell = e.getValue();
                Sheet sheet = cell.getSheet();
                Drawing<?> d = drawings.computeIfAbsent(sheet, Sheet::createDrawingPatriarch);
                ClientAnchor anchor = helper.createClientAnchor();
                anchor.setCol1(cell.getColumnIndex() + 1);
                anchor.setCol2(cell.getColumnIndex() + 5);
                anchor.setRow1(cell.getRowIndex());
                anchor.setRow2(cell.getRowIndex() + 4);
                cell.removeCellComment();
                Comment c = d.createCellComment(anchor);
                c.setString(helper.createRichTextString(e.getValue() == null ? "" : texts.get(e.getKey()).toString().strip()));
                c.setAuthor("MộtCửa Desk");
                cell.setCellComment(c);
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                wb.write(out);
            }
        } catch (IOException | RuntimeException e) {
            throw new ExcelImportException(e, "file.CANNOT_WRITE", target.getFileName().toString(), String.valueOf(e.getMessage()));
        }
    }

    private static CellStyle fill(Workbook wb, IndexedColors color) {
        CellStyle s = wb.createCellStyle();
        s.setFillForegroundColor(color.getIndex());
        s.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        s.setWrapText(true);
        return s;
    }
}
