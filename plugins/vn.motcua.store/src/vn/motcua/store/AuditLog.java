package vn.motcua.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import vn.motcua.core.i18n.Localizer;
import vn.motcua.store.internal.entity.AuditEntryEntity;

/**
 * The append-only, hash-chained audit log of the cache (table {@code audit_log}). Every row holds the hash of
 * the row before it, and its own hash is {@code SHA-256(canonical(row) + prev_hash)} where canonical(row) is
 * the UTF-8 of
 *
 * <pre>
 * motcua-audit-v1 \n seq \n at \n actor \n workstation \n action \n subject \n details \n
 * </pre>
 *
 * ({@code at} as ISO-8601 UTC with milliseconds, e.g. {@code 2026-11-20T02:00:00.123Z}; in text fields a
 * backslash is written {@code \\} and a line break {@code \n}, so no two rows share a canonical form). Row 1
 * follows 64 zeros. Editing, removing or reordering any row breaks the chain at that row, which
 * {@link #verify()} reports. Removing rows from the end cannot be seen from the chain alone.
 */
public final class AuditLog {
    /** The previous hash of the first row. */
    public static final String GENESIS = "0".repeat(64);
    private static final Localizer TEXT = Localizer.of(AuditLog.class, "messages");

    private final LocalCache cache;

    AuditLog(LocalCache cache) {
        this.cache = cache;
    }

    /** What one row records. */
    public record Entry(String actor, String workstation, String action, String subject, String details) {
    }

    /** What is wrong at the first broken link. */
    public enum Problem {
        /** The row with this sequence number is missing (the next row found carries a later one). */
        MISSING_ROW,
        /** The row does not point at the hash of the row before it: rows removed, inserted or reordered. */
        BROKEN_LINK,
        /** The row's content does not give its stored hash: it was changed after being written. */
        CHANGED_ROW
    }

    /** The first broken link of the chain: {@code sequence} is the first row that cannot be trusted. */
    public record Break(long sequence, Problem problem, long rowsCheckedBefore) {
        public String message(Locale locale) {
            return TEXT.format(locale, "audit." + problem.name(), Long.toString(sequence));
        }
    }

    /** Checks the whole chain; empty when intact. */
    public Optional<Break> verify() {
        try (Connection c = cache.connection()) {
            return verify(c);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the audit log", e);
        }
    }

    /** Number of rows in the log. */
    public long size() {
        return cache.read(em -> em.createQuery("SELECT COUNT(a) FROM AuditEntryEntity a", Long.class).getSingleResult());
    }

    /** Checks the chain of an open database (the command-line verifier uses a read-only connection). */
    public static Optional<Break> verify(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT seq, at, actor, workstation, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq")) {
            long expected = 1;
            String previous = GENESIS;
            while (r.next()) {
                long seq = r.getLong(1);
                if (seq != expected) {
                    return Optional.of(new Break(expected, Problem.MISSING_ROW, expected - 1));
                }
                if (!previous.equals(r.getString(8))) {
                    return Optional.of(new Break(seq, Problem.BROKEN_LINK, expected - 1));
                }
                Instant at = r.getObject(2, OffsetDateTime.class).toInstant();
                String hash = hash(seq, at, r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getString(7), previous);
                if (!hash.equals(r.getString(9))) {
                    return Optional.of(new Break(seq, Problem.CHANGED_ROW, expected - 1));
                }
                previous = hash;
                expected++;
            }
            return Optional.empty();
        }
    }

    static long rows(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM audit_log")) {
            r.next();
            return r.getLong(1);
        }
    }

    static String usage(Locale locale) {
        return TEXT.format(locale, "audit.USAGE");
    }

    static String wrongPassword(Locale locale) {
        return TEXT.format(locale, "audit.WRONG_PASSWORD");
    }

    static String passwordPrompt(Locale locale) {
        return TEXT.format(locale, "audit.PASSWORD");
    }

    static String cannotOpen(Locale locale, java.nio.file.Path file, String why) {
        return TEXT.format(locale, "audit.CANNOT_OPEN", file, why);
    }

    /** Message for an intact log of {@code rows} rows. */
    public static String intactMessage(Locale locale, long rows) {
        return TEXT.format(locale, "audit.INTACT", Long.toString(rows));
    }

    /**
     * Appends {@code entries} in the caller's transaction, so they commit or roll back with the change they
     * record. Callers hold the cache's write lock, so no other writer can take the same sequence numbers.
     */
    static void append(EntityManager em, List<Entry> entries) {
        List<AuditEntryEntity> last = em.createQuery("SELECT a FROM AuditEntryEntity a ORDER BY a.seq DESC", AuditEntryEntity.class)
                .setMaxResults(1).getResultList();
        long seq = last.isEmpty() ? 0 : last.get(0).seq;
        String previous = last.isEmpty() ? GENESIS : last.get(0).hash;
        // The column keeps milliseconds: hash exactly what will be read back.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (Entry e : entries) {
            AuditEntryEntity row = new AuditEntryEntity();
            row.seq = ++seq;
            row.at = at;
            row.actor = e.actor();
            row.workstation = e.workstation();
            row.action = e.action();
            row.subject = e.subject();
            row.details = e.details();
            row.prevHash = previous;
            row.hash = hash(row.seq, at, row.actor, row.workstation, row.action, row.subject, row.details, previous);
            em.persist(row);
            previous = row.hash;
        }
    }

    static String hash(long seq, Instant at, String actor, String workstation, String action, String subject, String details,
            String previousHash) {
        StringBuilder b = new StringBuilder("motcua-audit-v1\n").append(seq).append('\n').append(at).append('\n');
        for (String field : new String[] { actor, workstation, action, subject, details }) {
            b.append(field.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        }
        b.append(previousHash);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java has SHA-256", e);
        }
    }
}
