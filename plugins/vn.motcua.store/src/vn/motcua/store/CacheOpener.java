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

    public static LocalCache open(Path dataDir) throws CacheException {
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
            ds.setURL("jdbc:h2:file:" + dataDir.resolve(DB_NAME).toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
            ds.setUser("motcua");
            ds.setPassword("");
            pool = JdbcConnectionPool.create(ds);
            pool.setMaxConnections(8);
            try (Connection c = pool.getConnection()) {
                Migrations.migrate(c);
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
        try {
            return new LocalCache(dataDir, pool, lock);
        } catch (RuntimeException e) {
            // Not the file's fault (a broken installation): release everything and let it surface.
            closeQuietly(pool);
            closeQuietly(lockChannel);
            throw e;
        }
    }

    private static CacheException classify(Path dataDir, SQLException e) {
        Path file = databaseFile(dataDir);
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
            s.filter(p -> p.getFileName().toString().startsWith(DB_NAME + ".") && !p.getFileName().toString().equals(LOCK_FILE))
                    .forEach(files::add);
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
