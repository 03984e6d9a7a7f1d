package vn.motcua.forms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The values a form's template names in braces ({@code {code}}) and the lists it prints ({@code <list name=…>}). */
public final class FormData {
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<String>> lists = new HashMap<>();
    private final Map<String, List<List<String>>> tables = new HashMap<>();

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
