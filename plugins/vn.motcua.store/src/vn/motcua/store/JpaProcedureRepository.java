package vn.motcua.store;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import vn.motcua.core.model.Procedure;
import vn.motcua.core.model.ProcedureRepository;
import vn.motcua.store.internal.Mapping;
import vn.motcua.store.internal.entity.ProcedureChannelRow;
import vn.motcua.store.internal.entity.ProcedureEntity;
import vn.motcua.store.internal.entity.RequiredDocumentRow;

/** Procedure catalogue in the local cache; one row per code and version. */
public final class JpaProcedureRepository implements ProcedureRepository {
    private final LocalCache cache;

    public JpaProcedureRepository(LocalCache cache) {
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
        writeThrough(List.of(procedure), () -> cache.inTransaction(em -> {
            List<ProcedureEntity> existing = em.createQuery("SELECT p FROM ProcedureEntity p WHERE p.code = :c AND p.version = :v",
                    ProcedureEntity.class).setParameter("c", procedure.code()).setParameter("v", procedure.version()).getResultList();
            ProcedureEntity e = existing.isEmpty() ? new ProcedureEntity() : existing.get(0);
            Mapping.fill(e, procedure);
            if (existing.isEmpty()) {
                em.persist(e);
            }
            return null;
        }));
    }

    /** Active procedures, newest version of each code, in code order (from the remembered catalogue). */
    public List<Procedure> activeCatalogue() {
        return latestVersions().stream().filter(Procedure::active).toList();
    }

    /**
     * Stores several new versions in one transaction: all or none (catalogue imports must never half-write).
     * Each pair code + version must be new.
     */
    public void saveAll(List<Procedure> procedures) {
        writeThrough(procedures, () -> cache.inTransaction(em -> {
            for (Procedure procedure : procedures) {
                ProcedureEntity e = new ProcedureEntity();
                Mapping.fill(e, procedure);
                em.persist(e);
            }
            return null;
        }));
    }

    /** Inserts or replaces (same code and version) many procedures in one transaction: the server's catalogue. */
    public void replaceAll(List<Procedure> procedures) {
        writeThrough(procedures, () -> cache.inTransaction(em -> {
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
        }));
    }

    /**
     * Runs a write of {@code written} and, when the remembered catalogue was current and this write was the only one
     * in between, remembers the catalogue as it now is (what was there, with the written versions on top): the
     * preview after an import and the catalogue screen's refresh need not read 2,000 procedures again.
     */
    private void writeThrough(List<Procedure> written, Runnable write) {
        long before = cache.writeVersion();
        LocalCache.CatalogueMemo memo = cache.catalogueMemo();
        write.run();
        if (memo == null || memo.version() != before || cache.writeVersion() != before + 1) {
            return;
        }
        java.util.Map<String, Procedure> latest = new java.util.TreeMap<>();
        memo.latest().forEach(p -> latest.put(p.code(), p));
        for (Procedure w : written) {
            // As the store would give it back (names cleaned, legal basis as lines), not as it was handed in.
            ProcedureEntity e = new ProcedureEntity();
            Mapping.fill(e, w);
            Procedure p = Mapping.toModel(e);
            Procedure had = latest.get(p.code());
            if (had == null || had.version() <= p.version()) {
                latest.put(p.code(), p);
            }
        }
        cache.catalogueMemo(new LocalCache.CatalogueMemo(before + 1, List.copyOf(latest.values())));
    }

    /** Newest version of every code, active or not, in code order (what an import compares against). */
    public List<Procedure> latestVersions() {
        // Remembered until the next write to the cache: the catalogue screen, the counter and every import
        // preview ask for it, and 2,000 procedures take a JPA read of three tables each time otherwise.
        long version = cache.writeVersion();
        LocalCache.CatalogueMemo memo = cache.catalogueMemo();
        if (memo != null && memo.version() == version) {
            return memo.latest();
        }
        List<Procedure> latest = readLatestVersions();
        cache.catalogueMemo(new LocalCache.CatalogueMemo(version, latest));
        return latest;
    }

    /**
     * Plain JDBC into the entity classes, then the one mapping to the model: three queries (procedures, their
     * channels, their papers) instead of EclipseLink building managed entities — 2,000 procedures are read for every
     * import preview after a catalogue change.
     */
    private List<Procedure> readLatestVersions() {
        // Older versions are few (kept for dossiers that pinned them): read every channel and paper row and keep those
        // of the newest versions, rather than asking H2 for a correlated sub-select per row.
        try (java.sql.Connection c = cache.connection()) {
            java.util.Map<Long, ProcedureEntity> byId = new java.util.LinkedHashMap<>();
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT id, code, version, name, field_name, level, cutoff_time, legal_basis,"
                    + " implementing_agency, online_level, active, effective_date FROM procedure_def p JOIN (SELECT code c, MAX(version) v"
                    + " FROM procedure_def GROUP BY code) m ON m.c = p.code AND m.v = p.version ORDER BY p.code");
                    java.sql.ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ProcedureEntity e = new ProcedureEntity();
                    e.id = r.getLong(1);
                    e.code = r.getString(2);
                    e.version = r.getInt(3);
                    e.name = r.getString(4);
                    e.fieldName = r.getString(5);
                    e.level = r.getString(6);
                    e.cutoffTime = r.getObject(7, java.time.LocalTime.class);
                    e.legalBasis = r.getString(8);
                    e.implementingAgency = r.getString(9);
                    e.onlineLevel = r.getString(10);
                    e.active = r.getBoolean(11);
                    e.effectiveDate = r.getObject(12, java.time.LocalDate.class);
                    byId.put(e.id, e);
                }
            }
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT procedure_id, channel, processing_amount, processing_unit, processing_text,"
                    + " fee_vnd, fee_text FROM procedure_channel");
                    java.sql.ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ProcedureChannelRow row = new ProcedureChannelRow();
                    row.processingAmount = r.getBigDecimal(3);
                    row.processingUnit = r.getString(4);
                    row.processingText = r.getString(5);
                    long fee = r.getLong(6);
                    row.feeVnd = r.wasNull() ? null : fee;
                    row.feeText = r.getString(7);
                    ProcedureEntity e = byId.get(r.getLong(1));
                    if (e != null) {
                        e.channels.put(r.getString(2), row);
                    }
                }
            }
            try (java.sql.PreparedStatement s = c.prepareStatement("SELECT procedure_id, doc_id, name, kind, copies, optional_doc FROM required_document"
                    + " ORDER BY procedure_id, position");
                    java.sql.ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    RequiredDocumentRow row = new RequiredDocumentRow();
                    row.docId = r.getString(2);
                    row.name = r.getString(3);
                    row.kind = r.getString(4);
                    row.copies = r.getInt(5);
                    row.optional = r.getBoolean(6);
                    ProcedureEntity e = byId.get(r.getLong(1));
                    if (e != null) {
                        e.requiredDocuments.add(row);
                    }
                }
            }
            return byId.values().stream().map(Mapping::toModel).toList();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("The procedure catalogue could not be read: " + e.getMessage(), e);
        }
    }

    public long count() {
        return cache.read(em -> em.createQuery("SELECT COUNT(p) FROM ProcedureEntity p", Long.class).getSingleResult());
    }
}
