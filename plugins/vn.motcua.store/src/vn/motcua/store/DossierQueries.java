package vn.motcua.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import vn.motcua.core.text.VietnameseText;
import vn.motcua.store.internal.entity.DossierEntity;
import vn.motcua.store.internal.entity.ProcedureEntity;

/** Read side of the dossier list and details. */
public final class DossierQueries {
    private final LocalCache cache;

    DossierQueries(LocalCache cache) {
        this.cache = cache;
    }

    public long count(DossierFilter f) {
        return cache.read(em -> {
            TypedQuery<Long> q = em.createQuery("SELECT COUNT(d) FROM DossierEntity d" + where(f), Long.class);
            bind(q, f);
            return q.getSingleResult();
        });
    }

    /** One page of the list in the filter's order. */
    public List<DossierRow> page(DossierFilter f, int offset, int limit) {
        return cache.read(em -> {
            String jpql = "SELECT NEW vn.motcua.store.DossierRow(d.code, d.applicantName, d.procedureCode, p.name, p.fieldName,"
                    + " d.receivedAt, d.dueAt, d.status, d.assignee) FROM DossierEntity d, ProcedureEntity p"
                    + where(f) + (where(f).isEmpty() ? " WHERE " : " AND ")
                    + "p.code = d.procedureCode AND p.version = d.procedureVersion" + orderBy(f);
            TypedQuery<DossierRow> q = em.createQuery(jpql, DossierRow.class);
            bind(q, f);
            q.setFirstResult(offset);
            q.setMaxResults(limit);
            return q.getResultList();
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

    private static String where(DossierFilter f) {
        List<String> parts = new ArrayList<>();
        if (!VietnameseText.fold(f.text()).isEmpty()) {
            parts.add("d.searchText LIKE :text");
        }
        if (!f.statuses().isEmpty()) {
            parts.add("d.status IN :statuses");
        }
        return parts.isEmpty() ? "" : " WHERE " + String.join(" AND ", parts);
    }

    private static void bind(TypedQuery<?> q, DossierFilter f) {
        String t = VietnameseText.fold(f.text());
        if (!t.isEmpty()) {
            q.setParameter("text", "%" + t.replace("\\", "").replace("%", "").replace("_", "") + "%");
        }
        if (!f.statuses().isEmpty()) {
            q.setParameter("statuses", List.copyOf(f.statuses()));
        }
    }

    private static String orderBy(DossierFilter f) {
        return switch (f.sort()) {
            case RECEIVED_NEWEST -> " ORDER BY d.receivedAt DESC, d.code DESC";
            case DUE_SOONEST -> " ORDER BY d.dueAt ASC, d.code ASC";
            case CODE -> " ORDER BY d.code ASC";
        };
    }
}
