package vn.motcua.core.calendar;

import vn.motcua.core.model.ProcessingTime;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import vn.motcua.core.model.ProcessingTime;

/**
 * Inputs of a due-time computation for one dossier.
 *
 * @param receivedAt     reception time (wall clock, Asia/Ho_Chi_Minh)
 * @param processingTime the procedure's processing time for the dossier's channel
 *                       ({@code Procedure.processingTime(channel)})
 * @param cutOff         the procedure's cut-off (e.g. 15:00; received after it, the clock starts on the next
 *                       working day), or {@code null} when the procedure has none
 * @param supplementMode how supplements affect the due time
 * @param supplements    supplement requests, any order
 */
public record DueTimeRequest(LocalDateTime receivedAt, ProcessingTime processingTime, LocalTime cutOff,
        SupplementMode supplementMode, List<Supplement> supplements) {
    public DueTimeRequest {
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(processingTime, "processingTime");
        supplementMode = supplementMode == null ? SupplementMode.defaultMode() : supplementMode;
        supplements = supplements.stream().sorted(Comparator.comparing(Supplement::requestedAt)).toList();
    }

    /** No cut-off, no supplement, default supplement mode. */
    public static DueTimeRequest of(LocalDateTime receivedAt, ProcessingTime processingTime) {
        return new DueTimeRequest(receivedAt, processingTime, null, SupplementMode.defaultMode(), List.of());
    }

    public DueTimeRequest withCutOff(LocalTime cutOff) {
        return new DueTimeRequest(receivedAt, processingTime, cutOff, supplementMode, supplements);
    }

    public DueTimeRequest withSupplements(SupplementMode mode, Supplement... supplements) {
        return new DueTimeRequest(receivedAt, processingTime, cutOff, mode, List.of(supplements));
    }
}
