package vn.motcua.core.calendar;

import java.time.LocalDateTime;
import java.util.List;

/**
 * A reception time and the moment the processing clock starts.
 *
 * @param received   when the dossier was received
 * @param clockStart the normalised time inside office hours
 * @param adjustment what normalisation did
 * @param skipped    days off passed over when moving to the next working day
 */
public record Reception(LocalDateTime received, LocalDateTime clockStart, Adjustment adjustment, List<DayStatus> skipped) {
    /** What normalisation did to the reception time. */
    public enum Adjustment {
        /** Inside office hours: unchanged. */
        NONE,
        /** Before opening: moved to opening time. */
        BEFORE_OPENING,
        /** During the lunch break: moved to the afternoon start. */
        BREAK,
        /** At or after closing: moved to the next working day's opening. */
        AFTER_CLOSING,
        /** On a day off: moved to the next working day's opening. */
        DAY_OFF
    }

    public Reception {
        skipped = List.copyOf(skipped);
    }
}
