package vn.motcua.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import vn.motcua.core.model.Channel;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.OnlineLevel;

/**
 * The reports' read model. Reads the facts of the dossiers a period's report counts — received in it, or received earlier and not finished
 * before it started — in a handful of indexed queries (reception date; end of processing, schema 9) and then their
 * events, papers, documents and fees in chunks, so a province-year report over a large cache never loads dossiers
 * as objects.
 */
public final class ReportFacts {
    private static final int CHUNK = 1_000;
    private static final String SELECT = "SELECT d.id, d.code, d.procedure_code, p.name, p.field_name, d.channel, d.status, d.applicant_name,"
            + " d.assignee, d.received_at, d.due_at, d.finished_at, pc.fee_vnd, d.delivery_satisfaction"
            + " FROM dossier d LEFT JOIN procedure_def p ON p.code = d.procedure_code AND p.version = d.procedure_version"
            + " LEFT JOIN procedure_channel pc ON pc.procedure_id = p.id AND pc.channel = d.channel WHERE ";

    private static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");
    private final LocalCache cache;

    public ReportFacts(LocalCache cache) {
        this.cache = cache;
    }

    /** Time a dossier waited for the applicant's papers (end null = still waiting). */
    public record Pause(Instant from, Instant to) {
    }

    /**
     * What a report needs of one dossier.
     *
     * @param appointment the due time given at reception (null without one, or when extended and not recorded)
     * @param finishedAt  end of processing as the national index counts it, null while open
     * @param feeVnd      fees recorded as paid, or the procedure's fee for the dossier's channel when none is recorded
     */
    public record DossierFact(String code, String procedureCode, String procedureName, String field, Channel channel, DossierStatus status,
            String applicantName, String assignee, Instant receivedAt, Instant appointment, Instant dueAt, Instant finishedAt,
            List<Pause> supplementPauses, boolean extended, boolean digitised, boolean reused, boolean fromNationalStore,
            boolean electronicResult, long feeVnd, boolean paidOnline, boolean dissatisfied) {
    }

    /** An active procedure of the catalogue (newest version), for the online-service indicators. */
    public record CatalogueEntry(String code, String name, OnlineLevel onlineLevel) {
    }

    /**
     * The facts of the dossiers of {@code agencyCode} (null: every agency in the cache) a report of the period
     * [{@code start}, {@code end}) counts.
     */
    public List<DossierFact> dossiers(Instant start, Instant end, String agencyCode) {
        try (Connection c = cache.connection()) {
            return read(c, start, end, agencyCode);
        } catch (SQLException e) {
            throw new IllegalStateException("The report could not be read from the cache: " + e.getMessage(), e);
        }
    }

    /** The newest version of every active procedure, by code. */
    public List<CatalogueEntry> catalogue() {
        try (Connection c = cache.connection()) {
            return procedures(c);
        } catch (SQLException e) {
            throw new IllegalStateException("The catalogue could not be read from the cache: " + e.getMessage(), e);
        }
    }

    private static final class Row {
        long id;
        String code;
        String procedureCode;
        String procedureName;
        String field;
        Channel channel;
        DossierStatus status;
        String applicant;
        String assignee;
        Instant receivedAt;
        Instant dueAt;
        Instant finishedAt;
        long procedureFee;
        Instant appointment;
        boolean extended;
        final List<Pause> pauses = new ArrayList<>();
        boolean digitised;
        boolean reused;
        boolean nationalStore;
        boolean electronicResult;
        long paid;
        boolean paidOnline;
        boolean dissatisfied;
    }

    /** The facts of the dossiers of {@code agencyCode} (null: every agency in the cache) that {@code period} counts. */
    private static List<DossierFact> read(Connection c, Instant start, Instant end, String agencyCode) throws SQLException {
        Map<Long, Row> rows = new LinkedHashMap<>();
        String agency = agencyCode == null ? "" : " AND d.agency_code = ?";
        select(c, SELECT + "d.received_at >= ? AND d.received_at < ?" + agency, rows, start, end, agencyCode);
        select(c, SELECT + "d.finished_at >= ? AND d.received_at < ?" + agency, rows, start, start, agencyCode);
        select(c, SELECT + "d.finished_at IS NULL AND d.received_at < ?" + agency, rows, null, start, agencyCode);
        List<Long> ids = new ArrayList<>(rows.keySet());
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<Long> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            events(c, chunk, rows);
            papers(c, chunk, rows);
            documents(c, chunk, rows);
            fees(c, chunk, rows);
        }
        List<DossierFact> out = new ArrayList<>(rows.size());
        for (Row r : rows.values()) {
            Instant appointment = r.appointment != null ? r.appointment : r.extended ? null : r.dueAt;
            out.add(new DossierFact(r.code, r.procedureCode, r.procedureName, r.field, r.channel, r.status, r.applicant, r.assignee,
                    r.receivedAt, appointment, r.dueAt, r.finishedAt, List.copyOf(r.pauses), r.extended, r.digitised, r.reused, r.nationalStore,
                    r.electronicResult, r.paid > 0 ? r.paid : r.procedureFee, r.paidOnline, r.dissatisfied));
        }
        return out;
    }

    private static void select(Connection c, String sql, Map<Long, Row> rows, Instant a, Instant b, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            if (a != null) {
                s.setObject(i++, OffsetDateTime.ofInstant(a, VIETNAM));
            }
            s.setObject(i++, OffsetDateTime.ofInstant(b, VIETNAM));
            if (agency != null) {
                s.setString(i, agency);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Row x = new Row();
                    x.id = r.getLong(1);
                    x.code = r.getString(2);
                    x.procedureCode = r.getString(3);
                    x.procedureName = r.getString(4);
                    x.field = r.getString(5);
                    x.channel = Channel.valueOf(r.getString(6));
                    x.status = DossierStatus.valueOf(r.getString(7));
                    x.applicant = r.getString(8);
                    x.assignee = r.getString(9);
                    x.receivedAt = instant(r, 10);
                    x.dueAt = instant(r, 11);
                    x.finishedAt = instant(r, 12);
                    x.procedureFee = r.getLong(13);
                    x.dissatisfied = "DISSATISFIED".equals(r.getString(14));
                    rows.putIfAbsent(x.id, x);
                }
            }
        }
    }

    private static void events(Connection c, List<Long> ids, Map<Long, Row> rows) throws SQLException {
        String sql = "SELECT dossier_id, action, at, new_due_at FROM dossier_event WHERE dossier_id IN (" + list(ids)
                + ") AND action IN ('RECEIVE', 'REQUEST_SUPPLEMENT', 'RECEIVE_SUPPLEMENT', 'EXTEND') ORDER BY dossier_id, seq";
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Row x = rows.get(r.getLong(1));
                Instant at = instant(r, 3);
                switch (r.getString(2)) {
                    case "RECEIVE" -> {
                        if (x.appointment == null) {
                            x.appointment = instant(r, 4);
                        }
                    }
                    case "REQUEST_SUPPLEMENT" -> x.pauses.add(new Pause(at, null));
                    case "RECEIVE_SUPPLEMENT" -> {
                        int last = x.pauses.size() - 1;
                        if (last >= 0 && x.pauses.get(last).to() == null) {
                            x.pauses.set(last, new Pause(x.pauses.get(last).from(), at));
                        }
                    }
                    case "EXTEND" -> x.extended = true;
                    default -> {
                    }
                }
            }
        }
    }

    private static void papers(Connection c, List<Long> ids, Map<Long, Row> rows) throws SQLException {
        String sql = "SELECT dossier_id, MAX(CASE WHEN digitised THEN 1 ELSE 0 END), MAX(CASE WHEN reused THEN 1 ELSE 0 END),"
                + " MAX(CASE WHEN from_national_store THEN 1 ELSE 0 END) FROM received_paper WHERE dossier_id IN (" + list(ids)
                + ") GROUP BY dossier_id";
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Row x = rows.get(r.getLong(1));
                x.digitised |= r.getInt(2) == 1;
                x.reused = r.getInt(3) == 1;
                x.nationalStore = r.getInt(4) == 1;
            }
        }
    }

    private static void documents(Connection c, List<Long> ids, Map<Long, Row> rows) throws SQLException {
        Map<String, Row> byCode = new HashMap<>();
        StringBuilder in = new StringBuilder();
        for (Long id : ids) {
            Row x = rows.get(id);
            byCode.put(x.code, x);
            in.append(in.isEmpty() ? "?" : ", ?");
        }
        String sql = "SELECT DISTINCT dossier_code, kind FROM dossier_document WHERE dossier_code IN (" + in + ")";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            for (Long id : ids) {
                s.setString(i++, rows.get(id).code);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Row x = byCode.get(r.getString(1));
                    switch (r.getString(2)) {
                        case "ATTACHMENT" -> x.digitised = true;
                        case "SIGNED_RESULT", "ISSUED_RESULT" -> x.electronicResult = true;
                        default -> {
                        }
                    }
                }
            }
        }
    }

    private static void fees(Connection c, List<Long> ids, Map<Long, Row> rows) throws SQLException {
        String sql = "SELECT dossier_id, SUM(amount_vnd), MAX(CASE WHEN paid_online THEN 1 ELSE 0 END) FROM fee_payment WHERE dossier_id IN ("
                + list(ids) + ") GROUP BY dossier_id";
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                Row x = rows.get(r.getLong(1));
                x.paid = r.getLong(2);
                x.paidOnline = r.getInt(3) == 1;
            }
        }
    }

    /** Catalogue facts for the online-service indicators: the newest version of every active procedure. */
    private static List<CatalogueEntry> procedures(Connection c) throws SQLException {
        String sql = "SELECT p.code, p.name, p.online_level FROM procedure_def p WHERE p.active"
                + " AND p.version = (SELECT MAX(q.version) FROM procedure_def q WHERE q.code = p.code) ORDER BY p.code";
        List<CatalogueEntry> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.add(new CatalogueEntry(r.getString(1), r.getString(2), OnlineLevel.valueOf(r.getString(3))));
            }
        }
        return out;
    }

    /** Numeric ids only: safe to inline, and one statement per chunk. */
    private static String list(List<Long> ids) {
        StringBuilder b = new StringBuilder();
        for (Long id : ids) {
            b.append(b.isEmpty() ? "" : ",").append(id.longValue());
        }
        return b.toString();
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime t = r.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
