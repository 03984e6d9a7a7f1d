package vn.motcua.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.h2.jdbcx.JdbcDataSource;

import vn.motcua.store.internal.db.H2WriteBuffer;
import vn.motcua.store.internal.db.Migrations;

/**
 * Opens the local cache in a data folder: takes the folder's instance lock, opens the H2 file, applies
 * migrations and starts EclipseLink. Never deletes anything: a damaged file is only ever moved aside by
 * {@link #setAsideDamaged(Path)}, on the user's decision.
 */
public final class CacheOpener {
    /** Base name of the H2 file inside the data folder ({@code motcua.mv.db}). */
    public static final String DB_NAME = "motcua";
    static final String LOCK_FILE = "motcua.lock";
    static final String DAMAGED_DIR = "damaged";

    private CacheOpener() {
    }

    /** The H2 database file of a data folder. */
    public static Path databaseFile(Path dataDir) {
        return dataDir.resolve(DB_NAME + ".mv.db");
    }

    /**
     * True when another process holds the data folder's instance lock right now, so the product can say so
     * before asking anyone for a password. (Only a hint: {@link #open} takes the lock for real.)
     */
    public static boolean isLocked(Path dataDir) {
        Path f = dataDir.resolve(LOCK_FILE);
        if (!Files.exists(f)) {
            return false;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True when the data folder's cache file exists and is not encrypted: written by a version before 0.2, to
     * be encrypted with {@link #encryptInPlace} before it is opened.
     */
    public static boolean isPlaintext(Path dataDir) throws IOException {
        Path f = databaseFile(dataDir);
        if (!Files.isRegularFile(f) || Files.size(f) == 0) {
            return false;
        }
        byte[] head = new byte[9];
        try (var in = Files.newInputStream(f)) {
            int n = in.readNBytes(head, 0, head.length);
            // H2 writes "H2encrypt" at the start of an encrypted file and a clear "H:2,…" header otherwise.
            return !(n == 9 && new String(head, StandardCharsets.US_ASCII).equals("H2encrypt"));
        }
    }

    private static boolean hasEncryptedHeader(Path f) {
        try {
            return Files.isRegularFile(f) && Files.size(f) > 0 && !isPlaintext(f.getParent());
        } catch (IOException e) {
            return false;
        }
    }

    /** Encrypts a plaintext cache file with {@code key}, in place (H2 rewrites it block by block). */
    public static void encryptInPlace(Path dataDir, CacheKey key) throws CacheException {
        char[] pw = key.filePassword();
        try {
            org.h2.tools.ChangeFileEncryption.execute(dataDir.toAbsolutePath().toString(), DB_NAME, "AES", null, pw, true);
        } catch (SQLException e) {
            throw new CacheException(CacheException.Kind.DAMAGED, databaseFile(dataDir), e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(pw, '\0');
        }
    }

    /**
     * Opens (or creates) the encrypted cache of a data folder with its key (from {@link CacheKeyRing#unlock}, or
     * {@link CacheKey#generate()} for a new folder).
     */
    public static LocalCache open(Path dataDir, CacheKey key) throws CacheException {
        FileChannel lockChannel = null;
        FileLock lock;
        try {
            Files.createDirectories(dataDir);
            lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // this JVM already holds it
            }
            if (lock == null) {
                lockChannel.close();
                throw new CacheException(CacheException.Kind.LOCKED, dataDir,
                        "Another MộtCửa Desk is already using " + dataDir, null);
            }
            lockChannel.truncate(0);
            lockChannel.write(StandardCharsets.UTF_8.encode(Long.toString(ProcessHandle.current().pid())));
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new CacheException(CacheException.Kind.NOT_WRITABLE, dataDir, "Cannot write the data folder " + dataDir, e);
        }
        JdbcConnectionPool pool = null;
        try {
            JdbcDataSource ds = new JdbcDataSource();
            // DB_CLOSE_ON_EXIT=FALSE: we close in order ourselves; the shutdown hook would race EclipseLink.
            // WRITE_DELAY=0: H2 otherwise writes commits to the file up to 500 ms later, and a killed process
            // (power button, task manager) loses dossiers it reported saved (CrashSafetyTest found it).
            // CIPHER=AES: the whole file (tables, indexes, audit log) is encrypted with the cache key.
            ds.setURL(url(dataDir));
            ds.setUser("motcua");
            ds.setPasswordChars(h2Password(key));
            pool = JdbcConnectionPool.create(ds);
            pool.setMaxConnections(8);
            try (Connection c = pool.getConnection()) {
                Migrations.migrate(c);
                H2WriteBuffer.widen(c);
            }
        } catch (SQLException e) {
            closeQuietly(pool);
            closeQuietly(lockChannel);
            throw classify(dataDir, e);
        } catch (RuntimeException e) {
            // H2's MVStore reports some kinds of damage as unchecked exceptions.
            closeQuietly(pool);
            closeQuietly(lockChannel);
            throw new CacheException(CacheException.Kind.DAMAGED, databaseFile(dataDir), e.getMessage(), e);
        }
        ChangeJournal.Opened journal;
        try {
            journal = ChangeJournal.open(dataDir, new vn.motcua.sync.api.SyncJson(), key);
        } catch (java.io.IOException e) {
            closeQuietly(pool);
            closeQuietly(lockChannel);
            throw new CacheException(CacheException.Kind.NOT_WRITABLE, dataDir.resolve(ChangeJournal.FILE),
                    "Cannot open the journal of acknowledged changes in " + dataDir + ": " + e.getMessage(), e);
        }
        LocalCache cache;
        try {
            cache = new LocalCache(dataDir, pool, lock, journal.journal());
        } catch (RuntimeException e) {
            // Not the file's fault (a broken installation): release everything and let it surface.
            closeQuietly(journal.journal());
            closeQuietly(pool);
            closeQuietly(lockChannel);
            throw e;
        }
        try {
            // Before anyone reads it: a cache that came back older than what was acknowledged here is brought up to date.
            cache.recover(journal.reading());
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
        return cache;
    }

    /** The JDBC URL of a data folder's cache (for tools that open it with {@link #h2Password}). */
    public static String url(Path dataDir) {
        // CACHE_SIZE (KB): 64 MB of decrypted pages instead of H2's 16 MB, within the 512 MB heap budget; list
        // searches at a million dossiers touch thousands of rows.
        // REUSE_SPACE=FALSE: every commit is appended at the end of the file. With space reuse, H2 writes a commit into
        // a gap freed by old versions (after its 45 s retention time) and names the commit BEFORE it in the file header;
        // crash recovery starts there, finds no way on and opened without the last seconds of commits (issue 21). At the
        // end of the file the newest commit is found from the file's end. The file only grows while open: LocalCache
        // compacts it on close when most of it is old versions.
        return "jdbc:h2:file:" + dataDir.resolve(DB_NAME).toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;CIPHER=AES;CACHE_SIZE=65536" + H2_SPACE;
    }

    /**
     * For the crash tests and benchmarks only, never set by the product: {@value #RETENTION_PROPERTY} (ms) shortens H2's
     * retention of old versions, so it frees space within seconds where the lost-commits failure needed 45 s of work;
     * {@value #REUSE_SPACE_PROPERTY}{@code =true} brings back space reuse, to measure the old behaviour beside the new.
     */
    public static final String RETENTION_PROPERTY = "motcua.cache.retentionMillis";
    public static final String REUSE_SPACE_PROPERTY = "motcua.cache.reuseSpace";
    private static final String H2_SPACE = ";REUSE_SPACE=" + (Boolean.getBoolean(REUSE_SPACE_PROPERTY) ? "TRUE" : "FALSE")
            + (Integer.getInteger(RETENTION_PROPERTY) == null ? "" : ";RETENTION_TIME=" + Integer.getInteger(RETENTION_PROPERTY));

    /** H2's password for an encrypted file: "file password, space, user password" (ours is empty). */
    public static char[] h2Password(CacheKey key) {
        char[] file = key.filePassword();
        char[] pw = java.util.Arrays.copyOf(file, file.length + 1);
        pw[file.length] = ' ';
        java.util.Arrays.fill(file, '\0');
        return pw;
    }

    private static CacheException classify(Path dataDir, SQLException e) {
        Path file = databaseFile(dataDir);
        boolean keyError = e.getErrorCode() == ErrorCode.WRONG_PASSWORD_FORMAT || e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD
                || e.getErrorCode() == ErrorCode.FILE_ENCRYPTION_ERROR_1;
        if (keyError && hasEncryptedHeader(file)) {
            // Never offer to set the file aside: it is whole, only the key does not fit.
            return new CacheException(CacheException.Kind.WRONG_KEY, file, e.getMessage(), e);
        }
        if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return new CacheException(CacheException.Kind.LOCKED, file, e.getMessage(), e);
        }
        if (e.getMessage() != null && e.getMessage().contains("newer version of MộtCửa Desk")) {
            return new CacheException(CacheException.Kind.TOO_NEW, file, e.getMessage(), e);
        }
        return new CacheException(CacheException.Kind.DAMAGED, file, e.getMessage(), e);
    }

    /**
     * Moves the database files of a data folder into {@code damaged/<timestamp>/} so a fresh cache can be
     * opened; returns the folder they now are in. Changes nothing else.
     */
    public static Path setAsideDamaged(Path dataDir) throws IOException {
        Path target = dataDir.resolve(DAMAGED_DIR).resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(target);
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dataDir)) {
            // The H2 files only: the key ring opens the fresh cache, and the journal (not motcua.*) restores into it what
            // was acknowledged here.
            s.filter(p -> p.getFileName().toString().startsWith(DB_NAME + ".") && !p.getFileName().toString().equals(LOCK_FILE)
                    && !p.getFileName().toString().startsWith(CacheKeyRing.FILE)).forEach(files::add);
        }
        for (Path p : files) {
            Files.move(p, target.resolve(p.getFileName()));
        }
        return target;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    private static void closeQuietly(JdbcConnectionPool p) {
        if (p != null) {
            p.dispose();
        }
    }
}
