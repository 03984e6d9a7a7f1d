package vn.motcua.core.code;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Hands out dossier codes on one workstation: the lowest unused number of its reserved blocks for the
 * agency and day, and when those are used up, the next number of its offline fallback slice
 * ({@link OfflineFallbackPolicy}). The sync service keeps the blocks topped up while online (see
 * {@link #remainingInBlocks}), so the fallback is only reached when offline. The day is the reception date at
 * the desk (Asia/Ho_Chi_Minh), passed in: the allocator reads no clock.
 */
public final class DossierCodeAllocator {
    private final String workstationId;
    private final int workstationSlot;
    private final NumberBlockStore store;
    private final OfflineFallbackPolicy policy;

    /**
     * @param workstationSlot the workstation's fallback slot, assigned by the server; 0 = none (the agency's slots are
     *                        all taken): numbers from reserved blocks only
     */
    public DossierCodeAllocator(String workstationId, int workstationSlot, NumberBlockStore store,
            OfflineFallbackPolicy policy) {
        this.workstationId = Objects.requireNonNull(workstationId, "workstationId");
        this.store = Objects.requireNonNull(store, "store");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (workstationSlot < 0 || workstationSlot > policy.maxSlots()) {
            throw new IllegalArgumentException("workstation slot must be 0.." + policy.maxSlots());
        }
        this.workstationSlot = workstationSlot;
    }

    /**
     * The next code for the agency and day.
     *
     * @throws NumbersExhaustedException when the blocks and the fallback slice are both used up
     */
    public CodeAllocation next(String agencyCode, LocalDate day) {
        while (true) {
            Set<Integer> issued = store.issued(workstationId, agencyCode, day);
            OptionalInt n = firstFree(ordinaryBlocks(agencyCode, day), issued);
            CodeAllocation.Source source = CodeAllocation.Source.RESERVED_BLOCK;
            if (n.isEmpty() && workstationSlot > 0) {
                n = firstFree(List.of(fallbackBlock(agencyCode, day)), issued);
                source = CodeAllocation.Source.OFFLINE_FALLBACK;
            }
            if (n.isEmpty()) {
                throw new NumbersExhaustedException(agencyCode, day);
            }
            if (store.markIssued(workstationId, agencyCode, day, n.getAsInt())) {
                return new CodeAllocation(new DossierCode(agencyCode, day, n.getAsInt()), source);
            }
            // Someone else took it between our read and our write: read again.
        }
    }

    /** Unused numbers left in the reserved blocks (not counting the fallback slice). */
    public int remainingInBlocks(String agencyCode, LocalDate day) {
        Set<Integer> issued = store.issued(workstationId, agencyCode, day);
        int left = 0;
        for (NumberBlock b : ordinaryBlocks(agencyCode, day)) {
            for (int i = b.from(); i <= b.to(); i++) {
                if (!issued.contains(i)) {
                    left++;
                }
            }
        }
        return left;
    }

    /** This workstation's fallback slice for the agency and day. */
    public NumberBlock fallbackBlock(String agencyCode, LocalDate day) {
        if (workstationSlot == 0) {
            throw new IllegalStateException("no fallback slot");
        }
        return policy.blockFor(agencyCode, day, workstationSlot, workstationId);
    }

    private List<NumberBlock> ordinaryBlocks(String agencyCode, LocalDate day) {
        List<NumberBlock> blocks = new ArrayList<>();
        for (NumberBlock b : store.blocks(workstationId, agencyCode, day)) {
            // Defensive: a block that strays into the fallback space would collide with another desk's slice.
            if (b.to() < policy.base() || b.from() > OfflineFallbackPolicy.TOP) {
                blocks.add(b);
            }
        }
        blocks.sort(Comparator.comparingInt(NumberBlock::from));
        return blocks;
    }

    private static OptionalInt firstFree(List<NumberBlock> blocks, Set<Integer> issued) {
        for (NumberBlock b : blocks) {
            for (int i = b.from(); i <= b.to(); i++) {
                if (!issued.contains(i)) {
                    return OptionalInt.of(i);
                }
            }
        }
        return OptionalInt.empty();
    }

    /** No number left for the agency and day on this workstation: reconnect to reserve a block. */
    public static final class NumbersExhaustedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NumbersExhaustedException(String agencyCode, LocalDate day) {
            super("Đã hết số hồ sơ dự phòng của máy trạm cho " + agencyCode + " ngày " + day
                    + ": cần kết nối máy chủ để nhận thêm dải số.");
        }
    }
}
