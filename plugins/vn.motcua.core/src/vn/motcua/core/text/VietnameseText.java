package vn.motcua.core.text;

import java.text.Collator;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Text rules clerks expect: search ignores case and diacritics ("nguyen van a" finds "Nguyễn Văn A",
 * "d" matches "đ"), stored text is NFC, sorting follows Vietnamese collation.
 */
public final class VietnameseText {
    private VietnameseText() {
    }

    /** NFC form with trimmed ends and non-breaking spaces as plain spaces: what we store. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        return (isSurelyNfc(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFC)).replace('\u00A0', ' ').strip();
    }

    /**
     * True when {@code s} holds only characters NFC leaves as they are: below the combining marks (U+0300) or
     * Vietnamese precomposed letters (U+1E00–U+1EFF). Almost every cell of a catalogue; the normaliser is then skipped.
     */
    private static boolean isSurelyNfc(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x300 && (c < 0x1E00 || c > 0x1EFF)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The search key of a text: lower case, no diacritics, đ→d, runs of white space folded to one space.
     * Both the indexed column and the user's query go through this, so they always agree.
     */
    public static String fold(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String fast = foldByTable(s);
        if (fast != null) {
            return fast;
        }
        return foldSlow(s);
    }

    /**
     * True when every word of the query begins a word of the text, both folded ("dang ky" finds "Đăng ký khai sinh",
     * "dang thuy" does not: no word of it begins with "thuy"); a word holding a digit may sit anywhere in a word, as a
     * procedure code's tail does ("001193" finds "1.001193").
     */
    public static boolean matchesWords(String query, String text) {
        String hay = " " + fold(text).replaceAll("[^\\p{L}\\p{N}.]+", " ") + " ";
        for (String w : fold(query).split("\\s+")) {
            if (w.isBlank()) {
                continue;
            }
            boolean code = w.chars().anyMatch(Character::isDigit);
            if (code ? !hay.contains(w) : !hay.contains(" " + w)) {
                return false;
            }
        }
        return true;
    }

    /** What {@link #fold} makes of one character, for U+0000–U+1EFF: the character, or SPACE, SKIP, or SLOW. */
    private static final char[] FOLDED = new char[0x1F00];
    private static final char SPACE = '\uFFF0';
    private static final char SKIP = '\uFFF1';
    private static final char SLOW = '\uFFF2';

    static {
        for (char c = 0; c < FOLDED.length; c++) {
            FOLDED[c] = SLOW;
            if (Character.isSurrogate(c)) {
                continue;
            }
            String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
            if (d.length() == 1 && (Character.isWhitespace(d.charAt(0)) || d.charAt(0) == '\u00A0')) {
                FOLDED[c] = SPACE;
                continue;
            }
            StringBuilder kept = new StringBuilder();
            for (int i = 0; i < d.length(); i++) {
                char x = d.charAt(i);
                if (Character.getType(x) == Character.NON_SPACING_MARK) {
                    continue;
                }
                if (Character.isWhitespace(x) || x == '\u00A0') {
                    kept.append(SLOW);
                    continue;
                }
                kept.append(Character.toLowerCase(x == 'đ' || x == 'Đ' ? 'd' : x));
            }
            if (kept.isEmpty()) {
                FOLDED[c] = SKIP;
            } else if (kept.length() == 1 && kept.charAt(0) < SPACE) {
                FOLDED[c] = kept.charAt(0);
            }
        }
    }

    /**
     * {@link #fold} one character at a time through {@link #FOLDED} (the same result: decomposition, mark removal
     * and lower-casing are per character here); null when a character needs the full path.
     */
    private static String foldByTable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char f = c < FOLDED.length ? FOLDED[c] : SLOW;
            if (f == SLOW) {
                return null;
            }
            if (f == SKIP) {
                continue;
            }
            if (f == SPACE) {
                if (!space && b.length() > 0) {
                    b.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            b.append(f);
        }
        int n = b.length();
        if (n > 0 && b.charAt(n - 1) == ' ') {
            b.setLength(n - 1);
        }
        return b.toString();
    }

    static String foldSlow(String s) {
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder b = new StringBuilder(d.length());
        boolean space = false;
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (c == 'đ' || c == 'Đ') {
                c = 'd';
            }
            if (Character.isWhitespace(c) || c == '\u00A0') {
                if (!space && b.length() > 0) {
                    b.append(' ');
                }
                space = true;
                continue;
            }
            space = false;
            b.append(Character.toLowerCase(c));
        }
        int n = b.length();
        if (n > 0 && b.charAt(n - 1) == ' ') {
            b.setLength(n - 1);
        }
        return b.toString();
    }

    /** A collator for Vietnamese sort order (a < ă < â, d < đ, tones after the base letter). */
    public static Collator collator() {
        Collator c = Collator.getInstance(Locale.forLanguageTag("vi-VN"));
        c.setStrength(Collator.TERTIARY);
        return c;
    }
}
