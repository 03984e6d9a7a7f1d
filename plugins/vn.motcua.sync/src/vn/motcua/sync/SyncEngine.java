package vn.motcua.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.Procedure;
import vn.motcua.store.LocalCache;
import vn.motcua.store.SyncLedger;
import vn.motcua.store.SyncLedger.PendingChange;
import vn.motcua.sync.api.Messages.Change;
import vn.motcua.sync.api.Messages.Outcome;
import vn.motcua.sync.api.Messages.PullResponse;
import vn.motcua.sync.api.Messages.PushResponse;
import vn.motcua.sync.api.Messages.PushResult;
import vn.motcua.sync.api.Messages.ReferenceData;
import vn.motcua.sync.api.Messages.DocumentInfo;
import vn.motcua.store.DossierDocuments;

/**
 * One sync round against the server: push the outbox in batches, then pull every page after the cursor.
 * Plain Java and synchronous (the {@link SyncJob} runs it in the background). Safe to interrupt anywhere: the
 * outbox keeps a change until the transaction that records its answer, a page lands with its cursor, and the
 * server answers a replayed change from its stored answer.
 */
public final class SyncEngine {
    private static final System.Logger LOG = System.getLogger(SyncEngine.class.getName());
    /**
     * What a round did; {@code waiting}: changes the server holds back until their actor's key is enrolled;
     * {@code restoredFromServer}: changes made at this workstation that the server held and this cache did not (it came
     * back older than the server's knowledge of it: a crash, a power cut, an older copy put back).
     */
    public record Report(int applied, int duplicates, int refused, int pulled, long cursor, int waiting, int restoredFromServer) {
    }

    /** Progress and cancellation, so the engine needs no Eclipse runtime. */
    public interface Progress {
        Progress NONE = new Progress() {
        };

        default void pushing(int pending) {
        }

        default void pulled(long position, long head) {
        }

        default boolean cancelled() {
            return false;
        }
    }

    private final LocalCache cache;
    private final SyncClient client;
    private final String workstationId;
    private final Clock clock;
    private final int pushBatch;
    private final int pullPage;

    public SyncEngine(LocalCache cache, SyncClient client, String workstationId, Clock clock, int pushBatch, int pullPage) {
        this.cache = Objects.requireNonNull(cache);
        this.client = Objects.requireNonNull(client);
        this.workstationId = workstationId;
        this.clock = clock;
        this.pushBatch = pushBatch;
        this.pullPage = pullPage;
    }

    public SyncEngine(LocalCache cache, SyncClient client, String workstationId) {
        this(cache, client, workstationId, Clock.systemUTC(), 100, 500);
    }

    public Report syncOnce(Progress progress) throws SyncException {
        SyncLedger ledger = cache.sync();
        int applied = 0;
        int duplicates = 0;
        int refused = 0;
        int waiting = 0;
        // Changes the server holds back (their actor's key is not enrolled yet) stay in the outbox: the round moves on
        // past them, and past the later changes of their dossiers, which were made on top of them.
        long afterId = 0;
        java.util.Set<String> waitingDossiers = new java.util.HashSet<>();
        ProofUploads proofs = new ProofUploads(cache.documents(), client);
        List<PendingChange> fetched;
        while (!(fetched = ledger.pending(pushBatch, afterId)).isEmpty() && !progress.cancelled()) {
            afterId = fetched.get(fetched.size() - 1).id();
            List<PendingChange> batch = fetched.stream().filter(p -> !waitingDossiers.contains(p.dossierCode())).toList();
            if (batch.isEmpty()) {
                continue;
            }
            progress.pushing((int) ledger.pendingCount());
            // Approvals and issues go with their signed documents, uploaded first (the server checks them with the change).
            Map<String, List<Long>> proofsOf = new java.util.HashMap<>();
            List<vn.motcua.sync.api.Messages.PushCommand> commands = new ArrayList<>();
            for (PendingChange p : batch) {
                if (waitingDossiers.contains(p.dossierCode())) {
                    continue; // built on a change that waits: waits too
                }
                if (!ProofUploads.needsProofs(p.command())) {
                    commands.add(p.command());
                    continue;
                }
                try {
                    ProofUploads.Prepared ready = proofs.prepare(p.command());
                    proofsOf.put(p.mutationId(), ready.documentIds());
                    commands.add(ready.command());
                } catch (SyncException e) {
                    if (e.kind() == SyncException.Kind.UNREACHABLE || e.kind() == SyncException.Kind.UNAUTHORISED) {
                        throw e;
                    }
                    // The server would not take a file now: the change waits (with the rest of its dossier) for the next round.
                    LOG.log(System.Logger.Level.WARNING, "Proofs of " + p.command().event().action() + " " + p.dossierCode() + " not uploaded: " + e.getMessage());
                    waitingDossiers.add(p.dossierCode());
                }
            }
            if (commands.isEmpty()) {
                continue;
            }
            PushResponse response = client.push(workstationId, commands);
            Map<String, PendingChange> sent = batch.stream().collect(Collectors.toMap(PendingChange::mutationId, Function.identity()));
            List<String> done = new ArrayList<>();
            for (PushResult r : response.results()) {
                PendingChange change = sent.get(r.mutationId());
                if (change == null) {
                    continue;
                }
                boolean wasApplied = r.outcome() == Outcome.APPLIED || r.outcome() == Outcome.DUPLICATE && r.firstOutcome() == Outcome.APPLIED;
                if (wasApplied) {
                    // The server recorded the proofs with the change: they are not uploaded again.
                    for (long id : proofsOf.getOrDefault(r.mutationId(), List.of())) {
                        cache.documents().markSynced(id);
                    }
                    done.add(r.mutationId());
                    if (r.outcome() == Outcome.DUPLICATE) {
                        duplicates++;
                    } else {
                        applied++;
                    }
                } else if (r.outcome() == Outcome.WAITING) {
                    ledger.waiting(r.mutationId(), r.reason());
                    waitingDossiers.add(change.dossierCode());
                    waiting++;
                } else {
                    // Settle what came before it first: the refusal also drops this dossier's later changes.
                    ledger.applied(done);
                    done.clear();
                    if (ledger.hasPending(change.dossierCode()) && stillPending(ledger, change)) {
                        ledger.refused(change, r.reason(), r.current());
                        refused++;
                    }
                }
            }
            ledger.applied(done);
        }
        long cursor = ledger.cursor();
        String knownServer = ledger.state(SyncLedger.SERVER_ID).orElse(null);
        int pulled = 0;
        int restored = 0;
        try (PullAhead ahead = new PullAhead()) {
            PullResponse next = null;
            while (!progress.cancelled()) {
                PullResponse page = next != null ? next : client.pull(cursor, pullPage);
                next = null;
                if (knownServer != null && !knownServer.equals(page.serverId())) {
                    // Another server (restored, replaced): start over from zero; the outbox is kept and re-pushed.
                    ledger.resetCursor(page.serverId());
                    knownServer = page.serverId();
                    cursor = 0;
                    continue;
                }
                knownServer = page.serverId();
                if (page.more()) {
                    // The next page travels and is parsed while this one is stored (a first sync is hundreds of pages;
                    // storing and fetching each took turns). Its cursor is this page's, so nothing depends on the store.
                    ahead.start(page.cursor());
                }
                restored += ownChangesMissingHere(page.changes());
                ledger.applyPulled(page.changes().stream().map(Change::dossier).toList(), page.cursor(), page.serverId());
                pulled += page.changes().size();
                cursor = page.cursor();
                progress.pulled(cursor, page.head());
                if (!page.more()) {
                    break;
                }
                next = ahead.take();
            }
        }
        pushDocuments();
        Instant now = Instant.now(clock);
        lastSuccess = now;
        // An idle round writes nothing: every commit grows the cache file (it does not reuse space, CacheOpener.url).
        // The time of the last success is kept here and stored when work moved, or at most every few minutes.
        boolean moved = applied + duplicates + refused + pulled > 0;
        if (moved || ledger.state(SyncLedger.LAST_SUCCESS).map(Instant::parse).map(t -> t.isBefore(now.minus(LAST_SUCCESS_STORED_EVERY)))
                .orElse(true)) {
            ledger.state(SyncLedger.LAST_SUCCESS, now.toString());
        }
        ledger.state(SyncLedger.LAST_ERROR, null);
        if (restored > 0) {
            LOG.log(System.Logger.Level.WARNING, "This cache came back older than the server''s knowledge of it: the server held {0} changes "
                    + "made at this workstation ({1}) that the cache did not; they are back from the server", restored, workstationId);
            ledger.state(SyncLedger.RESTORED_FROM_SERVER, now + " " + restored);
            if (client.user() != null) {
                // Numbers given here after the copy this cache came back as may be on receipts it no longer knows.
                java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
                int retired = cache.numberBlocks().retire(workstationId, client.user().agencyCode(), today, ledger.fallbackSlot());
                LOG.log(System.Logger.Level.WARNING, "{0} numbers of today''s blocks and offline slice set aside: new receptions take new blocks",
                        retired);
                topUpNumbers(client.user().agencyCode(), 20, 50);
            }
        }
        return new Report(applied, duplicates, refused, pulled, cursor, waiting, restored);
    }

    /**
     * Changes made at this workstation that the server sends back and this cache lacks: only a cache that came back
     * older than what it pushed can lack them (a change refused by the server never comes back). Dossiers with local
     * changes still waiting are left to the push answer.
     */
    private int ownChangesMissingHere(List<Change> changes) {
        int missing = 0;
        SyncLedger ledger = cache.sync();
        for (Change c : changes) {
            Dossier server = c.dossier();
            if (workstationId == null || server.events().stream().noneMatch(e -> workstationId.equals(e.workstationId()))) {
                continue;
            }
            int have = cache.dossierRepository().findByCode(server.code()).map(d -> d.events().size()).orElse(0);
            for (int i = have; i < server.events().size(); i++) {
                if (workstationId.equals(server.events().get(i).workstationId()) && !ledger.hasPending(server.code())) {
                    missing++;
                }
            }
        }
        return missing;
    }

    private static final java.time.Duration LAST_SUCCESS_STORED_EVERY = java.time.Duration.ofMinutes(5);
    private volatile Instant lastSuccess;

    /** When a round last succeeded: this session's last round, else what the cache recorded. */
    public java.util.Optional<Instant> lastSuccess() {
        Instant here = lastSuccess;
        return here != null ? java.util.Optional.of(here) : cache.sync().state(SyncLedger.LAST_SUCCESS).map(Instant::parse);
    }

    /**
     * At most one pull request on its way in a thread of its own, for the page after the one being stored. Closed at
     * the end of the round: a page fetched but not taken (cancelled, or the store failed) is dropped, and the next
     * round asks again from the cursor stored with the last page.
     */
    private final class PullAhead implements AutoCloseable {
        private java.util.concurrent.ExecutorService thread;
        private java.util.concurrent.Future<PullResponse> pending;

        void start(long after) {
            if (thread == null) {
                thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "motcua-sync-pull-ahead");
                    t.setDaemon(true);
                    return t;
                });
            }
            pending = thread.submit(() -> client.pull(after, pullPage));
        }

        PullResponse take() throws SyncException {
            java.util.concurrent.Future<PullResponse> f = pending;
            pending = null;
            try {
                return f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof SyncException se) {
                    throw se;
                }
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                f.cancel(true);
                Thread.currentThread().interrupt();
                throw new SyncException(SyncException.Kind.UNREACHABLE, SyncText.get(client.locale(), "interrupted"), e);
            }
        }

        @Override
        public void close() {
            if (pending != null) {
                pending.cancel(true);
            }
            if (thread != null) {
                thread.shutdownNow();
            }
        }
    }

    /**
     * Uploads the documents made here (scans, drafts) once their dossier's changes are on the server: chunk by chunk from
     * the offset the server reports, so an interrupted upload resumes; then the document row. Signed results, approval
     * records and issued results are not sent here: they travel with their change ({@link ProofUploads}). A document the server refuses stays here, unsynced, and is tried again next round without
     * holding up the rest; a lost connection stops the round (the job retries with backoff).
     *
     * @return how many documents the server took this round
     */
    public int pushDocuments() throws SyncException {
        DossierDocuments docs = cache.documents();
        SyncLedger ledger = cache.sync();
        int sent = 0;
        ProofUploads files = new ProofUploads(docs, client);
        // Proofs travel with their approval or issue (a refused one's stay here, never sent): not even read here, so
        // however many there are they never hold up the scans behind them.
        java.util.Set<DossierDocuments.Kind> kinds = java.util.EnumSet.allOf(DossierDocuments.Kind.class);
        kinds.removeIf(ProofUploads::isProof);
        for (DossierDocuments.Document d : docs.unsynced(200, kinds)) {
            if (ledger.hasPending(d.dossierCode())) {
                continue; // the dossier's own changes go first
            }
            try {
                files.upload(d.sha256(), d.dossierCode(), docs.content(d));
                client.addDocument(new DocumentInfo(d.dossierCode(), d.kind().name(), d.sha256(), d.size(), d.name(), d.mediaType(), d.createdAt(),
                        d.createdBy(), d.note()));
                docs.markSynced(d.id());
                sent++;
            } catch (SyncException e) {
                if (e.kind() == SyncException.Kind.UNREACHABLE || e.kind() == SyncException.Kind.UNAUTHORISED) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "Document " + d.name() + " of " + d.dossierCode() + " not taken by the server: " + e.getMessage());
            }
        }
        return sent;
    }

    /**
     * Fetches the documents of a dossier this workstation does not have yet (a result signed on the head's PC, for the
     * records clerk's); each file is checked against its SHA-256 before it is stored.
     *
     * @return how many documents were new here
     */
    public int fetchDocuments(String dossierCode) throws SyncException {
        DossierDocuments docs = cache.documents();
        java.util.Set<String> have = new java.util.HashSet<>();
        docs.list(dossierCode).forEach(d -> have.add(d.kind().name() + "/" + d.sha256()));
        int added = 0;
        for (DocumentInfo info : client.documents(dossierCode)) {
            DossierDocuments.Kind kind;
            try {
                kind = DossierDocuments.Kind.valueOf(info.kind());
            } catch (IllegalArgumentException e) {
                continue; // a kind a newer server knows
            }
            if (have.contains(info.kind() + "/" + info.sha256())) {
                continue;
            }
            byte[] bytes = client.file(info.sha256());
            if (!DossierDocuments.sha256(bytes).equals(info.sha256())) {
                throw new SyncException(SyncException.Kind.SERVER, SyncText.get(null, "fileDamaged", info.name(), dossierCode), null);
            }
            if (docs.addFromServer(new DossierDocuments.NewDocument(dossierCode, kind, info.name(), info.mediaType(), bytes, info.createdBy(),
                    info.note()), info.createdAt())) {
                added++;
            }
        }
        return added;
    }

    private static boolean stillPending(SyncLedger ledger, PendingChange change) {
        return ledger.pending(Integer.MAX_VALUE).stream().anyMatch(p -> p.mutationId().equals(change.mutationId()));
    }

    /** The day the server last refused a block (not asked again that day). */
    private java.time.LocalDate blocksRefusedOn;

    /**
     * Keeps this workstation supplied with dossier numbers reserved on the server for today: when fewer than
     * {@code threshold} are left in its blocks, one more block of {@code size} is reserved and stored. Numbers
     * from server blocks are unique across the agency's workstations even before they sync.
     *
     * @return the numbers left after topping up
     */
    public int topUpNumbers(String agencyCode, int threshold, int size) throws SyncException {
        java.time.LocalDate day = java.time.LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")));
        vn.motcua.core.code.DossierCodeAllocator allocator = new vn.motcua.core.code.DossierCodeAllocator(workstationId, 1,
                cache.numberBlocks(), vn.motcua.core.code.OfflineFallbackPolicy.standard());
        int left = allocator.remainingInBlocks(agencyCode, day);
        // The fallback slot comes with a block: ask once even with numbers left, so an offline morning never finds
        // two workstations on the same slice.
        if (left >= threshold && cache.sync().knowsFallbackSlot() || day.equals(blocksRefusedOn)) {
            return left;
        }
        vn.motcua.sync.api.Messages.NumberBlockResponse b;
        try {
            b = client.reserveBlock(new vn.motcua.sync.api.Messages.NumberBlockRequest(workstationId, agencyCode, day, size));
        } catch (SyncException e) {
            if (e.kind() != SyncException.Kind.SERVER) {
                throw e;
            }
            // Refused (the day's quota of blocks): the counter numbers from what is left, then its own slice; the
            // dossiers' sync goes on.
            LOG.log(System.Logger.Level.WARNING, "No new block of dossier numbers today: " + e.getMessage());
            blocksRefusedOn = day;
            return left;
        }
        cache.numberBlocks().addBlock(new vn.motcua.core.code.NumberBlock(b.agencyCode(), b.day(), b.first(), b.last(), workstationId));
        // A server older than its schema 5 gives no slot: slot 1, as every workstation had before, and recorded so the
        // next rounds do not ask again (each ask reserves a block).
        cache.sync().state(vn.motcua.store.SyncLedger.FALLBACK_SLOT, Integer.toString(b.fallbackSlot() == null ? 1 : b.fallbackSlot()));
        return allocator.remainingInBlocks(agencyCode, day);
    }

    /** Server-authoritative reference data into the cache: the catalogue and the agencies. */
    public ReferenceData syncReference() throws SyncException {
        ReferenceData ref = client.reference();
        List<Procedure> procedures = ref.procedures() == null ? List.of() : ref.procedures();
        if (!procedures.isEmpty()) {
            cache.procedures().replaceAll(procedures);
        }
        for (Agency a : ref.agencies() == null ? List.<Agency>of() : ref.agencies()) {
            cache.agencies().save(a);
        }
        if (ref.officialSchedules() != null) {
            writeSchedules(ref.officialSchedules());
        }
        return ref;
    }

    /** The server's official schedules into the data folder, checked first and written atomically. */
    private void writeSchedules(String text) throws SyncException {
        java.nio.file.Path file = cache.dataDir().resolve(vn.motcua.store.WorkstationCalendar.SCHEDULES_FILE);
        try {
            vn.motcua.core.calendar.OfficialSchedule.parse(text, vn.motcua.store.WorkstationCalendar.SCHEDULES_FILE);
            if (java.nio.file.Files.exists(file) && java.nio.file.Files.readString(file).equals(text)) {
                return;
            }
            java.nio.file.Path tmp = file.resolveSibling(vn.motcua.store.WorkstationCalendar.SCHEDULES_FILE + ".tmp");
            java.nio.file.Files.writeString(tmp, text);
            java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException | RuntimeException e) {
            throw new SyncException(SyncException.Kind.SERVER, SyncText.get(Locale.getDefault(), "unreadable", e.getMessage()), e);
        }
    }

    /** Records a failed round for the status bar, in the user's words. */
    public void failed(SyncException e, Locale locale) {
        cache.sync().state(SyncLedger.LAST_ERROR, Instant.now(clock) + " " + e.getMessage());
    }
}
