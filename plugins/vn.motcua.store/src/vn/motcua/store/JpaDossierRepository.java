package vn.motcua.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierRepository;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.store.internal.Mapping;
import vn.motcua.store.internal.db.DossierBulkInsert;
import vn.motcua.store.internal.search.DossierListMemory;
import vn.motcua.store.internal.entity.DossierEntity;
import vn.motcua.store.internal.entity.DossierEventEntity;
import vn.motcua.store.internal.entity.ProcedureEntity;

/** Dossiers in the local cache. History rows are only appended, never changed. */
public final class JpaDossierRepository implements DossierRepository {
    private final LocalCache cache;

    public JpaDossierRepository(LocalCache cache) {
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
        save(dossier, event, List.of());
    }

    /**
     * As {@link #save(Dossier, DossierEvent)}, with documents the change produced (a signed result and its approval
     * record): all of it commits, or none of it.
     */
    public void save(Dossier dossier, DossierEvent event, List<DossierDocuments.NewDocument> documents) {
        cache.inTransaction(em -> {
            SyncLedger.Queued queued = saveIn(em, dossier, event);
            java.time.Instant at = java.time.Instant.now();
            documents.forEach(doc -> DossierDocuments.insert(em, doc, at));
            if (queued != null) {
                // Forced to disk when this commits, before the caller tells the user (ChangeJournal).
                cache.journal(em, dossier.code(), event.action().name(), queued.mutationId(), queued.payload(), documents);
            }
            return null;
        });
    }

    /**
     * Several consecutive steps of one dossier (the supplement that completed a dossier at the counter and its
     * reception), each with its outbox command, and the documents they produced: all of it commits, or none of it.
     */
    public void saveSteps(List<vn.motcua.core.lifecycle.Transition> steps, List<DossierDocuments.NewDocument> documents) {
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("no step to save");
        }
        cache.inTransaction(em -> {
            List<SyncLedger.Queued> queued = saveStepsIn(em, steps);
            java.time.Instant at = java.time.Instant.now();
            documents.forEach(doc -> DossierDocuments.insert(em, doc, at));
            // Forced to disk when this commits, before the caller tells the user (ChangeJournal); the documents go
            // with the last step.
            for (int i = 0; i < steps.size(); i++) {
                DossierEvent event = steps.get(i).event();
                cache.journal(em, steps.get(i).dossier().code(), event.action().name(), queued.get(i).mutationId(), queued.get(i).payload(),
                        i == steps.size() - 1 ? documents : List.of());
            }
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
        cache.bulkWritten(dossiers.size());
        cache.inTransaction(em -> {
            // Every query in a transaction first flushes what is pending; ask everything before persisting
            // anything, or each query would re-examine all the dossiers persisted so far (quadratic).
            em.setFlushMode(FlushModeType.COMMIT);
            AuditLog.append(em, dossiers.stream().map(d -> auditEntry(d, null)).toList());
            bulkInsert(em, dossiers, procedureNames(em, dossiers), cache.dossierListMemory());
            return null;
        });
    }

    /** New dossiers in plain JDBC batches on the transaction's own connection (see {@link DossierBulkInsert}). */
    private static void bulkInsert(EntityManager em, List<Dossier> dossiers, Map<String, String> procedureNames,
            DossierListMemory memory) {
        if (dossiers.isEmpty()) {
            return;
        }
        try {
            DossierBulkInsert.insert(em.unwrap(java.sql.Connection.class), dossiers, procedureNames, (e, id) -> memory.written(id, listColumns(e)));
        } catch (java.sql.SQLException e) {
            throw new jakarta.persistence.PersistenceException("Cannot store " + dossiers.size() + " dossiers: " + e.getMessage(), e);
        }
    }

    /** What the dossier list memory holds of a dossier row. */
    private static DossierListMemory.Columns listColumns(DossierEntity e) {
        return new DossierListMemory.Columns(e.searchText, e.receivedAt, e.status, e.dueAt, e.procedureCode, e.assignee);
    }

    /** Names of the procedures of {@code dossiers}, keyed "code/version", in one query. */
    private static Map<String, String> procedureNames(EntityManager em, List<Dossier> dossiers) {
        List<String> codes = dossiers.stream().map(Dossier::procedureCode).distinct().toList();
        Map<String, String> names = new HashMap<>();
        if (!codes.isEmpty()) {
            em.createQuery("SELECT p.code, p.version, p.name FROM ProcedureEntity p WHERE p.code IN :c", Object[].class)
                    .setParameter("c", codes).getResultList().forEach(r -> names.put(r[0] + "/" + r[1], (String) r[2]));
        }
        return names;
    }

    /** Writes the dossier (and its event); returns the outbox row when there is an event. */
    private SyncLedger.Queued saveIn(EntityManager em, Dossier d, DossierEvent event) {
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
            em.persist(e); // assigns the id (table generator)
        } else if (event != null) {
            e.events.add(Mapping.toEntity(event, e));
        }
        cache.dossierListMemory().written(e.id, listColumns(e));
        AuditLog.append(em, List.of(auditEntry(d, found.isEmpty() ? null : event)));
        // The change and its outbox command commit together: nothing done offline can be lost before sync.
        return event == null ? null : SyncLedger.enqueue(em, cache.syncJson(), d, event, cache.signingKey(event.actorUsername()));
    }

    /** One row update for all the steps (the last one's state), each event appended and queued for sync with the dossier after it. */
    private List<SyncLedger.Queued> saveStepsIn(EntityManager em, List<vn.motcua.core.lifecycle.Transition> steps) {
        Dossier d = steps.get(steps.size() - 1).dossier();
        Optional<DossierEntity> found = byCode(em, d.code());
        DossierEntity e = found.orElseGet(DossierEntity::new);
        long expected = steps.get(0).event().sequence() - 1;
        if (found.isPresent() && e.events.size() != expected) {
            throw new ConcurrentDossierChangeException("dossier " + d.code() + " has " + e.events.size() + " events, expected " + expected);
        }
        Mapping.fill(e, d, procedureName(em, d));
        if (found.isEmpty()) {
            d.events().forEach(ev -> e.events.add(Mapping.toEntity(ev, e)));
            em.persist(e);
        } else {
            steps.forEach(t -> e.events.add(Mapping.toEntity(t.event(), e)));
        }
        cache.dossierListMemory().written(e.id, listColumns(e));
        AuditLog.append(em, steps.stream().map(t -> auditEntry(t.dossier(), t.event())).toList());
        return steps.stream()
                .map(t -> SyncLedger.enqueue(em, cache.syncJson(), t.dossier(), t.event(), cache.signingKey(t.event().actorUsername()))).toList();
    }

    /**
     * Replaces local dossiers by the server's versions (a pulled page), keeping the events both have in common
     * and dropping local ones the server does not have (they were refused). No outbox rows: not a local change.
     */
    static void replaceFromServer(EntityManager em, List<Dossier> dossiers, DossierListMemory memory) {
        // A page at a time: the dossiers already here in one query, and no flush before each lookup.
        em.setFlushMode(FlushModeType.COMMIT);
        Map<String, String> procedureNames = procedureNames(em, dossiers);
        Map<String, DossierEntity> existing = new HashMap<>();
        List<String> codes = dossiers.stream().map(Dossier::code).toList();
        if (!codes.isEmpty()) {
            em.createQuery("SELECT d FROM DossierEntity d WHERE d.code IN :c", DossierEntity.class).setParameter("c", codes)
                    .getResultList().forEach(e -> existing.put(e.code, e));
        }
        List<Dossier> added = new java.util.ArrayList<>();
        for (Dossier d : dossiers) {
            DossierEntity found = existing.get(d.code());
            List<vn.motcua.core.model.DossierEvent> remote = d.events();
            if (found != null) {
                List<DossierEventEntity> local = found.events;
                boolean diverged = local.size() > remote.size();
                for (int i = 0; !diverged && i < local.size(); i++) {
                    diverged = !vn.motcua.sync.api.SyncEquality.sameEvent(Mapping.toModel(local.get(i)), remote.get(i));
                }
                if (diverged) {
                    // Local events the server refused: the row goes and the server's version comes in whole.
                    memory.removed(found.id);
                    em.remove(found);
                    em.flush();
                    found = null;
                }
            }
            if (found == null) {
                added.add(d);
                continue;
            }
            Mapping.fill(found, d, procedureNames.getOrDefault(d.procedureCode() + "/" + d.procedureVersion(), ""));
            memory.written(found.id, listColumns(found));
            for (int i = found.events.size(); i < remote.size(); i++) {
                found.events.add(Mapping.toEntity(remote.get(i), found));
            }
        }
        // Most of a first sync: new dossiers, written in batches rather than through the unit of work.
        bulkInsert(em, added, procedureNames, memory);
        JdbcNumberBlockStore.issuedByOthers(em, dossiers);
    }

    /**
     * The audit row of a write: the event's actor and step when there is one, else the insertion of the
     * dossier with its whole history (actor of its latest event).
     */
    private static AuditLog.Entry auditEntry(Dossier d, DossierEvent event) {
        DossierEvent by = event != null ? event : d.events().isEmpty() ? null : d.events().get(d.events().size() - 1);
        String actor = by == null ? "system" : by.actorUsername();
        String workstation = by == null ? "" : by.workstationId();
        String details;
        String action;
        if (event != null) {
            action = event.action().name();
            details = "event=" + event.sequence() + "; status=" + event.fromStatus() + "->" + event.toStatus()
                    + (event.assignee() == null ? "" : "; assignee=" + event.assignee())
                    + (event.newDueAt() == null ? "" : "; due=" + event.newDueAt())
                    + (event.reason() == null || event.reason().isEmpty() ? "" : "; reason=" + event.reason());
        } else {
            action = "SAVE_DOSSIER";
            details = "events=" + d.events().size() + "; status=" + d.status() + (d.assignee() == null ? "" : "; assignee=" + d.assignee());
        }
        return new AuditLog.Entry(actor, workstation, action, d.code() == null ? "" : d.code(), details);
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
