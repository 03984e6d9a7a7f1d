package vn.motcua.core.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A stored file, addressed by content: the SHA-256 of the bytes in lower-case hex, so the same scan is
 * stored once and a sync can check integrity.
 */
public record Attachment(String sha256, String name, long size, String mediaType) {
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    public Attachment {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(name, "name");
        if (!HEX64.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case SHA-256 hex digest: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size");
        }
        mediaType = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType;
    }
}
