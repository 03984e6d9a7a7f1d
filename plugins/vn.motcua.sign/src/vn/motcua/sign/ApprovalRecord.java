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

    public byte[] canonicalBytes() {
        String s = VERSION + "\n" + "dossier=" + dossierCode + "\n" + "decision=" + decision.toUpperCase(Locale.ROOT) + "\n" + "time="
                + TIME.format(time) + "\n" + "sha256=" + HexFormat.of().formatHex(documentSha256) + "\n";
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
