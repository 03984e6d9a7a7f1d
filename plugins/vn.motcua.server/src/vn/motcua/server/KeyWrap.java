package vn.motcua.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Wraps the escrowed workstation cache keys ({@code workstation_key}) with AES-256-GCM under a server key that is not
 * in the database: {@code key.wrap.keys} ({@code MOTCUA_KEY_WRAP_KEYS}: {@code id:base64[,id:base64…]}, current first)
 * or the file {@code key.wrap.file} (one {@code id:base64} a line, current first; made with a fresh key, readable by
 * its owner only, when neither exists). Each row keeps the id of its key, so keys rotate: a new key goes first, the old
 * ones stay listed until {@code --rewrap-keys} has re-wrapped every row under the new one. The row's cache id and
 * agency are authenticated with it: a wrapped key copied to another row does not open.
 */
final class KeyWrap {
    private static final System.Logger LOG = System.getLogger(KeyWrap.class.getName());
    private static final String AAD = "motcua-workstation-key/1|";
    private final SecureRandom random = new SecureRandom();
    /** Keys by id, the current one first. */
    private final LinkedHashMap<String, byte[]> keys;

    private KeyWrap(LinkedHashMap<String, byte[]> keys) {
        this.keys = keys;
    }

    static KeyWrap load(Safeguards s) throws IOException {
        String list = s.keyWrapKeys();
        if (list.isBlank()) {
            if (!Files.exists(s.keyWrapFile())) {
                createFile(s.keyWrapFile());
                LOG.log(System.Logger.Level.WARNING, "Made a new key for the escrowed workstation keys in {0}: back it up apart from the database "
                        + "(without it those keys cannot be read back)", s.keyWrapFile());
            }
            list = String.join(",", Files.readAllLines(s.keyWrapFile(), StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
        }
        LinkedHashMap<String, byte[]> keys = new LinkedHashMap<>();
        for (String entry : list.split(",")) {
            String e = entry.strip();
            int colon = e.indexOf(':');
            byte[] key;
            try {
                key = colon <= 0 ? null : Base64.getDecoder().decode(e.substring(colon + 1).strip());
            } catch (IllegalArgumentException ex) {
                key = null;
            }
            if (key == null || key.length != 32 || !e.substring(0, colon).matches("[A-Za-z0-9._-]{1,40}")) {
                // The entry itself is not printed: it is a secret.
                throw new IllegalArgumentException("key.wrap: each key must be id:base64-of-32-bytes (entry " + (keys.size() + 1) + ")");
            }
            keys.put(e.substring(0, colon), key);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("key.wrap: no key (set key.wrap.keys or key.wrap.file)");
        }
        return new KeyWrap(keys);
    }

    /** A new {@code id:base64} line for a key file. */
    static String newKeyLine() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return "k" + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(ZonedDateTime.now(ZoneOffset.UTC)) + ":" + Base64.getEncoder().encodeToString(k);
    }

    private static void createFile(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp); // Windows: the data folder's own permissions apply
        }
        Files.writeString(tmp, "# Keys wrapping the escrowed workstation keys (docs/security.md). Current key first.\n" + newKeyLine() + "\n",
                StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Adds a new current key at the top of the key file (the old ones stay for reading). */
    static String rotateFile(Path file) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
        String line = newKeyLine();
        int at = 0;
        while (at < lines.size() && lines.get(at).strip().startsWith("#")) {
            at++;
        }
        lines.add(at, line);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(tmp);
        }
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return line.substring(0, line.indexOf(':'));
    }

    String currentId() {
        return keys.keySet().iterator().next();
    }

    record Wrapped(String keyId, String value) {
    }

    Wrapped wrap(String cacheId, String agency, String clear) {
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.get(currentId()), "AES"), new GCMParameterSpec(128, iv));
            c.updateAAD((AAD + cacheId + "|" + agency).getBytes(StandardCharsets.UTF_8));
            byte[] ct = c.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + ct.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(ct, 0, out, iv.length, ct.length);
            return new Wrapped(currentId(), Base64.getEncoder().encodeToString(out));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The clear key of a row; an unknown key id or a row that does not authenticate is an error (never silently used). */
    String unwrap(String cacheId, String agency, String keyId, String wrapped) {
        byte[] key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("workstation key of " + cacheId + " is wrapped under key " + keyId + ", which this server does not have");
        }
        try {
            byte[] all = Base64.getDecoder().decode(wrapped);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, all, 0, 12));
            c.updateAAD((AAD + cacheId + "|" + agency).getBytes(StandardCharsets.UTF_8));
            return new String(c.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("workstation key of " + cacheId + " does not authenticate under key " + keyId, e);
        }
    }

    /**
     * Wraps under the current key every row that is in clear (from before server schema 7) or, when {@code rewrapAll}, under
     * an older key; each row in its own statement, so a stop midway leaves every row readable. Returns rows rewritten.
     */
    int rewrap(ServerDatabase db, boolean rewrapAll) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (ServerDatabase.Pooled p = db.borrow(); PreparedStatement s = p.connection().prepareStatement(
                "SELECT cache_id, agency_code, cache_key, key_id FROM workstation_key" + (rewrapAll ? " WHERE key_id IS NULL OR key_id <> ?" : " WHERE key_id IS NULL"))) {
            if (rewrapAll) {
                s.setString(1, currentId());
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new String[] { r.getString(1), r.getString(2), r.getString(3), r.getString(4) });
                }
            }
        }
        int done = 0;
        try (ServerDatabase.Pooled p = db.borrow()) {
            Connection c = p.connection();
            for (String[] row : rows) {
                String clear = row[3] == null ? row[2] : unwrap(row[0], row[1], row[3], row[2]);
                Wrapped w = wrap(row[0], row[1], clear);
                try (PreparedStatement u = c.prepareStatement("UPDATE workstation_key SET cache_key = ?, key_id = ? WHERE cache_id = ? AND "
                        + (row[3] == null ? "key_id IS NULL" : "key_id = ?"))) {
                    u.setString(1, w.value());
                    u.setString(2, w.keyId());
                    u.setString(3, row[0]);
                    if (row[3] != null) {
                        u.setString(4, row[3]);
                    }
                    done += u.executeUpdate();
                }
            }
        }
        return done;
    }

    /** How many rows each key id wraps (null: in clear), for the rotation command's report. */
    static Map<String, Integer> census(ServerDatabase db) throws SQLException {
        Map<String, Integer> out = new java.util.TreeMap<>();
        try (ServerDatabase.Pooled p = db.borrow(); PreparedStatement s = p.connection().prepareStatement(
                "SELECT COALESCE(key_id, '(clear)'), COUNT(*) FROM workstation_key GROUP BY key_id"); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                out.put(r.getString(1), r.getInt(2));
            }
        }
        return out;
    }
}
