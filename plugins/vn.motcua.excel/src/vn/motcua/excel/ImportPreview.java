package vn.motcua.excel;

import java.util.List;

import vn.motcua.core.model.Procedure;

/** What committing a parsed catalogue would do, procedure by procedure. */
public record ImportPreview(ParsedCatalogue parsed, List<Change> changes) {
    public enum Kind {
        NEW, CHANGED, UNCHANGED, NOT_IN_FILE
    }

    /** A field that differs: its name key and both values as text. */
    public record FieldDiff(String field, String before, String after) {
    }

    /** {@code existing} is null for NEW, {@code imported} null for NOT_IN_FILE. */
    public record Change(Kind kind, String code, Procedure existing, Procedure imported, List<FieldDiff> diffs) {
    }

    public long count(Kind kind) {
        return changes.stream().filter(c -> c.kind() == kind).count();
    }

    public boolean canCommit() {
        return !parsed.hasErrors();
    }
}
