package vn.motcua.excel;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.DossierFilter;
import vn.motcua.store.DossierQueries;
import vn.motcua.store.DossierRow;

/**
 * A filtered dossier list to .xlsx through SXSSF: rows are read from the store page by page and flushed to a
 * temporary file, so 100,000 dossiers take the memory of a few hundred rows.
 */
public final class DossierListExporter {
    static final int PAGE = 2_000;
    static final String[] KEYS = { "dossier.CODE", "dossier.APPLICANT", "dossier.PROCEDURE_CODE", "dossier.PROCEDURE", "dossier.FIELD",
            "dossier.RECEIVED", "dossier.DUE", "dossier.STATUS", "dossier.ASSIGNEE" };
    static final int[] WIDTHS = { 22, 28, 14, 50, 18, 17, 17, 20, 14 };

    private DossierListExporter() {
    }

    /** Writes every row of {@code filter}'s result in its order; returns the number of dossiers written. */
    public static long write(DossierQueries queries, DossierFilter filter, Path target, Locale locale, ZoneId zone,
            BooleanSupplier cancelled, LongConsumer progress) throws IOException, ExcelImportException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            // Temp-file compression costs more CPU than the disk it saves (100,000 rows: ~40 MB of XML, deleted after).
            wb.setCompressTempFiles(false);
            SXSSFSheet s = wb.createSheet(ExcelText.format(locale, "dossier.SHEET"));
            CatalogueExporter.Styles st = new CatalogueExporter.Styles(wb);
            Row h = s.createRow(0);
            for (int i = 0; i < KEYS.length; i++) {
                Cell c = h.createCell(i);
                c.setCellValue(ExcelText.format(locale, KEYS[i]));
                c.setCellStyle(st.header);
                s.setColumnWidth(i, WIDTHS[i] * 256);
            }
            s.createFreezePane(0, 1);
            long[] n = { 0 };
            boolean[] cancelledAt = { false };
            Map<String, String> statusNames = new HashMap<>();
            // One forward read of the whole list (DossierQueries.forEach), not OFFSET pages that re-walk the index.
            queries.forEach(filter, d -> {
                if (n[0] % PAGE == 0 && cancelled.getAsBoolean()) {
                    cancelledAt[0] = true;
                    return false;
                }
                Row r = s.createRow((int) ++n[0]);
                text(r, 0, d.code(), st.code);
                text(r, 1, d.applicantName(), st.wrap);
                text(r, 2, d.procedureCode(), st.code);
                text(r, 3, d.procedureName(), st.wrap);
                text(r, 4, d.fieldName(), st.wrap);
                date(r, 5, d.receivedAt(), zone, st);
                date(r, 6, d.dueAt(), zone, st);
                text(r, 7, statusNames.computeIfAbsent(String.valueOf(d.status()), k -> status(d.status(), locale)), st.wrap);
                text(r, 8, d.assignee(), st.wrap);
                if (n[0] % PAGE == 0) {
                    progress.accept(n[0]);
                }
                return true;
            });
            if (cancelledAt[0]) {
                throw new ExcelImportException("export.CANCELLED");
            }
            progress.accept(n[0]);
            s.setAutoFilter(new CellRangeAddress(0, (int) Math.max(0, n[0]), 0, KEYS.length - 1));
            try (OutputStream out = Files.newOutputStream(target)) {
                wb.write(out);
            }
            return n[0];
        }
    }

    private static String status(String status, Locale locale) {
        try {
            return DossierStatus.valueOf(status).displayName(locale);
        } catch (IllegalArgumentException | NullPointerException e) {
            return status == null ? "" : status;
        }
    }

    private static void text(Row r, int col, String v, org.apache.poi.ss.usermodel.CellStyle style) {
        Cell c = r.createCell(col);
        c.setCellValue(v == null ? "" : v);
        c.setCellStyle(style);
    }

    private static void date(Row r, int col, Instant t, ZoneId zone, CatalogueExporter.Styles st) {
        Cell c = r.createCell(col);
        if (t != null) {
            // A real date cell (dd/mm/yyyy hh:mm) so the list sorts and filters as dates in Excel.
            c.setCellValue(t.atZone(zone).toLocalDateTime());
        }
        c.setCellStyle(st.date);
    }
}
