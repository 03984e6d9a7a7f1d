package vn.motcua.excel;

import java.util.List;

import vn.motcua.core.model.Procedure;

/**
 * What a workbook holds: procedures with the place they came from, problems, and the column mapping of the
 * first sheet with a header (what the mapping step shows).
 */
public record ParsedCatalogue(String fileName, List<Entry> entries, List<Problem> problems, ColumnMapping mapping) {
    public record Entry(String sheet, int row, Procedure procedure) {
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }
}
