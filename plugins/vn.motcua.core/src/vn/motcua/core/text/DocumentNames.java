package vn.motcua.core.text;

import java.text.Normalizer;

/**
 * The one rule for a document's name, applied by the server to what a workstation sends and by a workstation to what
 * it receives or writes to disk: the last path segment only (no folders, so no {@code ../}), no control or format
 * characters (no bidirectional overrides that make {@code "hd.exe\u202Efdp."} look like a PDF, no zero-width ones),
 * none of the characters Windows forbids in file names, no leading dots or trailing dots and spaces, NFC, at most
 * {@value #MAX_LENGTH} characters with the extension kept. Vietnamese letters stay as they are.
 */
public final class DocumentNames {
    public static final int MAX_LENGTH = 120;

    private DocumentNames() {
    }

    /** The safe form of {@code name}; {@code fallback} when nothing usable is left. */
    public static String sanitise(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        String n = Normalizer.normalize(name, Normalizer.Form.NFC);
        int cut = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        n = n.substring(cut + 1);
        StringBuilder b = new StringBuilder(n.length());
        n.codePoints().forEach(cp -> {
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                b.append(' '); // a tab or a line break too: names are one line
                return;
            }
            int type = Character.getType(cp);
            boolean hidden = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE || type == Character.SURROGATE
                    || type == Character.UNASSIGNED;
            if (hidden) {
                return;
            }
            if ("<>:\"|?*".indexOf(cp) >= 0) {
                b.append('_');
            } else {
                b.appendCodePoint(cp);
            }
        });
        String s = b.toString().replaceAll(" {2,}", " ").strip();
        s = s.replaceAll("^\\.+", "").replaceAll("[. ]+$", "").strip();
        if (s.codePointCount(0, s.length()) > MAX_LENGTH) {
            int dot = s.lastIndexOf('.');
            String ext = dot > 0 && s.length() - dot <= 10 ? s.substring(dot) : "";
            String stem = ext.isEmpty() ? s : s.substring(0, dot);
            int keep = MAX_LENGTH - ext.codePointCount(0, ext.length());
            s = stem.substring(0, stem.offsetByCodePoints(0, Math.min(keep, stem.codePointCount(0, stem.length())))).strip() + ext;
        }
        // Names Windows reserves for devices (CON, NUL, COM1…) cannot be files.
        String stem = s.contains(".") ? s.substring(0, s.indexOf('.')) : s;
        if (stem.matches("(?i)CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]")) {
            s = "_" + s;
        }
        return s.isEmpty() ? fallback : s;
    }
}
