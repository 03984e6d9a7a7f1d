package vn.motcua.excel;

import java.util.Locale;

import org.apache.poi.ss.util.CellReference;

/**
 * An error or warning found in one cell (or row) of an imported workbook.
 *
 * @param sheet  sheet name
 * @param row    0-based row index (shown 1-based)
 * @param column 0-based column index, -1 for the whole row
 * @param key    message key in {@code messages.properties}
 */
public record Problem(Severity severity, String sheet, int row, int column, String key, Object... args) {
    public enum Severity {
        ERROR, WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** "A1"-style column letters, empty for a whole-row problem. */
    public String columnLetter() {
        return column < 0 ? "" : CellReference.convertNumToColString(column);
    }

    /** The reason only, in {@code locale}. */
    public String reason(Locale locale) {
        return ExcelText.format(locale, key, args);
    }

    /** "Trang tính 'X', dòng 5, cột C: reason" in {@code locale}. */
    public String message(Locale locale) {
        String where = column < 0 ? ExcelText.format(locale, "where.ROW", sheet, row + 1)
                : ExcelText.format(locale, "where.CELL", sheet, row + 1, columnLetter());
        return where + ": " + reason(locale);
    }

    @Override
    public String toString() {
        return severity + " " + message(Locale.ENGLISH);
    }
}
