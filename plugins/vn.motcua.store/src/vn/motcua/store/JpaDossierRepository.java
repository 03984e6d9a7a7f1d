package vn.motcua.store;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierRepository;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.internal.Mapping;
import vn.motcua.store.internal.entity.DossierEntity;
import vn.motcua.store.internal.entity.ProcedureEntity;

/** Dossiers in the local cache. History rows are only appended, never changed. */
public final class JpaDossierRepository implements DossierRepository {
    private final LocalCache cache;

    JpaDossierRepository(LocalCache cache) {
        this.cache = cache;
    }

    @Override
    public Optional<Dossier> findByCode(String code) {
        return cache.read(em -> byCode(em, code).map(Mapping::toModel));
    }

    @Override
    public List<Dossier> findByAgencyAndStatus(String agencyCode, Set<DossierStatus> statuses) {
        List<String> names = statuses.stream().map(Enum::name).toList();
        return cache.read(em -> em.createQuery("SELECT d FROM DossierEntity d WHERE d.agencyCode = :a AND d.status IN :s ORDER BY d.receivedAt",
                DossierEntity.class).setParameter("a", agencyCode).setParameter("s", names).getResultList().stream()
                .map(Mapping::toModel).toList());
    }

    /**
     * Stores the dossier's new state with the event that produced it, in one transaction. Refuses when the
     * stored history is not exactly the one the event follows (someone else changed the dossier meanwhile).
     */
    @Override
    public void save(Dossier dossier, DossierEvent event) {
        cache.inTransaction(em -> {
            saveIn(em, dossier, event);
            return null;
        });
    }

    @Override
    public void saveWithoutEvent(Dossier dossier) {
        cache.inTransaction(em -> {
            saveIn(em, dossier, null);
            return null;
        });
    }

    /** Inserts many new dossiers with their whole history in one transaction (demo data, first sync). */
    public void insertAll(List<Dossier> dossiers) {
        cache.inTransaction(em -> {
            for (Dossier d : dossiers) {
                DossierEntity e = new DossierEntity();
                Mapping.fill(e, d, procedureName(em, d));
                d.events().forEach(ev -> e.events.add(Mapping.toEntity(ev, e)));
                em.persist(e);
            }
            return null;
        });
    }

    private void saveIn(EntityManager em, Dossier d, DossierEvent event) {
        Optional<DossierEntity> found = d.code() == null ? Optional.empty() : byCode(em, d.code());
        DossierEntity e = found.orElseGet(DossierEntity::new);
        long stored = e.events.size();
        long expected = event == null ? d.events().size() : event.sequence() - 1;
        if (found.isPresent() && stored != expected) {
            throw new ConcurrentDossierChangeException("dossier " + d.code() + " has " + stored + " events, expected " + expected);
        }
        Mapping.fill(e, d, procedureName(em, d));
        if (found.isEmpty()) {
            d.events().forEach(ev -> e.events.add(Mapping.toEntity(ev, e)));
            em.persist(e);
        } else if (event != null) {
            e.events.add(Mapping.toEntity(event, e));
        }
    }

    private static Optional<DossierEntity> byCode(EntityManager em, String code) {
        return em.createQuery("SELECT d FROM DossierEntity d WHERE d.code = :c", DossierEntity.class).setParameter("c", code)
                .getResultStream().findFirst();
    }

    private static String procedureName(EntityManager em, Dossier d) {
        return em.createQuery("SELECT p FROM ProcedureEntity p WHERE p.code = :c AND p.version = :v", ProcedureEntity.class)
                .setParameter("c", d.procedureCode()).setParameter("v", d.procedureVersion()).getResultStream().findFirst()
                .map(p -> p.name).orElse("");
    }
}
