package vn.motcua.excel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler.SheetContentsHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * Reads cell text row by row: .xlsx through XSSFReader + SAX (only the shared strings and one row in memory),
 * .xls through HSSF. Cell errors come out as "#DIV/0!"-style text. POI's zip-bomb limits stay on.
 */
final class WorkbookStreamer {
    /** Excel's own limit; longer text means a damaged or hostile file. */
    static final int MAX_CELL = 32_767;

    private WorkbookStreamer() {
    }

    static void read(Path file, FileSniffer.Kind kind, RowHandler handler) throws ExcelImportException {
        String name = file.getFileName().toString();
        try {
            if (kind == FileSniffer.Kind.XLSX) {
                readXlsx(file, handler);
            } else {
                readXls(file, handler);
            }
        } catch (ExcelImportException e) {
            throw e;
        } catch (StopRead e) {
            throw e.cause;
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("Zip bomb") || msg.contains("zip bomb") || msg.contains("exceeds the max")) {
                throw new ExcelImportException(e, "file.ZIP_BOMB", name);
            }
            throw new ExcelImportException(e, "file.CORRUPT", name);
        }
    }

    private static void readXlsx(Path file, RowHandler handler) throws IOException, OpenXML4JException, SAXException,
            ParserConfigurationException, ExcelImportException {
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
            StylesTable styles = reader.getStylesTable();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream in = sheets.next()) {
                    handler.startSheet(sheets.getSheetName());
                    RowCollector rows = new RowCollector(handler);
                    XMLReader xml = XMLHelper.newXMLReader();
                    xml.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new DataFormatter(), false));
                    xml.parse(new InputSource(in));
                    handler.endSheet();
                }
            }
        }
    }

    private static void readXls(Path file, RowHandler handler) throws IOException, ExcelImportException {
        try (HSSFWorkbook wb = new HSSFWorkbook(new org.apache.poi.poifs.filesystem.POIFSFileSystem(file.toFile(), true).getRoot(), false)) {
            DataFormatter fmt = new DataFormatter();
            for (Sheet sheet : wb) {
                handler.startSheet(sheet.getSheetName());
                for (Row row : sheet) {
                    if (handler.isCancelled()) {
                        throw new ExcelImportException("import.CANCELLED");
                    }
                    int n = Math.max(0, row.getLastCellNum());
                    String[] cells = new String[n];
                    for (Cell c : row) {
                        cells[c.getColumnIndex()] = text(c, fmt);
                    }
                    handler.row(row.getRowNum(), cells);
                }
                handler.endSheet();
            }
        }
    }

    private static String text(Cell c, DataFormatter fmt) {
        CellType t = c.getCellType();
        if (t == CellType.FORMULA) {
            t = c.getCachedFormulaResultType();
            return switch (t) {
                case ERROR -> FormulaError.forInt(c.getErrorCellValue()).getString();
                case STRING -> c.getRichStringCellValue().getString();
                case BOOLEAN -> String.valueOf(c.getBooleanCellValue()).toUpperCase();
                case NUMERIC -> fmt.formatRawCellContents(c.getNumericCellValue(), c.getCellStyle().getDataFormat(),
                        c.getCellStyle().getDataFormatString());
                default -> null;
            };
        }
        if (t == CellType.ERROR) {
            return FormulaError.forInt(c.getErrorCellValue()).getString();
        }
        String s = fmt.formatCellValue(c);
        return s.isEmpty() ? null : s;
    }

    /** Wraps a checked stop so it can leave the SAX callbacks. */
    private static final class StopRead extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ExcelImportException cause;

        StopRead(ExcelImportException cause) {
            super(cause.getMessage(), null, false, false);
            this.cause = cause;
        }
    }

    private static final class RowCollector implements SheetContentsHandler {
        private final RowHandler handler;
        private final List<String> cells = new ArrayList<>();
        private int rowNum;

        RowCollector(RowHandler handler) {
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            if (handler.isCancelled()) {
                throw new StopRead(new ExcelImportException("import.CANCELLED"));
            }
            this.rowNum = rowNum;
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            try {
                handler.row(rowNum, cells.toArray(new String[0]));
            } catch (ExcelImportException e) {
                throw new StopRead(e);
            }
        }

        /** The column of an A1 reference ("AB12" → 27): its leading letters, without CellReference's full parse. */
        static int column(String ref) {
            int col = 0;
            int i = 0;
            for (; i < ref.length(); i++) {
                char ch = ref.charAt(i);
                if (ch == '$') {
                    continue;
                }
                if (ch < 'A' || ch > 'Z') {
                    break;
                }
                col = col * 26 + (ch - 'A' + 1);
            }
            return col - 1;
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int col = ref == null ? cells.size() : column(ref);
            if (col > 16_384) {
                return;
            }
            while (cells.size() <= col) {
                cells.add(null);
            }
            if (value != null && value.startsWith("ERROR:")) {
                value = value.substring("ERROR:".length());
            }
            cells.set(col, value == null || value.isEmpty() ? null : value);
        }
    }
}
