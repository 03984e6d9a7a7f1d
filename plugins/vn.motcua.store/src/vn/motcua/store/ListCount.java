package vn.motcua.store;

/** How many dossiers a list shows: exact, or at least {@code value} ("more than") when not exact. */
public record ListCount(long value, boolean exact) {
}
