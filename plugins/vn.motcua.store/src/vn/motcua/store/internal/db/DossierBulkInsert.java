package vn.motcua.store.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.store.internal.Mapping;
import vn.motcua.store.internal.entity.DossierEntity;
import vn.motcua.store.internal.entity.DossierEventEntity;
import vn.motcua.store.internal.entity.FeePaymentRow;
import vn.motcua.store.internal.entity.ReceivedPaperRow;

/**
 * Writes new dossiers with their whole history in plain JDBC batches, in the caller's transaction: the path of
 * bulk loads (first sync, demo data, benchmarks), where EclipseLink's unit of work (change tracking, one
 * statement per row and collection, existence checks) cost several times the rows' own writing.
 *
 * <p>The rows are exactly those the entities map to: {@link Mapping#fill(DossierEntity, Dossier, String)}
 * computes them, so both paths store the same thing. Ids come from the same {@code id_sequence} rows that
 * EclipseLink's table generators use, reserved in one step ({@code next_value} holds the last id handed out,
 * as EclipseLink keeps it), so later inserts through EclipseLink never collide with these.
 */
public final class DossierBulkInsert {
    private static final String DOSSIER_INSERT = "INSERT INTO dossier (id, code, agency_code, procedure_code, procedure_version, rule_pack, channel,"
            + " applicant_kind, applicant_name, applicant_id_number, applicant_birth, applicant_phone, applicant_email, applicant_address,"
            + " applicant_representative, status, received_at, due_at, assignee, search_text, row_version, delivery_method, delivery_address,"
            + " delivered_at, delivery_recipient, delivery_satisfaction, finished_at, lookup_secret_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String EVENT_INSERT = "INSERT INTO dossier_event (id, dossier_id, seq, assignee, new_due_at, target_agency, action,"
            + " from_status, to_status, actor, actor_role, workstation, at, reason, form) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String PAPER_INSERT = "INSERT INTO received_paper (dossier_id, position, doc_id, copies, kind, digitised, reused,"
            + " from_national_store) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FEE_INSERT = "INSERT INTO fee_payment (dossier_id, position, name, amount_vnd, paid_at, receipt_number, paid_online)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String TOKEN_INSERT = "INSERT INTO dossier_search_token (token, dossier_id) VALUES (?, ?)";
    /** Rows per JDBC batch: large enough to amortise the round trips, small enough to keep the batch's memory low. */
    private static final int BATCH = 1_000;

    private DossierBulkInsert() {
    }

    /**
     * Inserts {@code dossiers}, none of which may be in the cache yet.
     *
     * @param procedureNames procedure names keyed "code/version", for the search index
     * @param written        told each new dossier's entity and id (for the in-memory search tokens)
     */
    public static void insert(Connection c, List<Dossier> dossiers, Map<String, String> procedureNames,
            java.util.function.ObjLongConsumer<DossierEntity> written) throws SQLException {
        if (dossiers.isEmpty()) {
            return;
        }
        long dossierId = reserve(c, "dossier", dossiers.size());
        long eventId = reserve(c, "dossier_event", dossiers.stream().mapToLong(d -> d.events().size()).sum());
        record Token(String token, long dossierId) {
        }
        List<Token> tokens = new ArrayList<>();
        try (PreparedStatement dossier = c.prepareStatement(DOSSIER_INSERT); PreparedStatement event = c.prepareStatement(EVENT_INSERT);
                PreparedStatement paper = c.prepareStatement(PAPER_INSERT); PreparedStatement fee = c.prepareStatement(FEE_INSERT)) {
            Batches batches = new Batches(dossier, event, paper, fee);
            for (Dossier d : dossiers) {
                long id = dossierId++;
                DossierEntity e = new DossierEntity();
                Mapping.fill(e, d, procedureNames.getOrDefault(d.procedureCode() + "/" + d.procedureVersion(), ""));
                bindDossier(dossier, id, e);
                batches.add(dossier);
                for (DossierEvent ev : d.events()) {
                    bindEvent(event, eventId++, id, Mapping.toEntity(ev, e));
                    batches.add(event);
                }
                int position = 0;
                for (ReceivedPaperRow r : e.papers) {
                    paper.setLong(1, id);
                    paper.setInt(2, position++);
                    paper.setString(3, r.docId);
                    paper.setInt(4, r.copies);
                    paper.setString(5, r.kind);
                    paper.setBoolean(6, r.digitised);
                    paper.setBoolean(7, r.reused);
                    paper.setBoolean(8, r.fromNationalStore);
                    batches.add(paper);
                }
                position = 0;
                for (FeePaymentRow r : e.feesPaid) {
                    fee.setLong(1, id);
                    fee.setInt(2, position++);
                    fee.setString(3, r.name);
                    fee.setLong(4, r.amountVnd);
                    fee.setObject(5, utc(r.paidAt));
                    fee.setString(6, r.receiptNumber);
                    fee.setBoolean(7, r.online);
                    batches.add(fee);
                }
                for (String t : e.searchTokens) {
                    tokens.add(new Token(t, id));
                }
                written.accept(e, id);
            }
            batches.flush();
        }
        // In key order: the token index's pages then fill one after the other instead of all at once.
        tokens.sort(Comparator.comparing(Token::token).thenComparingLong(Token::dossierId));
        try (PreparedStatement token = c.prepareStatement(TOKEN_INSERT)) {
            Batches batches = new Batches(token);
            for (Token t : tokens) {
                token.setString(1, t.token());
                token.setLong(2, t.dossierId());
                batches.add(token);
            }
            batches.flush();
        }
    }

    /** Takes {@code n} ids of sequence {@code name}; returns the first (the others follow it). */
    static long reserve(Connection c, String name, long n) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE id_sequence SET next_value = next_value + ? WHERE name = ?")) {
            up.setLong(1, n);
            up.setString(2, name);
            if (up.executeUpdate() != 1) {
                throw new SQLException("No id sequence '" + name + "'");
            }
        }
        try (PreparedStatement q = c.prepareStatement("SELECT next_value FROM id_sequence WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getLong(1) - n + 1;
            }
        }
    }

    private static void bindDossier(PreparedStatement p, long id, DossierEntity e) throws SQLException {
        p.setLong(1, id);
        p.setString(2, e.code);
        p.setString(3, e.agencyCode);
        p.setString(4, e.procedureCode);
        p.setInt(5, e.procedureVersion);
        p.setString(6, e.rulePack);
        p.setString(7, e.channel);
        p.setString(8, e.applicantKind);
        p.setString(9, e.applicantName);
        p.setString(10, e.applicantIdNumber);
        if (e.applicantBirth == null) {
            p.setNull(11, Types.DATE);
        } else {
            p.setObject(11, e.applicantBirth);
        }
        p.setString(12, e.applicantPhone);
        p.setString(13, e.applicantEmail);
        p.setString(14, e.applicantAddress);
        p.setString(15, e.applicantRepresentative);
        p.setString(16, e.status);
        p.setObject(17, utc(e.receivedAt));
        p.setObject(18, utc(e.dueAt));
        p.setString(19, e.assignee);
        p.setString(20, e.searchText);
        // EclipseLink's first value of a @Version column.
        p.setLong(21, 1);
        p.setString(22, e.deliveryMethod);
        p.setString(23, e.deliveryAddress);
        p.setObject(24, utc(e.deliveredAt));
        p.setString(25, e.deliveryRecipient);
        p.setString(26, e.deliverySatisfaction);
        p.setObject(27, utc(e.finishedAt));
        p.setString(28, e.lookupSecretHash);
    }

    private static void bindEvent(PreparedStatement p, long id, long dossierId, DossierEventEntity e) throws SQLException {
        p.setLong(1, id);
        p.setLong(2, dossierId);
        p.setInt(3, e.seq);
        p.setString(4, e.assignee);
        p.setObject(5, utc(e.newDueAt));
        p.setString(6, e.targetAgency);
        p.setString(7, e.action);
        p.setString(8, e.fromStatus);
        p.setString(9, e.toStatus);
        p.setString(10, e.actor);
        p.setString(11, e.actorRole);
        p.setString(12, e.workstation);
        p.setObject(13, utc(e.at));
        p.setString(14, e.reason);
        p.setString(15, e.form);
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        // The same value InstantConverter writes for the entities.
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    /** Statements filled row by row, executed together (parents first) when one holds {@link #BATCH} rows, and at the end. */
    private static final class Batches {
        private final PreparedStatement[] statements;
        private final int[] pending;

        Batches(PreparedStatement... statements) {
            this.statements = statements;
            this.pending = new int[statements.length];
        }

        void add(PreparedStatement p) throws SQLException {
            p.addBatch();
            for (int i = 0; i < statements.length; i++) {
                if (statements[i] == p && ++pending[i] >= BATCH) {
                    // All of them, in the order given: a child row's batch never runs before its parent's.
                    flush();
                    return;
                }
            }
        }

        void flush() throws SQLException {
            for (int i = 0; i < statements.length; i++) {
                if (pending[i] > 0) {
                    statements[i].executeBatch();
                    pending[i] = 0;
                }
            }
        }
    }
}
