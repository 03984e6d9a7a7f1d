package vn.motcua.excel;

import vn.motcua.core.text.VietnameseText;

/** Folded text for matching: {@link VietnameseText#fold} with punctuation as spaces. */
final class Folding {
    private Folding() {
    }

    static String words(String s) {
        String f = VietnameseText.fold(s == null ? "" : s);
        StringBuilder b = new StringBuilder(f.length());
        boolean space = false;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
                space = false;
            } else if (!space && b.length() > 0) {
                b.append(' ');
                space = true;
            }
        }
        return b.toString().strip();
    }
}
