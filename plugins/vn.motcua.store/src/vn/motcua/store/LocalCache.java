package vn.motcua.store;

import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.h2.jdbcx.JdbcConnectionPool;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import vn.motcua.store.internal.db.Migrations;

/**
 * The open local cache of one data folder: an H2 file behind EclipseLink. Obtained from
 * {@link CacheOpener#open(Path, CacheKey)}; holds the folder's instance lock until {@link #close()}.
 */
public final class LocalCache implements AutoCloseable {
    private final Path dataDir;
    private final JdbcConnectionPool pool;
    private final FileLock lock;
    private final EntityManagerFactory emf;
    /** EclipseLink's background deployment; close() waits for it, or it could reopen the file after SHUTDOWN. */
    private final Thread warmUp;
    /** Dossiers bulk-inserted since the cache was opened; many of them make close() compact the file. */
    private final java.util.concurrent.atomic.AtomicLong bulkWritten = new java.util.concurrent.atomic.AtomicLong();
    static final int COMPACT_AFTER_BULK = 10_000;

    void bulkWritten(int n) {
        bulkWritten.addAndGet(n);
    }

    /** Bumped after every committed write: remembered list plans are valid only for the version they saw. */
    private final java.util.concurrent.atomic.AtomicLong writeVersion = new java.util.concurrent.atomic.AtomicLong();
    private volatile ListMemo listMemo;
    /** Every dossier's letters-only search tokens in memory, built in the background after opening. */
    private final vn.motcua.store.internal.search.DossierListMemory dossierListMemory;
    private final vn.motcua.store.internal.search.ListSearch.TokenStatistics tokenStatistics =
            new vn.motcua.store.internal.search.ListSearch.TokenStatistics(writeVersion::get);

    private volatile CatalogueMemo catalogueMemo;

    /** The newest version of every procedure as of a cache version (immutable records, safe to share). */
    record CatalogueMemo(long version, java.util.List<vn.motcua.core.model.Procedure> latest) {
    }

    CatalogueMemo catalogueMemo() {
        return catalogueMemo;
    }

    void catalogueMemo(CatalogueMemo m) {
        catalogueMemo = m;
    }

    /** The last dossier-list plan and the cache version it was made for. */
    record ListMemo(DossierFilter filter, long version, vn.motcua.store.internal.search.ListSearch.Plan plan, int memoryStage) {
    }

    /** One writer at a time: the audit log's next sequence number and hash are read inside the write. */
    private final ReentrantLock writeLock = new ReentrantLock();

    LocalCache(Path dataDir, JdbcConnectionPool pool, FileLock lock) {
        this.dataDir = dataDir;
        this.pool = pool;
        this.lock = lock;
        Map<String, Object> p = new HashMap<>();
        // Plain Equinox, no Gemini: hand EclipseLink our bundle's class loader and a ready DataSource.
        p.put(PersistenceUnitProperties.CLASSLOADER, LocalCache.class.getClassLoader());
        p.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, pool);
        p.put(PersistenceUnitProperties.TARGET_DATABASE, "org.eclipse.persistence.platform.database.H2Platform");
        p.put(PersistenceUnitProperties.WEAVING, "false");
        p.put(PersistenceUnitProperties.LOGGING_LEVEL, "WARNING");
        p.put(PersistenceUnitProperties.DDL_GENERATION, PersistenceUnitProperties.NONE);
        // Bulk inserts (first sync, demo data) write dossiers, papers, events and search tokens in JDBC batches.
        p.put(PersistenceUnitProperties.BATCH_WRITING, "JDBC");
        p.put(PersistenceUnitProperties.BATCH_WRITING_SIZE, "500");
        this.emf = new PersistenceProvider().createEntityManagerFactory("motcua", p);
        if (emf == null) {
            throw new IllegalStateException("EclipseLink found no persistence unit 'motcua' in vn.motcua.store");
        }
        // EclipseLink deploys the mappings on first use (~0.5 s on an old PC): start that now, in the
        // background, so it overlaps with the workbench building its window. First users simply wait for it.
        warmUp = new Thread(() -> emf.createEntityManager().close(), "motcua-cache-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        dossierListMemory = new vn.motcua.store.internal.search.DossierListMemory(pool::getConnection, writeLock);
        dossierListMemory.start();
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path databaseFile() {
        return CacheOpener.databaseFile(dataDir);
    }

    /** Schema version of the open cache. */
    public int schemaVersion() {
        try (Connection c = pool.getConnection()) {
            return Migrations.currentVersion(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when the cache holds no procedure catalogue yet (a new workstation). Plain JDBC, so asking does
     * not wait for EclipseLink to finish deploying.
     */
    public boolean isEmpty() {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT COUNT(*) FROM procedure_def")) {
            r.next();
            return r.getLong(1) == 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        writeLock.lock();
        try {
            return transaction(work);
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T transaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        EntityTransaction tx = em.getTransaction();
        boolean committed = false;
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            committed = true;
            dossierListMemory.committed();
            writeVersion.incrementAndGet();
            return result;
        } finally {
            if (!committed) {
                dossierListMemory.rolledBack();
            }
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    /** Runs read-only {@code work} with its own entity manager. */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    public JpaProcedureRepository procedures() {
        return new JpaProcedureRepository(this);
    }

    public JpaDossierRepository dossierRepository() {
        return new JpaDossierRepository(this);
    }

    /** Scans, draft and signed results, approval records. */
    public DossierDocuments documents() {
        return new DossierDocuments(this);
    }

    public JpaAgencyRepository agencies() {
        return new JpaAgencyRepository(this);
    }

    long writeVersion() {
        return writeVersion.get();
    }

    /** Marks the cache changed by a write made outside {@link #inTransaction} (plain JDBC). */
    public void changed() {
        writeVersion.incrementAndGet();
    }

    /**
     * Waits up to {@code millis} for the dossier list memory (built in the background after opening; lists are
     * answered through SQL until then). For benchmarks and tests.
     */
    public boolean awaitListMemory(long millis) throws InterruptedException {
        return dossierListMemory.awaitReady(millis);
    }

    /** What the dossier list searches, filters and orders by, in memory (see DossierListMemory). */
    public vn.motcua.store.internal.search.DossierListMemory dossierListMemory() {
        return dossierListMemory;
    }

    vn.motcua.store.internal.search.ListSearch.TokenStatistics tokenStatistics() {
        return tokenStatistics;
    }

    ListMemo listMemo() {
        return listMemo;
    }

    void listMemo(ListMemo memo) {
        listMemo = memo;
    }

    /** Dossier-code number blocks and issued numbers of this workstation. */
    public JdbcNumberBlockStore numberBlocks() {
        return new JdbcNumberBlockStore(this);
    }

    /** Staff accounts of this workstation. */
    public LocalUsers users() {
        return new LocalUsers(this);
    }

    private final vn.motcua.sync.api.SyncJson syncJson = new vn.motcua.sync.api.SyncJson();

    vn.motcua.sync.api.SyncJson syncJson() {
        return syncJson;
    }

    /** The sync outbox, cursor and conflicts of this cache. */
    public SyncLedger sync() {
        return new SyncLedger(this);
    }

    /** The hash-chained audit log of this cache. */
    public AuditLog auditLog() {
        return new AuditLog(this);
    }

    /** Dossier list and details queries over this cache. */
    public DossierQueries dossiers() {
        return new DossierQueries(this);
    }

    /**
     * Writes an online backup of the open cache to {@code zip} (H2's {@code BACKUP TO}: a zip holding the database file,
     * still encrypted with the cache key), consistent even while others write.
     */
    public void backupTo(Path zip) throws IOException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + zip.toAbsolutePath().toString().replace("'", "''") + "'");
        } catch (SQLException e) {
            throw new IOException("Cannot back up the cache: " + e.getMessage(), e);
        }
    }

    /** A raw JDBC connection (benchmarks' baselines, maintenance); the caller closes it. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Closes the cache once; later calls do nothing (shutdown paths may overlap). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            warmUp.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dossierListMemory.close();
        emf.close();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            // After a bulk load (first sync, demo data, benchmark) H2 leaves the file many times its data: rewrite
            // it once on close (1M dossiers: 25.9 GB -> 1.2 GB in 4 min) so the rows of one period share pages.
            s.execute(bulkWritten.get() >= COMPACT_AFTER_BULK ? "SHUTDOWN COMPACT" : "SHUTDOWN");
        } catch (SQLException ignored) {
            // closing anyway
        }
        pool.dispose();
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException ignored) {
            // the OS drops the lock with the process
        }
    }
}
