package vn.motcua.store;

import java.time.Instant;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import vn.motcua.store.internal.entity.DossierEntity;
import vn.motcua.store.internal.entity.ProcedureEntity;
import vn.motcua.store.internal.search.DossierSearchSql;
import vn.motcua.store.internal.search.DossierSearchSql.Sql;
import vn.motcua.store.internal.search.ListSearch;

/**
 * Read side of the dossier list and details. The list runs plain JDBC ({@link ListSearch}, SQL in
 * {@link DossierSearchSql}) over the token index of V2__search_index_and_audit_log.sql: JPQL cannot express the
 * per-word prefix range scans, nor the candidate checks, that keep text search fast on a million dossiers.
 */
public final class DossierQueries {
    private final LocalCache cache;

    public DossierQueries(LocalCache cache) {
        this.cache = cache;
    }

    /** Exactly how many dossiers match (a broad text search scans: for exports and tests, not the list). */
    public long count(DossierFilter f) {
        return jdbc(c -> {
            ListSearch.Plan plan = plan(c, f);
            if (plan.broad()) {
                return single(c, DossierSearchSql.countUpTo(f, plan.words(), Integer.MAX_VALUE - 1));
            }
            return ListSearch.count(c, f, plan).value();
        });
    }

    /** The list's count: exact, or "more than {@link ListSearch#BROAD_COUNT_CAP}" for a broad text search. */
    public ListCount listCount(DossierFilter f) {
        return jdbc(c -> {
            ListSearch.Count n = ListSearch.count(c, f, plan(c, f, 0));
            return new ListCount(n.value(), n.exact());
        });
    }

    /** One page of the list in the filter's order. */
    public List<DossierRow> page(DossierFilter f, int offset, int limit) {
        return jdbc(c -> {
            List<DossierRow> out = new ArrayList<>();
            for (Object[] r : ListSearch.page(c, f, plan(c, f, offset), offset, limit)) {
                out.add(row(r));
            }
            return out;
        });
    }

    /**
     * Every row of the filter's list in its order, streamed to {@code sink} until it returns false (exports: one
     * forward read, not page after page); returns the number of rows given.
     */
    public long forEach(DossierFilter f, java.util.function.Predicate<DossierRow> sink) {
        return jdbc(c -> ListSearch.each(c, f, plan(c, f), r -> sink.test(row(r))));
    }

    private static DossierRow row(Object[] r) {
        return new DossierRow((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (Instant) r[5], (Instant) r[6],
                (String) r[7], (String) r[8]);
    }

    /** Pages of the whole list above this offset are read off its order index (SQL's OFFSET walks the index to it). */
    static final int SHALLOW = 1_000;

    /**
     * The plan for reading the list from {@code offset}: the top of the whole list (no text, no filter) — what the
     * list shows when opened and after every write — straight off the order index (under a millisecond; the list
     * memory's walk of a million is ~15 ms); anything else as {@link #plan(Connection, DossierFilter)}.
     */
    private ListSearch.Plan plan(Connection c, DossierFilter f, int offset) throws SQLException {
        return offset < SHALLOW && ListSearch.wholeList(f) ? new ListSearch.Plan(List.of(), null) : plan(c, f);
    }

    /**
     * The plan of a filter, remembered while the cache is unchanged: the list asks for its count and then page
     * after page of the same search, and a candidate search's ordered matches serve them all.
     */
    private ListSearch.Plan plan(Connection c, DossierFilter f) throws SQLException {
        LocalCache.ListMemo memo = cache.listMemo();
        long version = cache.writeVersion();
        // Planned again as the list memory gets ready (a list opened while it was built is paged by SQL: deep pages
        // of a million-row list take seconds that way).
        int memoryStage = cache.dossierListMemory() == null ? 0 : cache.dossierListMemory().stage();
        if (memo != null && memo.version() == version && memo.filter().equals(f) && memo.memoryStage() == memoryStage) {
            return memo.plan();
        }
        ListSearch.Plan plan = ListSearch.plan(c, f, ListSearch.CANDIDATE_LIMIT, cache.tokenStatistics(), cache.dossierListMemory());
        cache.listMemo(new LocalCache.ListMemo(f, version, plan, memoryStage));
        return plan;
    }

    @FunctionalInterface
    private interface JdbcWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T jdbc(JdbcWork<T> work) {
        try (Connection c = cache.connection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Dossier list query failed: " + e.getMessage(), e);
        }
    }

    private static long single(Connection c, Sql sql) throws SQLException {
        try (java.sql.PreparedStatement p = c.prepareStatement(sql.sql())) {
            for (int i = 0; i < sql.params().size(); i++) {
                p.setObject(i + 1, sql.params().get(i));
            }
            try (java.sql.ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * How many dossiers of each procedure this cache holds (code → count), so the counter can offer the procedures
     * a commune receives most first. One grouped scan of the procedure index.
     */
    public java.util.Map<String, Long> procedureUsage() {
        return jdbc(c -> {
            java.util.Map<String, Long> out = new java.util.HashMap<>();
            try (java.sql.Statement s = c.createStatement();
                    java.sql.ResultSet r = s.executeQuery("SELECT procedure_code, COUNT(*) FROM dossier GROUP BY procedure_code")) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
            return out;
        });
    }

    public Optional<DossierDetails> find(String code) {
        return cache.read(em -> {
            List<DossierEntity> found = em.createQuery("SELECT d FROM DossierEntity d WHERE d.code = :c", DossierEntity.class)
                    .setParameter("c", code).getResultList();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            DossierEntity d = found.get(0);
            ProcedureEntity p = procedure(em, d.procedureCode, d.procedureVersion);
            List<DossierDetails.Event> events = new ArrayList<>();
            d.events.forEach(e -> events.add(new DossierDetails.Event(e.seq, e.action, e.fromStatus, e.toStatus, e.actor, e.actorRole,
                    e.workstation, e.at, e.reason, e.form)));
            return Optional.of(new DossierDetails(d.code, d.agencyCode, d.procedureCode, d.procedureVersion,
                    p == null ? "" : p.name, p == null ? "" : p.fieldName, d.rulePack, d.channel, d.applicantKind, d.applicantName,
                    d.applicantIdNumber, d.applicantBirth, d.applicantPhone, d.applicantEmail, d.applicantAddress, d.status,
                    d.receivedAt, d.dueAt, d.assignee, List.copyOf(events)));
        });
    }

    private static ProcedureEntity procedure(EntityManager em, String code, int version) {
        List<ProcedureEntity> l = em.createQuery("SELECT p FROM ProcedureEntity p WHERE p.code = :c AND p.version = :v", ProcedureEntity.class)
                .setParameter("c", code).setParameter("v", version).getResultList();
        return l.isEmpty() ? null : l.get(0);
    }

}
