package vn.motcua.core.model;

import java.util.List;
import java.util.Optional;

/** Storage of dossiers, implemented by the persistence layer. */
public interface DossierRepository {
    Optional<Dossier> findByCode(String code);

    /** Dossiers of an agency in one of the given states, for work queues. */
    List<Dossier> findByAgencyAndStatus(String agencyCode, java.util.Set<DossierStatus> statuses);

    /**
     * Stores {@code dossier} whose last event is {@code event}, appending the event to the history in the same
     * transaction. Optimistic: fails with {@link ConcurrentDossierChangeException} when the stored history does
     * not end at {@code event.sequence() - 1} (someone else changed the dossier meanwhile).
     */
    void save(Dossier dossier, DossierEvent event);

    /** Stores a draft or an imported dossier without a new event (no status change). */
    void saveWithoutEvent(Dossier dossier);

    /** Thrown by {@link #save} when the stored dossier moved on; reload and retry the command. */
    final class ConcurrentDossierChangeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConcurrentDossierChangeException(String message) {
            super(message);
        }
    }
}
