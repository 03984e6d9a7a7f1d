package vn.motcua.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.persistence.EntityManager;

/**
 * A dossier's files in the local cache (schema 7): scans, the specialist's draft result, the signed result and the
 * head's approval record. Bytes are kept once per content (SHA-256) inside the encrypted database, so they are
 * encrypted at rest like the rest of the cache and a document commits with the lifecycle change it belongs to
 * ({@link JpaDossierRepository#save(vn.motcua.core.model.Dossier, vn.motcua.core.model.DossierEvent, List)}).
 */
public final class DossierDocuments {
    /** What a document is for. */
    public enum Kind {
        /** A scan or file received with the dossier. */
        ATTACHMENT,
        /** The result document as prepared for the head, before any signature. */
        DRAFT_RESULT,
        /** The result document with the head's PAdES signature. */
        SIGNED_RESULT,
        /** The signed result numbered and sealed: the organisation's issuing signature added after the head's. */
        ISSUED_RESULT,
        /** Detached CMS signature over the approval decision (vn.motcua.sign.ApprovalRecord). */
        APPROVAL_RECORD
    }

    /** A stored document's description (without its bytes). */
    public record Document(long id, String dossierCode, Kind kind, String sha256, String name, long size, String mediaType,
            Instant createdAt, String createdBy, String note) {
    }

    /** A document to store: its bytes, and who adds it. */
    public record NewDocument(String dossierCode, Kind kind, String name, String mediaType, byte[] content, String createdBy,
            String note) {
        public NewDocument {
            Objects.requireNonNull(dossierCode, "dossierCode");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
            // A name from a file dialog or from the server: one safe segment, whatever it came with.
            name = vn.motcua.core.text.DocumentNames.sanitise(name, "tai-lieu");
            mediaType = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType;
            createdBy = createdBy == null ? "system" : createdBy;
            note = note == null ? "" : note;
        }
    }

    /**
     * The type of a scan by its first bytes (not its name): PDF, JPEG or PNG; null for anything else (what the counter
     * and the dossier screen accept as a digitised paper or attachment).
     */
    public static String scanType(byte[] b) {
        return vn.motcua.core.model.DocumentContent.recognisedType(b);
    }

    /** Largest scan or attachment taken from a user's file: a few pages at 300 dpi. */
    public static final long MAX_SCAN_BYTES = 20L * 1024 * 1024;

    private final LocalCache cache;

    public DossierDocuments(LocalCache cache) {
        this.cache = cache;
    }

    /** Stores one document in its own transaction. */
    public Document add(NewDocument doc) {
        return cache.inTransaction(em -> {
            Document d = insert(em, doc, Instant.now());
            cache.journal(em, doc.dossierCode(), null, null, null, List.of(doc));
            return d;
        });
    }

    /** Every document of a dossier, oldest first. */
    public List<Document> list(String dossierCode) {
        return cache.read(em -> select(em, "WHERE d.dossier_code = ? ORDER BY d.id", dossierCode));
    }

    /** The newest document of this kind for a dossier. */
    public Optional<Document> latest(String dossierCode, Kind kind) {
        return cache.read(em -> {
            List<Document> l = select(em, "WHERE d.dossier_code = ? AND d.kind = ? ORDER BY d.id DESC", dossierCode, kind.name());
            return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
        });
    }

    /**
     * The bytes of a document, checked against its SHA-256: a damaged file is reported, never handed out as if it
     * were the signed original.
     */
    public byte[] content(Document doc) {
        byte[] bytes = cache.read(em -> {
            Object v = em.createNativeQuery("SELECT content FROM stored_file WHERE sha256 = ?").setParameter(1, doc.sha256()).getSingleResult();
            return bytes(v);
        });
        if (!sha256(bytes).equals(doc.sha256())) {
            throw new IllegalStateException("Stored file of document " + doc.name() + " (" + doc.dossierCode() + ") does not match its SHA-256");
        }
        return bytes;
    }

    /** Documents made here that the sync server does not have yet, oldest first. */
    public List<Document> unsynced(int max) {
        return cache.read(em -> {
            List<Document> all = select(em, "WHERE d.synced = FALSE ORDER BY d.id");
            return all.size() > max ? all.subList(0, max) : all;
        });
    }

    /** As {@link #unsynced(int)}, only documents of these kinds. */
    public List<Document> unsynced(int max, java.util.Set<Kind> kinds) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        String in = kinds.stream().map(k -> "'" + k.name() + "'").sorted().collect(java.util.stream.Collectors.joining(", "));
        return cache.read(em -> {
            List<Document> all = select(em, "WHERE d.synced = FALSE AND d.kind IN (" + in + ") ORDER BY d.id");
            return all.size() > max ? all.subList(0, max) : all;
        });
    }

    /** The server has this document now. */
    public void markSynced(long id) {
        cache.inTransaction(em -> em.createNativeQuery("UPDATE dossier_document SET synced = TRUE WHERE id = ?").setParameter(1, id).executeUpdate());
    }

    /**
     * A document fetched from the sync server, its bytes already checked against {@code sha256}; nothing happens when
     * this dossier already has it. Returns whether it was new.
     */
    public boolean addFromServer(NewDocument doc, Instant createdAt) {
        return cache.inTransaction(em -> {
            String hash = sha256(doc.content());
            Number have = (Number) em.createNativeQuery("SELECT COUNT(*) FROM dossier_document WHERE dossier_code = ? AND kind = ? AND sha256 = ?")
                    .setParameter(1, doc.dossierCode()).setParameter(2, doc.kind().name()).setParameter(3, hash).getSingleResult();
            if (have.longValue() > 0) {
                return false;
            }
            Document d = insert(em, doc, createdAt);
            em.createNativeQuery("UPDATE dossier_document SET synced = TRUE WHERE id = ?").setParameter(1, d.id()).executeUpdate();
            return true;
        });
    }

    /** Inserts inside a caller's transaction (used by the dossier repository to commit with a lifecycle change). */
    static Document insert(EntityManager em, NewDocument doc, Instant at) {
        String hash = sha256(doc.content());
        Number present = (Number) em.createNativeQuery("SELECT COUNT(*) FROM stored_file WHERE sha256 = ?").setParameter(1, hash).getSingleResult();
        if (present.longValue() == 0) {
            em.createNativeQuery("INSERT INTO stored_file (sha256, byte_size, content) VALUES (?, ?, ?)").setParameter(1, hash)
                    .setParameter(2, (long) doc.content().length).setParameter(3, doc.content()).executeUpdate();
        }
        em.createNativeQuery("INSERT INTO dossier_document (dossier_code, kind, sha256, name, media_type, created_at, created_by, note) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)").setParameter(1, doc.dossierCode()).setParameter(2, doc.kind().name()).setParameter(3, hash)
                .setParameter(4, doc.name()).setParameter(5, doc.mediaType()).setParameter(6, Timestamp.from(at)).setParameter(7, doc.createdBy())
                .setParameter(8, doc.note()).executeUpdate();
        long id = ((Number) em.createNativeQuery("SELECT MAX(id) FROM dossier_document WHERE dossier_code = ?").setParameter(1, doc.dossierCode())
                .getSingleResult()).longValue();
        return new Document(id, doc.dossierCode(), doc.kind(), hash, doc.name(), doc.content().length, doc.mediaType(), at, doc.createdBy(),
                doc.note());
    }

    private static List<Document> select(EntityManager em, String where, Object... params) {
        var q = em.createNativeQuery("SELECT d.id, d.dossier_code, d.kind, d.sha256, d.name, f.byte_size, d.media_type, d.created_at, d.created_by, d.note "
                + "FROM dossier_document d JOIN stored_file f ON f.sha256 = d.sha256 " + where);
        for (int i = 0; i < params.length; i++) {
            q.setParameter(i + 1, params[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<Document> out = new ArrayList<>();
        for (Object[] r : rows) {
            out.add(new Document(((Number) r[0]).longValue(), (String) r[1], Kind.valueOf((String) r[2]), (String) r[3], (String) r[4],
                    ((Number) r[5]).longValue(), (String) r[6], instant(r[7]), (String) r[8], (String) r[9]));
        }
        return out;
    }

    private static Instant instant(Object v) {
        if (v instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (v instanceof Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof Instant i) {
            return i;
        }
        throw new IllegalStateException("unexpected time value " + v);
    }

    private static byte[] bytes(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof Blob b) {
            try {
                return b.getBytes(1, (int) b.length());
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("unexpected content value " + v);
    }

    /** Lower-case hex SHA-256, as {@link vn.motcua.core.model.Attachment} addresses files. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
