package vn.motcua.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import vn.motcua.core.i18n.Localizer;
import vn.motcua.core.model.Channel;
import vn.motcua.core.model.Fee;
import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcessingTime;

/**
 * The catalogue in the canonical layout: one header row (the wording {@link ColumnKind#recognise} reads back),
 * one row per procedure, times and fees per channel, codes as text. Importing the file changes nothing.
 */
public final class CatalogueExporter {
    /** Header text and width (characters) of each canonical column, in order. */
    static final List<Object[]> COLUMNS = List.of(
            new Object[] { "STT", 6 }, new Object[] { "Mã TTHC", 14 }, new Object[] { "Tên thủ tục hành chính", 50 },
            new Object[] { "Lĩnh vực", 18 }, new Object[] { "Cấp thực hiện", 12 },
            new Object[] { "Thời hạn giải quyết - Trực tiếp", 24 }, new Object[] { "Thời hạn giải quyết - Trực tuyến", 24 },
            new Object[] { "Thời hạn giải quyết - Bưu chính", 24 }, new Object[] { "Phí, lệ phí - Trực tiếp", 20 },
            new Object[] { "Phí, lệ phí - Trực tuyến", 20 }, new Object[] { "Phí, lệ phí - Bưu chính", 20 },
            new Object[] { "Cơ quan thực hiện", 24 }, new Object[] { "Căn cứ pháp lý", 40 }, new Object[] { "Mức độ DVC", 12 });

    private CatalogueExporter() {
    }

    public static void write(List<Procedure> procedures, Path target) throws IOException {
        // Streaming workbook: a provincial catalogue is a few thousand rows, but the layout code is shared
        // with the big lists and keeps memory flat.
        try (SXSSFWorkbook wb = new SXSSFWorkbook(500)) {
            Sheet s = wb.createSheet("Danh mục TTHC");
            Styles st = new Styles(wb);
            Row h = s.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                Cell c = h.createCell(i);
                c.setCellValue((String) COLUMNS.get(i)[0]);
                c.setCellStyle(st.header);
                s.setColumnWidth(i, (Integer) COLUMNS.get(i)[1] * 256);
            }
            s.createFreezePane(0, 1);
            int r = 1;
            for (Procedure p : procedures) {
                Row row = s.createRow(r);
                int c = 0;
                num(row, c++, r, st.wrap);
                text(row, c++, p.code(), st.code);
                text(row, c++, p.name(), st.wrap);
                text(row, c++, p.fieldName(), st.wrap);
                text(row, c++, CellParsers.levelText(p.level()), st.wrap);
                for (Channel ch : Channel.values()) {
                    text(row, c++, timeText(p.processingTimes().get(ch)), st.wrap);
                }
                for (Channel ch : Channel.values()) {
                    text(row, c++, feeText(p.fees().get(ch)), st.wrap);
                }
                text(row, c++, p.implementingAgency(), st.wrap);
                text(row, c++, String.join("\n", p.legalBasis()), st.wrap);
                text(row, c++, CellParsers.onlineLevelText(p.onlineLevel()), st.wrap);
                r++;
            }
            s.setAutoFilter(new CellRangeAddress(0, Math.max(0, r - 1), 0, COLUMNS.size() - 1));
            try (OutputStream out = Files.newOutputStream(target)) {
                wb.write(out);
            }
        }
    }

    static String timeText(ProcessingTime t) {
        if (t == null) {
            return "";
        }
        return t.originalText().isEmpty() ? t.displayName(Localizer.VIETNAMESE) : t.originalText();
    }

    static String feeText(Fee f) {
        if (f == null) {
            return "";
        }
        if (!f.originalText().isEmpty()) {
            return f.originalText();
        }
        return f.amountVnd() == null ? "" : CellParsers.feeText(f.amountVnd());
    }

    private static void text(Row row, int col, String value, CellStyle style) {
        Cell c = row.createCell(col);
        c.setCellValue(value == null ? "" : value);
        c.setCellStyle(style);
    }

    private static void num(Row row, int col, double value, CellStyle style) {
        Cell c = row.createCell(col);
        c.setCellValue(value);
        c.setCellStyle(style);
    }

    /** The few shared styles (a style per cell would hit Excel's style limit). */
    static final class Styles {
        final CellStyle header;
        final CellStyle wrap;
        final CellStyle code;
        final CellStyle date;

        Styles(Workbook wb) {
            Font bold = wb.createFont();
            bold.setBold(true);
            bold.setColor(IndexedColors.WHITE.getIndex());
            header = wb.createCellStyle();
            header.setFont(bold);
            header.setFillForegroundColor(IndexedColors.DARK_BLUE.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            header.setWrapText(true);
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setVerticalAlignment(VerticalAlignment.CENTER);
            header.setBorderBottom(BorderStyle.THIN);
            wrap = wb.createCellStyle();
            wrap.setWrapText(true);
            wrap.setVerticalAlignment(VerticalAlignment.TOP);
            code = wb.createCellStyle();
            code.cloneStyleFrom(wrap);
            // "@" = Text: Excel keeps 2.000150 as typed instead of turning it into a number.
            code.setDataFormat(wb.createDataFormat().getFormat("@"));
            date = wb.createCellStyle();
            date.cloneStyleFrom(wrap);
            date.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy hh:mm"));
        }
    }
}
