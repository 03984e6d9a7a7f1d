package vn.motcua.desk;

import java.time.LocalDate;
import java.util.function.IntSupplier;

import vn.motcua.core.code.DossierCodeAllocator;
import vn.motcua.core.code.NumberBlockStore;
import vn.motcua.core.code.OfflineFallbackPolicy;
import vn.motcua.core.model.DossierRepository;

/**
 * The next dossier code of a workstation for an agency and day: its reserved blocks first, then its own offline
 * slice, and never a number a dossier here already carries (demo data, or dossiers received before the workstation
 * had blocks) — the same rule for every step that numbers a dossier at the counter (reception, refusal, supplement
 * request).
 */
final class DossierNumbers {
    private final NumberBlockStore blocks;
    private final IntSupplier fallbackSlot;
    private final DossierRepository dossiers;

    DossierNumbers(NumberBlockStore blocks, IntSupplier fallbackSlot, DossierRepository dossiers) {
        this.blocks = blocks;
        this.fallbackSlot = fallbackSlot;
        this.dossiers = dossiers;
    }

    /** A code no dossier here has, taken (durably) from the workstation's numbers. */
    String next(String workstationId, String agencyCode, LocalDate day) {
        DossierCodeAllocator allocator = new DossierCodeAllocator(workstationId, fallbackSlot.getAsInt(), blocks, OfflineFallbackPolicy.standard());
        String code;
        do {
            code = allocator.next(agencyCode, day).code().format();
        } while (dossiers.findByCode(code).isPresent());
        return code;
    }
}
