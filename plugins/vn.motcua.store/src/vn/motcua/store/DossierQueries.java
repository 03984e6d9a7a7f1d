package vn.motcua.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import vn.motcua.store.internal.entity.DossierEntity;
import vn.motcua.store.internal.entity.ProcedureEntity;
import vn.motcua.store.internal.search.DossierSearchSql;
import vn.motcua.store.internal.search.DossierSearchSql.Sql;
import vn.motcua.store.internal.search.SearchTokens;

/**
 * Read side of the dossier list and details. The list runs native SQL ({@link DossierSearchSql}) over the
 * token index of V2__search_index_and_audit_log.sql: JPQL cannot express the per-word prefix range scans that keep text
 * search fast on a million dossiers.
 */
public final class DossierQueries {
    private final LocalCache cache;

    DossierQueries(LocalCache cache) {
        this.cache = cache;
    }

    public long count(DossierFilter f) {
        return cache.read(em -> {
            Sql sql = DossierSearchSql.count(f, wordsMostSelectiveFirst(em, f));
            return ((Number) nativeQuery(em, sql).getSingleResult()).longValue();
        });
    }

    /** One page of the list in the filter's order. */
    public List<DossierRow> page(DossierFilter f, int offset, int limit) {
        return cache.read(em -> {
            Sql sql = DossierSearchSql.page(f, wordsMostSelectiveFirst(em, f), offset, limit);
            List<?> rows = nativeQuery(em, sql).getResultList();
            List<DossierRow> out = new ArrayList<>(rows.size());
            for (Object row : rows) {
                Object[] c = (Object[]) row;
                out.add(new DossierRow((String) c[0], (String) c[1], (String) c[2], (String) c[3], (String) c[4], instant(c[5]),
                        instant(c[6]), (String) c[7], (String) c[8]));
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

    private static List<String> wordsMostSelectiveFirst(EntityManager em, DossierFilter f) {
        return DossierSearchSql.mostSelectiveFirst(SearchTokens.queryWords(f.text()),
                sql -> ((Number) nativeQuery(em, sql).getSingleResult()).longValue());
    }

    private static Query nativeQuery(EntityManager em, Sql sql) {
        Query q = em.createNativeQuery(sql.sql());
        for (int i = 0; i < sql.params().size(); i++) {
            q.setParameter(i + 1, sql.params().get(i));
        }
        return q;
    }

    /** TIMESTAMP WITH TIME ZONE as the JDBC driver hands it over. */
    private static Instant instant(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("Unexpected timestamp type " + v.getClass().getName());
    }
}
