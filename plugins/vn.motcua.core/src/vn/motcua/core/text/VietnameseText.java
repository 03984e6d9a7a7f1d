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
        return Normalizer.normalize(s, Normalizer.Form.NFC).replace('\u00A0', ' ').strip();
    }

    /**
     * The search key of a text: lower case, no diacritics, đ→d, runs of white space folded to one space.
     * Both the indexed column and the user's query go through this, so they always agree.
     */
    public static String fold(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
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
