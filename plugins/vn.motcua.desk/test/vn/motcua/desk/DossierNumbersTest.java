package vn.motcua.desk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import vn.motcua.core.code.NumberBlock;
import vn.motcua.core.code.NumberBlockStore;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierRepository;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.PersonApplicant;

/** The numbering rule alone, over in-memory stand-ins of core's repository interfaces. */
class DossierNumbersTest {
    static final LocalDate DAY = LocalDate.of(2026, 3, 3);

    /** Blocks and issued numbers in memory, with the store's contract (a number is handed out once). */
    static final class Blocks implements NumberBlockStore {
        final List<NumberBlock> blocks = new java.util.ArrayList<>();
        final Set<Integer> issued = new HashSet<>();

        @Override
        public List<NumberBlock> blocks(String workstationId, String agencyCode, LocalDate day) {
            return blocks;
        }

        @Override
        public void addBlock(NumberBlock block) {
            blocks.add(block);
        }

        @Override
        public Set<Integer> issued(String workstationId, String agencyCode, LocalDate day) {
            return Set.copyOf(issued);
        }

        @Override
        public boolean markIssued(String workstationId, String agencyCode, LocalDate day, int sequence) {
            return issued.add(sequence);
        }
    }

    /** Dossiers by code in memory. */
    static final class Dossiers implements DossierRepository {
        final Map<String, Dossier> byCode = new HashMap<>();

        @Override
        public Optional<Dossier> findByCode(String code) {
            return Optional.ofNullable(byCode.get(code));
        }

        @Override
        public List<Dossier> findByAgencyAndStatus(String agencyCode, Set<DossierStatus> statuses) {
            return List.of();
        }

        @Override
        public void save(Dossier dossier, DossierEvent event) {
            byCode.put(dossier.code(), dossier);
        }

        @Override
        public void saveWithoutEvent(Dossier dossier) {
            byCode.put(dossier.code(), dossier);
        }
    }

    @Test
    void aNumberADossierAlreadyCarriesIsNeverGivenAgain() {
        Blocks blocks = new Blocks();
        blocks.addBlock(new NumberBlock("H21.17", DAY, 1, 3, "QUAY-01"));
        Dossiers dossiers = new Dossiers();
        for (String code : List.of("H21.17-260303-0001", "H21.17-260303-0002")) {
            dossiers.saveWithoutEvent(Dossier.submittedOnline(code, "1.001193", 1, "2025", new PersonApplicant("A", null, "", "", "", ""), List.of(),
                    "H21.17", java.time.Instant.EPOCH, "portal"));
        }
        DossierNumbers numbers = new DossierNumbers(blocks, () -> 1, dossiers);
        assertEquals("H21.17-260303-0003", numbers.next("QUAY-01", "H21.17", DAY));
        // The block is used up (two numbers burnt on dossiers already here): the workstation's own offline slice.
        assertEquals("H21.17-260303-9000", numbers.next("QUAY-01", "H21.17", DAY));
        assertEquals(Set.of(1, 2, 3, 9000), blocks.issued);
    }
}
