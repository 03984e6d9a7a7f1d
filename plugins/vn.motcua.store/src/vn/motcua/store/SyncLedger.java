package vn.motcua.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.SyncJson;

/**
 * The local side of sync kept in the cache (schema 6): the outbox of local changes not yet answered by the
 * server, the pull cursor and sync state, and the conflicts the user has to see. Every method is one
 * transaction, so a crash leaves either the old or the new state (an answered command is removed in the same
 * transaction that records its answer; a pulled page lands together with its cursor).
 */
public final class SyncLedger {
    public static final String CURSOR = "cursor";
    public static final String SERVER_ID = "server.id";
    /** The offline fallback slot the server gave this workstation (see {@link #fallbackSlot()}). */
    public static final String FALLBACK_SLOT = "fallback.slot";
    public static final String LAST_SUCCESS = "last.success";
    public static final String LAST_ERROR = "last.error";
    /** When a round last found changes of this workstation on the server that this cache had lost, and how many. */
    public static final String RESTORED_FROM_SERVER = "restored.from.server";
    /** The sequence of the last journaled change this cache holds (see ChangeJournal). */
    public static final String JOURNAL_SEQ = "journal.seq";

    private final LocalCache cache;

    public SyncLedger(LocalCache cache) {
        this.cache = cache;
    }

    /** Why a change is not sent (schema 12, column {@code held}): written before changes were signed. */
    public static final String HELD_LEGACY = "LEGACY";
    /** Why a change is not sent: written in its actor's name without their signing key unlocked here. */
    public static final String HELD_UNSIGNED = "UNSIGNED";

    /** A local change waiting for the server. */
    public record PendingChange(long id, String mutationId, String dossierCode, long eventSequence, PushCommand command) {
    }

    /**
     * A change that cannot go now: {@code held} ({@link #HELD_LEGACY}, {@link #HELD_UNSIGNED}) when it is not signed, or
     * {@code serverWaiting}, the server's reason while it answers WAITING (the actor's key not enrolled yet).
     */
    public record HeldChange(String mutationId, String dossierCode, String actor, String held, String serverWaiting) {
    }

    /** A refused local change, with what the server has instead. */
    public record Conflict(long id, String mutationId, String dossierCode, String action, String actor, Instant localAt,
            String reason, String serverStatus, String serverLast, Instant recordedAt, boolean acknowledged) {
    }

    /** An outbox row: the command's idempotency key and the command as JSON. */
    record Queued(String mutationId, String payload) {
    }

    /**
     * Writes the outbox command of a local change inside the change's own transaction, signed by its actor's key
     * ({@code signer}, null when the actor has none unlocked here: the row is then held and never sent).
     */
    static Queued enqueue(EntityManager em, SyncJson json, Dossier after, DossierEvent event, UserKey signer) {
        PushCommand command = new PushCommand(UUID.randomUUID().toString(), after.code(), event, after);
        if (signer != null) {
            command = signer.sign(command);
        }
        String payload = json.writeString(command);
        enqueue(em, command, payload);
        return new Queued(command.mutationId(), payload);
    }

    /**
     * The outbox row of {@code command} (a new change, or one restored from the journal with its own mutation id and
     * signature); an unsigned one is held, never sent.
     */
    static void enqueue(EntityManager em, PushCommand command, String payload) {
        em.createNativeQuery("INSERT INTO sync_outbox (mutation_id, dossier_code, event_seq, payload, held) VALUES (?, ?, ?, ?, ?)")
                .setParameter(1, command.mutationId()).setParameter(2, command.dossierCode()).setParameter(3, command.event().sequence())
                .setParameter(4, payload).setParameter(5, command.signature() == null ? HELD_UNSIGNED : null).executeUpdate();
    }

    /** The oldest {@code max} changes that can be sent, in the order they were made. */
    public List<PendingChange> pending(int max) {
        return pending(max, 0);
    }

    /**
     * The oldest {@code max} changes after outbox row {@code afterId} that can be sent: signed, and not behind a held
     * change of the same dossier (they were made on top of it).
     */
    public List<PendingChange> pending(int max, long afterId) {
        return changes("SELECT id, mutation_id, dossier_code, event_seq, payload FROM sync_outbox o WHERE o.held IS NULL AND o.id > ?"
                + " AND NOT EXISTS (SELECT 1 FROM sync_outbox h WHERE h.dossier_code = o.dossier_code AND h.held IS NOT NULL"
                + " AND h.id < o.id) ORDER BY o.id", afterId, max);
    }

    /** Every outbox row, held ones included, oldest first (a training exercise turns one into a conflict). */
    public List<PendingChange> outbox(int max) {
        return changes("SELECT id, mutation_id, dossier_code, event_seq, payload FROM sync_outbox WHERE id > ? ORDER BY id", 0L, max);
    }

    private List<PendingChange> changes(String sql, long afterId, int max) {
        return cache.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, afterId).setMaxResults(max).getResultList();
            List<PendingChange> out = new ArrayList<>();
            for (Object[] r : rows) {
                out.add(new PendingChange(((Number) r[0]).longValue(), (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                        parse(clob(r[4]))));
            }
            return out;
        });
    }

    /** Every local change the server has not answered, held ones included. */
    public long pendingCount() {
        return cache.read(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM sync_outbox").getSingleResult()).longValue());
    }

    /** The changes that cannot go now (not signed, or the server waits for their actor's key), oldest first. */
    public List<HeldChange> held() {
        return held(1000);
    }

    /** The oldest {@code max} changes that cannot go now. */
    public List<HeldChange> held(int max) {
        return cache.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT mutation_id, dossier_code, payload, held, waiting FROM sync_outbox"
                    + " WHERE held IS NOT NULL OR waiting IS NOT NULL ORDER BY id").setMaxResults(max).getResultList();
            List<HeldChange> out = new ArrayList<>();
            for (Object[] r : rows) {
                out.add(new HeldChange((String) r[0], (String) r[1], parse(clob(r[2])).event().actorUsername(), (String) r[3], (String) r[4]));
            }
            return out;
        });
    }

    /** How many changes cannot go now. */
    public long heldCount() {
        return cache.read(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM sync_outbox WHERE held IS NOT NULL OR waiting IS NOT NULL")
                .getSingleResult()).longValue());
    }

    /** The server answered WAITING for this change: it stays, with the server's reason for the status bar. */
    public void waiting(String mutationId, String reason) {
        cache.inTransaction(em -> em.createNativeQuery("UPDATE sync_outbox SET waiting = ? WHERE mutation_id = ?")
                .setParameter(1, reason == null ? "" : cut(reason)).setParameter(2, mutationId).executeUpdate());
    }

    /**
     * Signs, with the key just made at its user's login, that user's changes written here before changes were signed
     * (schema 12 marked them {@link #HELD_LEGACY}); one transaction, recorded in the audit log.
     *
     * @return how many were signed
     */
    public int signLegacy(UserKey key) {
        return cache.inTransaction(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT id, payload FROM sync_outbox WHERE held = ? ORDER BY id").setParameter(1, HELD_LEGACY)
                    .getResultList();
            int signed = 0;
            for (Object[] r : rows) {
                PushCommand c = parse(clob(r[1]));
                if (c.event() == null || !key.username().equals(c.event().actorUsername())) {
                    continue;
                }
                em.createNativeQuery("UPDATE sync_outbox SET payload = ?, held = NULL WHERE id = ?")
                        .setParameter(1, cache.syncJson().writeString(key.sign(new PushCommand(c.mutationId(), c.dossierCode(), c.event(), c.after()))))
                        .setParameter(2, r[0]).executeUpdate();
                signed++;
            }
            if (signed > 0) {
                AuditLog.append(em, List.of(new AuditLog.Entry(key.username(), key.workstationId(), "SIGNED_LEGACY", "",
                        "changes=" + signed + "; key=" + key.keyId())));
            }
            return signed;
        });
    }

    /** Whether the dossier has local changes the server has not answered yet. */
    public boolean hasPending(String dossierCode) {
        return cache.read(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM sync_outbox WHERE dossier_code = ?")
                .setParameter(1, dossierCode).getSingleResult()).longValue() > 0);
    }

    /** The server applied (or had already applied) these changes: they leave the outbox. */
    public void applied(List<String> mutationIds) {
        if (mutationIds.isEmpty()) {
            return;
        }
        cache.inTransaction(em -> {
            for (String id : mutationIds) {
                em.createNativeQuery("DELETE FROM sync_outbox WHERE mutation_id = ?").setParameter(1, id).executeUpdate();
            }
            return null;
        });
    }

    /**
     * The server refused {@code change}: it and every later pending change of the same dossier (they were made on
     * top of it) become conflicts, and the local dossier is replaced by the server's ({@code current}; removed
     * from the outbox but kept locally when the server has none). One transaction.
     */
    public void refused(PendingChange change, String reason, Dossier current) {
        cache.inTransaction(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery(
                    "SELECT id, mutation_id, payload FROM sync_outbox WHERE dossier_code = ? AND id >= ? ORDER BY id")
                    .setParameter(1, change.dossierCode()).setParameter(2, change.id()).getResultList();
            String serverStatus = current == null ? null : current.status().name();
            String serverLast = current == null ? null : current.lastEvent().map(SyncLedger::describe).orElse(null);
            boolean first = true;
            for (Object[] r : rows) {
                PushCommand c = parse(clob(r[2]));
                String why = first ? reason : "follows a refused change " + change.mutationId() + ": " + reason;
                first = false;
                em.createNativeQuery("INSERT INTO sync_conflict (mutation_id, dossier_code, action, actor, local_at, reason, server_status, server_last) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)").setParameter(1, r[1]).setParameter(2, change.dossierCode())
                        .setParameter(3, c.event().action().name()).setParameter(4, c.event().actorUsername())
                        .setParameter(5, Timestamp.from(c.event().at())).setParameter(6, cut(why)).setParameter(7, serverStatus)
                        .setParameter(8, serverLast == null ? null : cut(serverLast)).executeUpdate();
                em.createNativeQuery("DELETE FROM sync_outbox WHERE id = ?").setParameter(1, r[0]).executeUpdate();
            }
            if (current != null) {
                JpaDossierRepository.replaceFromServer(em, List.of(current), cache.dossierListMemory());
            }
            AuditLog.append(em, List.of(new AuditLog.Entry("sync", "", "SYNC_CONFLICT", change.dossierCode(),
                    "mutation=" + change.mutationId() + "; refused=" + rows.size() + "; server_status=" + serverStatus)));
            return null;
        });
    }

    /**
     * Applies a pulled page and moves the cursor, in one transaction. Dossiers with unanswered local changes are
     * left as they are: the answer to the push settles them (applied → a later page brings the merged state;
     * refused → {@link #refused} installs the server's copy).
     *
     * @return how many dossiers were written
     */
    public int applyPulled(List<Dossier> dossiers, long cursor, String serverId) {
        if (dossiers.isEmpty() && cursor == cursor() && state(SERVER_ID).map(serverId::equals).orElse(false)) {
            return 0; // an empty page at the same place: nothing to commit (every commit grows the file)
        }
        int written = cache.inTransaction(em -> {
            @SuppressWarnings("unchecked")
            java.util.Set<String> pendingCodes = new java.util.HashSet<>(
                    em.createNativeQuery("SELECT DISTINCT dossier_code FROM sync_outbox").getResultList());
            List<Dossier> apply = dossiers.stream().filter(d -> !pendingCodes.contains(d.code())).toList();
            long before = cursorIn(em);
            JpaDossierRepository.replaceFromServer(em, apply, cache.dossierListMemory());
            put(em, CURSOR, Long.toString(cursor));
            put(em, SERVER_ID, serverId);
            if (!dossiers.isEmpty()) {
                AuditLog.append(em, List.of(new AuditLog.Entry("sync", serverId, "SYNC_PULL", "",
                        "cursor=" + before + "->" + cursor + "; dossiers=" + apply.size() + "; kept_local=" + (dossiers.size() - apply.size()))));
            }
            return apply.size();
        });
        // A first sync is a bulk load: enough of it makes close() compact the file.
        cache.bulkWritten(written);
        return written;
    }

    /**
     * This workstation's slot of the offline number slices, as the server assigned it with a number block (unique in
     * the agency). A workstation that was never told one is alone — no server, or not yet synced since its online
     * first login — and uses slot 1.
     */
    public int fallbackSlot() {
        return state(FALLBACK_SLOT).map(s -> s.equals(SLOT_UNASSIGNED) ? 0 : Integer.parseInt(s)).orElse(1);
    }

    public boolean knowsFallbackSlot() {
        return state(FALLBACK_SLOT).filter(s -> !s.equals(SLOT_UNASSIGNED)).isPresent();
    }

    private static final String SLOT_UNASSIGNED = "unassigned";

    /**
     * This data folder took a new workstation identity (it was copied from another PC): the slot it knew is the other
     * PC's. Until the server gives the new identity its own slot, offline numbers come from reserved blocks only.
     */
    public void forgetFallbackSlot() {
        state(FALLBACK_SLOT, SLOT_UNASSIGNED);
    }

    public long cursor() {
        return cache.read(SyncLedger::cursorIn);
    }

    private static long cursorIn(EntityManager em) {
        return get(em, CURSOR).map(Long::parseLong).orElse(0L);
    }

    public Optional<String> state(String name) {
        return cache.read(em -> get(em, name));
    }

    /** Records a state value (last success, last error…) in its own transaction; nothing is written when it is unchanged. */
    public void state(String name, String value) {
        if (java.util.Objects.equals(state(name).orElse(null), value)) {
            return;
        }
        cache.inTransaction(em -> {
            if (value == null) {
                em.createNativeQuery("DELETE FROM sync_state WHERE name = ?").setParameter(1, name).executeUpdate();
            } else {
                put(em, name, value);
            }
            return null;
        });
    }

    /** Forgets the cursor (a new server, or the server says the cursor is too old): the next pull starts over. */
    public void resetCursor(String serverId) {
        cache.inTransaction(em -> {
            put(em, CURSOR, "0");
            put(em, SERVER_ID, serverId);
            return null;
        });
    }

    public List<Conflict> conflicts(boolean includeAcknowledged) {
        return cache.read(em -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("SELECT id, mutation_id, dossier_code, action, actor, local_at, reason, server_status, "
                    + "server_last, recorded_at, acknowledged FROM sync_conflict" + (includeAcknowledged ? "" : " WHERE acknowledged = FALSE")
                    + " ORDER BY id").getResultList();
            List<Conflict> out = new ArrayList<>();
            for (Object[] r : rows) {
                out.add(new Conflict(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], (String) r[4], instant(r[5]),
                        (String) r[6], (String) r[7], (String) r[8], instant(r[9]), Boolean.TRUE.equals(r[10])));
            }
            return out;
        });
    }

    public void acknowledge(long conflictId) {
        cache.inTransaction(em -> em.createNativeQuery("UPDATE sync_conflict SET acknowledged = TRUE WHERE id = ?")
                .setParameter(1, conflictId).executeUpdate());
    }

    static Optional<String> get(EntityManager em, String name) {
        @SuppressWarnings("unchecked")
        List<Object> r = em.createNativeQuery("SELECT state_value FROM sync_state WHERE name = ?").setParameter(1, name).getResultList();
        return r.isEmpty() ? Optional.empty() : Optional.of((String) r.get(0));
    }

    static void put(EntityManager em, String name, String value) {
        em.createNativeQuery("MERGE INTO sync_state (name, state_value) KEY (name) VALUES (?, ?)").setParameter(1, name)
                .setParameter(2, value).executeUpdate();
    }

    private static String describe(DossierEvent e) {
        return e.action().name() + " by " + e.actorUsername() + " at " + e.at()
                + (e.reason() == null || e.reason().isEmpty() ? "" : ": " + e.reason());
    }

    private static String cut(String s) {
        return s.length() > 4000 ? s.substring(0, 4000) : s;
    }

    private PushCommand parse(String json) {
        try {
            return cache.syncJson().read(json, PushCommand.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable outbox row", e);
        }
    }

    private static String clob(Object o) {
        try {
            return o instanceof java.sql.Clob c ? c.getSubString(1, (int) c.length()) : (String) o;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        if (o instanceof Timestamp t) {
            return t.toInstant();
        }
        return Instant.parse(o.toString());
    }
}
