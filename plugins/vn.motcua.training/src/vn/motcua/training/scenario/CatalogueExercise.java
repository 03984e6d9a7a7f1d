package vn.motcua.training.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import vn.motcua.excel.CatalogueExporter;
import vn.motcua.store.LocalCache;

/**
 * Writes the catalogue exercise's workbook: the canonical export of the current catalogue (the shape provinces get
 * from the national database), then, with POI, the updates of the "decision" — a new procedure, a changed processing
 * time — and two mistakes a person makes when editing such a list: a letter O typed for a zero in the new code, and
 * a procedure's name deleted. Columns are the exporter's canonical ones.
 */
final class CatalogueExercise {
    static final int CODE = 1;
    static final int NAME = 2;
    static final int FIELD = 3;
    static final int TIME_IN_PERSON = 5;

    private CatalogueExercise() {
    }

    /**
     * The export writes inline strings; POI's setCellValue on such a cell changes only the cached value and readers
     * keep the inline text, so the cell is blanked first.
     */
    static void set(Cell c, String value) {
        c.setBlank();
        c.setCellValue(value);
    }

    static void write(LocalCache cache, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        CatalogueExporter.write(cache.procedures().activeCatalogue(), file);
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet s = wb.getSheetAt(0);
            Row birth = null;
            Row nameless = null;
            for (int r = 1; r <= s.getLastRowNum(); r++) {
                Row row = s.getRow(r);
                String code = row.getCell(CODE).getStringCellValue();
                if (code.equals(Scenarios.BIRTH)) {
                    birth = row;
                } else if (nameless == null && !code.equals(Scenarios.MARRIAGE)) {
                    nameless = row;
                }
            }
            if (birth == null || nameless == null) {
                throw new IOException("the demo catalogue lacks the exercise's procedures");
            }
            set(birth.getCell(TIME_IN_PERSON), Scenarios.CatalogueImportWithErrors.NEW_TIME);
            nameless.getCell(NAME).setBlank();
            // The new procedure: a copy of the birth registration's row with its own code and name.
            Row added = s.createRow(s.getLastRowNum() + 1);
            for (Cell from : birth) {
                Cell to = added.createCell(from.getColumnIndex());
                to.setCellStyle(from.getCellStyle());
                switch (from.getCellType()) {
                    case NUMERIC -> to.setCellValue(from.getNumericCellValue());
                    default -> set(to, from.getStringCellValue());
                }
            }
            added.getCell(0).setCellValue(added.getRowNum());
            set(added.getCell(CODE), Scenarios.CatalogueImportWithErrors.NEW_CODE_MISTYPED);
            set(added.getCell(NAME), Scenarios.CatalogueImportWithErrors.NEW_NAME);
            set(added.getCell(TIME_IN_PERSON), "05 ngày làm việc");
            s.setAutoFilter(new org.apache.poi.ss.util.CellRangeAddress(0, s.getLastRowNum(), 0, birth.getLastCellNum() - 1));
            Path tmp = file.resolveSibling(file.getFileName() + ".part");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                wb.write(out);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
