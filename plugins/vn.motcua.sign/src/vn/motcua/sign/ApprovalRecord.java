package vn.motcua.sign;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A head's decision on a dossier, serialised canonically so the server can check who approved what:
 * UTF-8, LF line ends, fixed field order, time as {@code yyyyMMddHHmmss} (Vietnam local time), lower-case hex
 * SHA-256 of the result document. Fields may not contain control characters.
 */
public record ApprovalRecord(String dossierCode, String decision, LocalDateTime time, byte[] documentSha256) {
    public static final String VERSION = "motcua-approval/1";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    public ApprovalRecord {
        check(dossierCode, "dossierCode");
        check(decision, "decision");
        if (documentSha256 == null || documentSha256.length != 32) {
            throw new IllegalArgumentException("documentSha256 must be 32 bytes");
        }
        time = time.withNano(0);
        documentSha256 = documentSha256.clone();
    }

    private static void check(String v, String name) {
        if (v == null || v.isEmpty() || v.chars().anyMatch(Character::isISOControl) || !v.strip().equals(v)) {
            throw new IllegalArgumentException(name + " empty, padded or with control characters");
        }
    }

    /**
     * Reads a record back from its canonical text (as kept beside the signature); throws {@link IllegalArgumentException}
     * when a field is missing or malformed. Whoever checks a signature over it compares {@link #canonicalBytes()} with the
     * text, so a text that is not canonical cannot pass.
     */
    public static ApprovalRecord parse(String canonical) {
        String dossier = null, decision = null, time = null, sha = null;
        for (String line : canonical.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String v = line.substring(eq + 1);
            switch (line.substring(0, eq)) {
                case "dossier" -> dossier = v;
                case "decision" -> decision = v;
                case "time" -> time = v;
                case "sha256" -> sha = v;
                default -> {
                }
            }
        }
        if (dossier == null || decision == null || time == null || sha == null) {
            throw new IllegalArgumentException("not an approval record");
        }
        try {
            return new ApprovalRecord(dossier, decision, LocalDateTime.parse(time, TIME), HexFormat.of().parseHex(sha));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an approval record: " + e.getMessage(), e);
        }
    }

    public byte[] canonicalBytes() {
        String s = VERSION + "\n" + "dossier=" + dossierCode + "\n" + "decision=" + decision.toUpperCase(Locale.ROOT) + "\n" + "time="
                + TIME.format(time) + "\n" + "sha256=" + HexFormat.of().formatHex(documentSha256) + "\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
