package vn.motcua.core.code;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An agency's electronic identifier (mã định danh điện tử). Two shapes are in use, both as data:
 * <ul>
 * <li>{@link Form#LEGACY} (Decision 20/2020/QĐ-TTg): numeric groups lowest level first, the level-1 code last,
 * e.g. {@code 000.00.01.H29}, {@code 38.98.H29};</li>
 * <li>{@link Form#SHORT} (Decision 09/2025/QĐ-TTg, after the 2025 mergers): level-1 code first, then numeric
 * groups top-down, e.g. {@code H21}, {@code H21.17}, {@code H01.151.01}.</li>
 * </ul>
 * The level-1 code is a letter and two digits (H = province, G = ministry…). Province numbers changed in
 * 2025 (Gia Lai H21), so nothing here maps codes to names.
 */
public record AgencyCode(String value, Form form) {
    public enum Form {
        LEGACY, SHORT
    }

    private static final Pattern LEGACY = Pattern.compile("(\\d{2,3}\\.)+[A-Z]\\d{2}");
    private static final Pattern SHORT = Pattern.compile("[A-Z]\\d{2}(\\.\\d{1,3})*");

    public AgencyCode {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(form, "form");
    }

    /** Parses either form (upper-cases the letter, trims); empty when neither matches. */
    public static Optional<AgencyCode> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.strip().toUpperCase(java.util.Locale.ROOT);
        if (LEGACY.matcher(s).matches()) {
            return Optional.of(new AgencyCode(s, Form.LEGACY));
        }
        if (SHORT.matcher(s).matches()) {
            return Optional.of(new AgencyCode(s, Form.SHORT));
        }
        return Optional.empty();
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    /** The level-1 code: {@code H29} of {@code 000.00.01.H29}, {@code H21} of {@code H21.17}. */
    public String topLevelCode() {
        List<String> g = groups();
        return form == Form.LEGACY ? g.get(g.size() - 1) : g.get(0);
    }

    /** Groups in the order written. */
    public List<String> groups() {
        return List.of(value.split("\\."));
    }

    @Override
    public String toString() {
        return value;
    }
}
