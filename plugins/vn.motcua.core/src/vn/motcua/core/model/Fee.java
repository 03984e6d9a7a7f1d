package vn.motcua.core.model;

/**
 * Fee (phí, lệ phí) of a procedure for one channel. Catalogues state fees as prose ("2.000 đồng/trang",
 * "Không"); {@code amountVnd} is set only when the text is one plain amount.
 *
 * @param amountVnd    whole đồng, null when the fee is not a single amount (see the text)
 * @param originalText the catalogue text
 */
public record Fee(Long amountVnd, String originalText) {
    public Fee {
        if (amountVnd != null && amountVnd < 0) {
            throw new IllegalArgumentException("negative fee: " + amountVnd);
        }
        originalText = originalText == null ? "" : originalText;
    }

    public static Fee free() {
        return new Fee(0L, "Không");
    }

    public static Fee of(long amountVnd) {
        return new Fee(amountVnd, "");
    }

    public boolean isFree() {
        return amountVnd != null && amountVnd == 0;
    }
}
