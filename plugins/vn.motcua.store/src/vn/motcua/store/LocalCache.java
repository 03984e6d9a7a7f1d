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

    /** Acknowledged local changes, forced to disk outside H2 (see ChangeJournal). */
    private final ChangeJournal journal;
    /** The journal sequence of the last change written (in the cache's {@code journal.seq} state with it). */
    private final java.util.concurrent.atomic.AtomicLong journalSeq = new java.util.concurrent.atomic.AtomicLong();
    /** Changes of the transaction under way, journaled once it commits; guarded by {@link #writeLock}. */
    private final java.util.List<ChangeJournal.Entry> journalPending = new java.util.ArrayList<>();
    private volatile JournalRecovery recovery;

    LocalCache(Path dataDir, JdbcConnectionPool pool, FileLock lock, ChangeJournal journal) {
        this.dataDir = dataDir;
        this.pool = pool;
        this.lock = lock;
        this.journal = journal;
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
            journalCommitted();
            return result;
        } finally {
            if (!committed) {
                // Sequences stay contiguous: the rolled-back changes never existed.
                journalSeq.addAndGet(-journalPending.size());
                dossierListMemory.rolledBack();
            }
            journalPending.clear();
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    /**
     * Records an acknowledged local change inside its transaction: the change gets the next journal sequence, which the
     * cache keeps with it (state {@code journal.seq}); the record is written to the journal and forced to disk when the
     * transaction commits ({@link #journalCommitted}).
     */
    void journal(EntityManager em, String dossierCode, String action, String mutationId, String command,
            java.util.List<DossierDocuments.NewDocument> documents) {
        if (!writeLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a journaled change must be written inside inTransaction");
        }
        long seq = journalSeq.incrementAndGet();
        SyncLedger.put(em, SyncLedger.JOURNAL_SEQ, Long.toString(seq));
        journalPending.add(new ChangeJournal.Entry(seq, java.time.Instant.now(), dossierCode, action, mutationId, command,
                documents.stream().map(ChangeJournal.Document::of).toList()));
    }

    /** The transaction committed: its changes go to the journal, forced to disk, before the caller is told. */
    private void journalCommitted() {
        if (journalPending.isEmpty()) {
            return;
        }
        try {
            journal.append(journalPending);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Saved in the cache, but the journal " + journal.file()
                    + " could not be written to disk: " + e.getMessage(), e);
        }
        for (ChangeJournal.Entry e : journalPending) {
            System.getLogger(LocalCache.class.getName()).log(System.Logger.Level.INFO, "Saved {0} of dossier {1} (change {2} on disk)",
                    e.action() == null ? "DOCUMENT" : e.action(), e.dossierCode(), Long.toString(e.seq()));
        }
    }

    /** The journal of acknowledged changes of this cache's data folder. */
    public ChangeJournal journal() {
        return journal;
    }

    /**
     * What opening found: whether the cache came back older than the journal of acknowledged changes (a crash, a power
     * cut, an older copy put back), which changes were restored from the journal, what could not be.
     */
    public JournalRecovery recovery() {
        return recovery;
    }

    /** Brings the cache up to its journal (once, by CacheOpener right after opening). */
    void recover(ChangeJournal.Reading reading) {
        JournalReplay replay = new JournalReplay(this);
        recovery = replay.run(reading);
        journalSeq.set(Math.max(recovery.journalSeq(), replay.cacheSeq()));
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

    /** Signing keys unlocked by logins in this session, by username (the product: the one logged-in user). */
    private final java.util.Map<String, UserKey> signingKeys = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * From now on the changes {@code key}'s user makes are signed with it as their outbox rows are written
     * (docs/sync-protocol.md, "Who did it"). A change whose actor has no key unlocked here is held, never sent.
     */
    public void signCommandsWith(UserKey key) {
        signingKeys.put(key.username(), key);
    }

    /** The unlocked signing key of {@code username}, or null. */
    UserKey signingKey(String username) {
        return signingKeys.get(username);
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
     * How the cache file is used: its size and H2's fill rates (share of the file in chunks, share of live data in the
     * chunks), read from {@code INFORMATION_SCHEMA.SETTINGS}.
     */
    public record CacheSpace(long fileBytes, int fillRate, int chunksFillRate) {
        /** Old versions and free gaps take more than the data and more than {@value #MIN_WASTE_BYTES} bytes. */
        public static final long MIN_WASTE_BYTES = 64L << 20;

        public long liveBytes() {
            return fileBytes * fillRate / 100 * chunksFillRate / 100;
        }

        public boolean compactionDue() {
            long waste = fileBytes - liveBytes();
            return waste > liveBytes() && waste > MIN_WASTE_BYTES;
        }
    }

    /** The current {@link CacheSpace}. */
    public CacheSpace space() {
        try (Connection c = pool.getConnection()) {
            return space(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CacheSpace space(Connection c) throws SQLException {
        Map<String, String> info = new HashMap<>();
        try (Statement s = c.createStatement(); java.sql.ResultSet r = s.executeQuery(
                "SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME IN ('info.FILE_SIZE', 'info.FILL_RATE', 'info.CHUNKS_FILL_RATE')")) {
            while (r.next()) {
                info.put(r.getString(1), r.getString(2));
            }
        }
        return new CacheSpace(Long.parseLong(info.getOrDefault("info.FILE_SIZE", "0")), Integer.parseInt(info.getOrDefault("info.FILL_RATE", "100")),
                Integer.parseInt(info.getOrDefault("info.CHUNKS_FILL_RATE", "100")));
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
    private volatile boolean compactOnClose;

    /** The next {@link #close()} rewrites the file whole (SHUTDOWN COMPACT), whatever its fill rate. */
    public void compactOnClose() {
        compactOnClose = true;
    }

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
            // Without space reuse (CacheOpener.url) every commit also grows the file: rewrite it when old versions
            // take more room than the data (a working day adds a few MB; docs/benchmarks.md).
            CacheSpace space = space(c);
            boolean compact = compactOnClose || bulkWritten.get() >= COMPACT_AFTER_BULK || space.compactionDue();
            long t0 = System.nanoTime();
            s.execute(compact ? "SHUTDOWN COMPACT" : "SHUTDOWN");
            if (compact) {
                System.getLogger(LocalCache.class.getName()).log(System.Logger.Level.INFO, "Cache compacted on close: {0} MB ({1} MB of data) -> {2} MB in {3} ms",
                        space.fileBytes() >> 20, space.liveBytes() >> 20, java.nio.file.Files.size(databaseFile()) >> 20, (System.nanoTime() - t0) / 1_000_000);
            }
        } catch (SQLException | IOException ignored) {
            // closing anyway
        }
        pool.dispose();
        try {
            journal.close();
        } catch (IOException ignored) {
            // every record was forced when it was written
        }
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException ignored) {
            // the OS drops the lock with the process
        }
    }
}
