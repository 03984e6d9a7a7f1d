package vn.motcua.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcedureRepository;
import vn.motcua.store.internal.Mapping;
import vn.motcua.store.internal.entity.ProcedureEntity;

/** Procedure catalogue in the local cache; one row per code and version. */
public final class JpaProcedureRepository implements ProcedureRepository {
    /** EclipseLink batch fetching: each collection of a whole catalogue in one query, not one per procedure. */
    private static final String BATCH = "eclipselink.batch";
    private static final String BATCH_TYPE = "eclipselink.batch.type";
    private final LocalCache cache;

    JpaProcedureRepository(LocalCache cache) {
        this.cache = cache;
    }

    @Override
    public Optional<Procedure> find(String code, int version) {
        return cache.read(em -> em.createQuery("SELECT p FROM ProcedureEntity p WHERE p.code = :c AND p.version = :v", ProcedureEntity.class)
                .setParameter("c", code).setParameter("v", version).getResultStream().findFirst().map(Mapping::toModel));
    }

    @Override
    public Optional<Procedure> findInForce(String code, LocalDate date) {
        return cache.read(em -> em.createQuery("SELECT p FROM ProcedureEntity p WHERE p.code = :c AND p.effectiveDate <= :d"
                + " ORDER BY p.version DESC", ProcedureEntity.class)
                .setParameter("c", code).setParameter("d", date).setMaxResults(1).getResultStream().findFirst().map(Mapping::toModel));
    }

    /** Inserts a new version, or replaces the same code and version. */
    @Override
    public void save(Procedure procedure) {
        cache.inTransaction(em -> {
            List<ProcedureEntity> existing = em.createQuery("SELECT p FROM ProcedureEntity p WHERE p.code = :c AND p.version = :v",
                    ProcedureEntity.class).setParameter("c", procedure.code()).setParameter("v", procedure.version()).getResultList();
            ProcedureEntity e = existing.isEmpty() ? new ProcedureEntity() : existing.get(0);
            Mapping.fill(e, procedure);
            if (existing.isEmpty()) {
                em.persist(e);
            }
            return null;
        });
    }

    /** Active procedures, newest version of each code, in code order. */
    public List<Procedure> activeCatalogue() {
        return cache.read(em -> em.createQuery("SELECT p FROM ProcedureEntity p WHERE p.active = TRUE AND p.version ="
                + " (SELECT MAX(q.version) FROM ProcedureEntity q WHERE q.code = p.code) ORDER BY p.code", ProcedureEntity.class)
                .setHint(BATCH, "p.requiredDocuments").setHint(BATCH, "p.channels").setHint(BATCH_TYPE, "IN")
                .getResultList().stream().map(Mapping::toModel).toList());
    }

    /**
     * Stores several new versions in one transaction: all or none (catalogue imports must never half-write).
     * Each pair code + version must be new.
     */
    public void saveAll(List<Procedure> procedures) {
        cache.inTransaction(em -> {
            for (Procedure procedure : procedures) {
                ProcedureEntity e = new ProcedureEntity();
                Mapping.fill(e, procedure);
                em.persist(e);
            }
            return null;
        });
    }

    /** Inserts or replaces (same code and version) many procedures in one transaction: the server's catalogue. */
    public void replaceAll(List<Procedure> procedures) {
        cache.inTransaction(em -> {
            java.util.Map<String, ProcedureEntity> existing = new java.util.HashMap<>();
            em.createQuery("SELECT p FROM ProcedureEntity p", ProcedureEntity.class).getResultList()
                    .forEach(e -> existing.put(e.code + "/" + e.version, e));
            for (Procedure procedure : procedures) {
                ProcedureEntity e = existing.get(procedure.code() + "/" + procedure.version());
                boolean isNew = e == null;
                if (isNew) {
                    e = new ProcedureEntity();
                }
                Mapping.fill(e, procedure);
                if (isNew) {
                    em.persist(e);
                }
            }
            return null;
        });
    }

    /** Newest version of every code, active or not, in code order (what an import compares against). */
    public List<Procedure> latestVersions() {
        return cache.read(em -> em.createQuery("SELECT p FROM ProcedureEntity p WHERE p.version ="
                + " (SELECT MAX(q.version) FROM ProcedureEntity q WHERE q.code = p.code) ORDER BY p.code", ProcedureEntity.class)
                .setHint(BATCH, "p.requiredDocuments").setHint(BATCH, "p.channels").setHint(BATCH_TYPE, "IN")
                .getResultList().stream().map(Mapping::toModel).toList());
    }

    public long count() {
        return cache.read(em -> em.createQuery("SELECT COUNT(p) FROM ProcedureEntity p", Long.class).getSingleResult());
    }
}
