package vn.motcua.store;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import vn.motcua.core.model.Dossier;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.SyncEquality;

/**
 * Brings a cache that came back older than its journal up to it, when the cache opens: every journaled change the
 * cache lacks (sequence above the cache's {@code journal.seq}) is written again, in order, each in its own transaction —
 * the dossier as it was right after the change, its outbox command with its original mutation id (the server answers a
 * change it already applied as a duplicate), its number among the issued ones, its documents, and an audit entry.
 * Then the journal is trimmed to what only this workstation knows.
 */
final class JournalReplay {
    private static final System.Logger LOG = System.getLogger(JournalReplay.class.getName());
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private final LocalCache cache;
    private long cacheSeq;
    private final Set<Long> failed = new HashSet<>();

    JournalReplay(LocalCache cache) {
        this.cache = cache;
    }

    /** The cache's sequence after the replay. */
    long cacheSeq() {
        return cacheSeq;
    }

    JournalRecovery run(ChangeJournal.Reading reading) {
        // Plain JDBC: a cache that holds its journal (nearly always) opens without waiting for EclipseLink.
        long before = jdbc("SELECT state_value FROM sync_state WHERE name = '" + SyncLedger.JOURNAL_SEQ + "'", r -> r.next() ? Long.parseLong(r.getString(1)) : 0L);
        cacheSeq = before;
        long journalSeq = reading.baseSeq();
        for (ChangeJournal.Record e : reading.records()) {
            journalSeq = Math.max(journalSeq, e.seq());
        }
        List<String> restored = new ArrayList<>();
        List<String> notRestored = new ArrayList<>();
        for (ChangeJournal.Record rec : reading.records()) {
            if (rec.seq() <= cacheSeq) {
                continue;
            }
            String what = (rec.action() == null ? "DOCUMENT" : rec.action()) + " " + rec.dossierCode();
            try {
                ChangeJournal.Entry e = cache.journal().entry(rec);
                cache.inTransaction(em -> {
                    replay(em, e);
                    SyncLedger.put(em, SyncLedger.JOURNAL_SEQ, Long.toString(e.seq()));
                    return null;
                });
                restored.add(what);
            } catch (IOException | RuntimeException x) {
                LOG.log(System.Logger.Level.ERROR, "Cannot restore change " + rec.seq() + " (" + what + ") from the journal", x);
                notRestored.add(what + ": " + x.getMessage());
                failed.add(rec.seq());
            }
            cacheSeq = Math.max(cacheSeq, rec.seq());
        }
        JournalRecovery r = new JournalRecovery(before, journalSeq, reading.baseSeq(), List.copyOf(restored), List.copyOf(notRestored),
                reading.ignoredBytes(), reading.keptAside());
        if (!r.clean()) {
            LOG.log(System.Logger.Level.WARNING, "The cache in {0} came back older than its journal of acknowledged changes "
                    + "(cache at change {1}, journal at {2}); restored from the journal: {3}; not restored: {4}; unreadable journal bytes: {5}",
                    cache.dataDir(), Long.toString(before), Long.toString(journalSeq), restored, notRestored, Long.toString(reading.ignoredBytes()));
        }
        trim(reading);
        return r;
    }

    @FunctionalInterface
    private interface Rows<T> {
        T read(java.sql.ResultSet r) throws java.sql.SQLException;
    }

    private <T> T jdbc(String sql, Rows<T> rows) {
        try (java.sql.Connection c = cache.connection(); java.sql.Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(sql)) {
            return rows.read(r);
        } catch (java.sql.SQLException x) {
            throw new IllegalStateException(x);
        }
    }

    private Set<String> strings(String sql) {
        return jdbc(sql, r -> {
            Set<String> out = new HashSet<>();
            while (r.next()) {
                out.add(r.getString(1));
            }
            return out;
        });
    }

    private void replay(EntityManager em, ChangeJournal.Entry e) {
        String workstation = "";
        if (e.command() != null) {
            PushCommand c = parse(e.command());
            workstation = c.event().workstationId();
            if (!settled(em, c.mutationId()) && !holds(em, c)) {
                // The dossier as it was right after the change; local events beyond a common start are replaced.
                JpaDossierRepository.replaceFromServer(em, List.of(c.after()), cache.dossierListMemory());
                if (!inOutbox(em, c.mutationId())) {
                    SyncLedger.enqueue(em, c, e.command());
                }
            }
            JdbcNumberBlockStore.issued(em, c.dossierCode(), workstation);
        }
        java.time.Instant at = e.at() == null ? java.time.Instant.now() : e.at();
        for (ChangeJournal.Document d : e.documents() == null ? List.<ChangeJournal.Document>of() : e.documents()) {
            DossierDocuments.NewDocument doc = d.toNew(e.dossierCode());
            Number have = (Number) em.createNativeQuery("SELECT COUNT(*) FROM dossier_document WHERE dossier_code = ? AND kind = ? AND sha256 = ?")
                    .setParameter(1, doc.dossierCode()).setParameter(2, doc.kind().name()).setParameter(3, DossierDocuments.sha256(doc.content()))
                    .getSingleResult();
            if (have.longValue() == 0) {
                DossierDocuments.insert(em, doc, at);
            }
        }
        AuditLog.append(em, List.of(new AuditLog.Entry("journal", workstation, "JOURNAL_REPLAY", e.dossierCode(),
                "change=" + e.seq() + "; action=" + (e.action() == null ? "DOCUMENT" : e.action())
                        + (e.mutationId() == null ? "" : "; mutation=" + e.mutationId()))));
    }

    /** The dossier here already has this change (the cache kept it, or a pull brought the server's copy with it). */
    private static boolean holds(EntityManager em, PushCommand c) {
        Optional<Dossier> local = em.createQuery("SELECT d FROM DossierEntity d WHERE d.code = :c", vn.motcua.store.internal.entity.DossierEntity.class)
                .setParameter("c", c.dossierCode()).getResultStream().findFirst().map(vn.motcua.store.internal.Mapping::toModel);
        int i = (int) c.event().sequence() - 1;
        return local.isPresent() && local.get().events().size() > i && SyncEquality.sameEvent(local.get().events().get(i), c.event());
    }

    /** The server refused it and the user was shown the conflict: nothing to restore. */
    private static boolean settled(EntityManager em, String mutationId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM sync_conflict WHERE mutation_id = ?").setParameter(1, mutationId)
                .getSingleResult()).longValue() > 0;
    }

    private static boolean inOutbox(EntityManager em, String mutationId) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM sync_outbox WHERE mutation_id = ?").setParameter(1, mutationId)
                .getSingleResult()).longValue() > 0;
    }

    /**
     * Keeps in the journal what only this workstation knows: changes the server has not answered, documents it does not
     * have, and every change of today and yesterday (their numbers could otherwise be issued again today). The rest is
     * on the server and in the cache.
     */
    private void trim(ChangeJournal.Reading reading) {
        if (reading.records().isEmpty()) {
            return;
        }
        LocalDate since = LocalDate.now(VIETNAM).minusDays(1);
        Set<String> pending = strings("SELECT mutation_id FROM sync_outbox");
        Set<String> unsyncedDocs = strings("SELECT DISTINCT dossier_code FROM dossier_document WHERE synced = FALSE");
        List<ChangeJournal.Record> keep = new ArrayList<>();
        long base = reading.baseSeq();
        int lightened = 0;
        for (ChangeJournal.Record e : reading.records()) {
            boolean recent = e.at() == null || !e.at().atZone(VIETNAM).toLocalDate().isBefore(since);
            boolean unanswered = e.mutationId() != null && pending.contains(e.mutationId());
            boolean documents = e.documents() && unsyncedDocs.contains(e.dossierCode());
            if (recent || unanswered || documents || failed.contains(e.seq())) {
                keep.add(e);
                if (e.documents() && !documents && !unanswered && !failed.contains(e.seq())) {
                    lightened++;
                }
            } else {
                base = Math.max(base, e.seq());
            }
        }
        if (keep.size() == reading.records().size() && lightened == 0) {
            return;
        }
        try {
            // The bytes of documents the server has go; the change itself stays while its number could come up again.
            cache.journal().rewrite(keep, r -> !unsyncedDocs.contains(r.dossierCode()) && !(r.mutationId() != null && pending.contains(r.mutationId()))
                    && !failed.contains(r.seq()), base);
            LOG.log(System.Logger.Level.INFO, "Journal {0}: {1} changes the server has kept, {2} still only here ({3} without their documents)",
                    cache.journal().file(), Integer.toString(reading.records().size() - keep.size()), Integer.toString(keep.size()),
                    Integer.toString(lightened));
        } catch (IOException x) {
            LOG.log(System.Logger.Level.WARNING, "Journal " + cache.journal().file() + " not trimmed (it keeps growing until it is): " + x);
        }
    }

    private PushCommand parse(String json) {
        try {
            return cache.syncJson().read(json, PushCommand.class);
        } catch (IOException x) {
            throw new IllegalStateException("unreadable command in the journal: " + x.getMessage(), x);
        }
    }
}
