package vn.motcua.reports;

import java.util.List;

/**
 * A table of a report as shown, printed and exported: column titles with relative widths, and rows whose cells are
 * text or numbers (kept numbers so Excel can sum them).
 *
 * @param id    stable name (sheet names, tests)
 * @param total the last row is a total row
 */
public record ReportTable(String id, String caption, List<String> header, List<Float> widths, List<List<Object>> rows, boolean total) {
    public ReportTable {
        if (header.size() != widths.size()) {
            throw new IllegalArgumentException("one width per column");
        }
        header = List.copyOf(header);
        widths = List.copyOf(widths);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }
}
