package vn.motcua.core.model;

import java.util.Objects;

/**
 * An agency with its electronic identifier (mã định danh điện tử). Codes come in the old form
 * ({@code 000.00.01.H29}) or the 2025 short form ({@code H21.17}); both are data, see
 * {@code vn.motcua.core.code.AgencyCode}.
 *
 * @param parentCode null for a top-level agency
 */
public record Agency(String code, String name, Level level, String parentCode) {
    public Agency {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        if (code.isBlank()) {
            throw new IllegalArgumentException("blank agency code");
        }
    }
}
