package vn.motcua.forms;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The values a form's template names in braces ({@code {code}}) and the lists it prints ({@code <list name=…>}). */
public final class FormData {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<String>> lists = new HashMap<>();
    private final Map<String, List<List<String>>> tables = new HashMap<>();
    private final Map<String, Table> ownTables = new LinkedHashMap<>();

    /** A table that brings its own columns (a report's), printed by a template's {@code <tables/>} in the order added. */
    public record Table(String caption, List<String> header, List<Float> weights, List<List<String>> rows) {
        public Table {
            if (header.size() != weights.size()) {
                throw new IllegalArgumentException("one width per column: " + header.size() + " titles, " + weights.size() + " widths");
            }
            caption = caption == null ? "" : caption;
            header = List.copyOf(header);
            weights = List.copyOf(weights);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    public FormData put(String name, String value) {
        values.put(name, value == null ? "" : value);
        return this;
    }

    public FormData list(String name, List<String> items) {
        lists.put(name, List.copyOf(items));
        return this;
    }

    /** Rows of a table (each row one cell per column, in order). */
    public FormData table(String name, List<List<String>> rows) {
        tables.put(name, rows.stream().map(List::copyOf).toList());
        return this;
    }

    /** A table with its own column titles and relative widths, for a template's {@code <tables/>}. */
    public FormData table(String name, String caption, List<String> header, List<Float> weights, List<List<String>> rows) {
        ownTables.put(name, new Table(caption, header, weights, rows));
        return this;
    }

    List<Table> tables() {
        return List.copyOf(ownTables.values());
    }

    List<List<String>> table(String name) {
        return tables.getOrDefault(name, List.of());
    }

    String value(String name) {
        return values.getOrDefault(name, "");
    }

    List<String> list(String name) {
        return lists.getOrDefault(name, List.of());
    }

    /** {@code text} with every {@code {name}} replaced by its value (unknown names become empty). */
    String fill(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int open = text.indexOf('{', i);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            if (open < 0 || close < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, open).append(value(text.substring(open + 1, close)));
            i = close + 1;
        }
        return out.toString();
    }
}
