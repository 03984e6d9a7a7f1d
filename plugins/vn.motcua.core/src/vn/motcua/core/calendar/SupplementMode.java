package vn.motcua.core.calendar;

/** How a supplement request (yêu cầu bổ sung, hoàn thiện hồ sơ) affects the due time. */
public enum SupplementMode {
    /**
     * The clock stops from the request until the completed supplement is received; the due time is extended by
     * the working time paused. The default: it is what the national on-time formula (Decision 766) assumes
     * — "supplement time is subtracted" — and what production systems do (new due = old due + pause).
     */
    PAUSE,
    /**
     * The full processing time restarts from the (normalised) time the completed supplement is received, as
     * some sector laws require ("thời hạn tính từ ngày nhận đủ hồ sơ hợp lệ"). Choose per procedure or sector.
     */
    RESTART;

    /** The default, {@link #PAUSE}. */
    public static SupplementMode defaultMode() {
        return PAUSE;
    }
}
