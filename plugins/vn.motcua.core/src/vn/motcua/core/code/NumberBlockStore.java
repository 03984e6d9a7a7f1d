package vn.motcua.core.code;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Durable storage of a workstation's number blocks and of the numbers it has handed out; implemented by the
 * persistence layer (local database of the workstation). Must survive crashes: a number is handed out only
 * after {@link #markIssued} returned {@code true}, so a printed receipt's code is never issued twice.
 */
public interface NumberBlockStore {
    /** Blocks this workstation holds for the agency and day (ordinary blocks only), any order. */
    List<NumberBlock> blocks(String workstationId, String agencyCode, LocalDate day);

    /** Stores a block just reserved from the server. */
    void addBlock(NumberBlock block);

    /** Sequence numbers this workstation has already handed out for the agency and day. */
    Set<Integer> issued(String workstationId, String agencyCode, LocalDate day);

    /**
     * Records atomically and durably that {@code sequence} was handed out.
     *
     * @return false when it was already recorded (e.g. by a concurrent allocation); the allocator then retries
     */
    boolean markIssued(String workstationId, String agencyCode, LocalDate day, int sequence);
}
