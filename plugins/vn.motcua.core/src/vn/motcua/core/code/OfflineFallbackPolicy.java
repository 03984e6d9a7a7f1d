package vn.motcua.core.code;

import java.time.LocalDate;

/**
 * The lawful fallback when a workstation is offline and its reserved blocks are used up.
 *
 * <p><b>Choice:</b> the top of every day's sequence space ({@code base..9999}, by default 9000–9999) is never
 * handed out by the server in ordinary blocks. It is split into fixed slices, one per workstation slot: slot
 * {@code s} (1-based, assigned to the workstation by the server at enrolment) owns
 * {@code base + (s−1)·size .. base + s·size − 1} for every agency and every day. Because the slice is fixed in
 * advance, an offline workstation can number dossiers without asking anyone and without colliding with other
 * workstations or with the server's blocks, and the codes are ordinary final codes
 * ({@code {agency}-{yyMMdd}-9041}): the printed receipt stays valid and nothing is ever renumbered.
 * Provisional codes that are replaced on sync were rejected: the applicant holds a paper receipt with the
 * code and looks the dossier up with it. Fallback numbers are flagged in {@link CodeAllocation#source()} so
 * reports can show when a desk worked offline. When the ordinary space below {@code base} is used up, the
 * server continues above 9999 (five digits, still parseable).
 *
 * @param base         first number of the fallback space
 * @param sliceSize    numbers per workstation slot per day
 * @param maxSlots     slots that fit below 10000
 */
public record OfflineFallbackPolicy(int base, int sliceSize, int maxSlots) {
    /** Top of the four-digit space shared by the fallback slices. */
    public static final int TOP = 9999;

    public OfflineFallbackPolicy {
        if (base < 2 || sliceSize < 1 || maxSlots < 1 || base + sliceSize * maxSlots - 1 > TOP) {
            throw new IllegalArgumentException("fallback slices must fit in " + base + ".." + TOP);
        }
    }

    /** 9000–9999 in 25 slices of 40 numbers. */
    public static OfflineFallbackPolicy standard() {
        return new OfflineFallbackPolicy(9000, 40, 25);
    }

    /** The fallback block of workstation slot {@code slot} for the agency and day. */
    public NumberBlock blockFor(String agencyCode, LocalDate day, int slot, String workstationId) {
        if (slot < 1 || slot > maxSlots) {
            throw new IllegalArgumentException("workstation slot must be 1.." + maxSlots + ": " + slot);
        }
        int from = base + (slot - 1) * sliceSize;
        return new NumberBlock(agencyCode, day, from, from + sliceSize - 1, workstationId);
    }

    /** Whether the server may hand out {@code sequence} in an ordinary block. */
    public boolean isOrdinary(int sequence) {
        return sequence < base || sequence > TOP;
    }
}
