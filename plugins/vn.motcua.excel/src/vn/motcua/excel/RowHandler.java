package vn.motcua.excel;

/** Receives a workbook's rows in order, one sheet after another. */
interface RowHandler {
    void startSheet(String name);

    /** @param cells cell text by 0-based column, null where empty */
    void row(int rowIndex, String[] cells) throws ExcelImportException;

    void endSheet() throws ExcelImportException;

    /** Checked between rows; true stops the read with {@code import.CANCELLED}. */
    boolean isCancelled();
}
