package vn.motcua.sync;

import static vn.motcua.sync.testing.SyncWorld.CLERK;
import static vn.motcua.sync.testing.SyncWorld.SPECIALIST;
import static vn.motcua.sync.testing.SyncWorld.HEAD;
import vn.motcua.sync.testing.ClientProcess;
import vn.motcua.sync.testing.PostgresCluster;
import vn.motcua.sync.testing.ServerProcess;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.sync.testing.SyncWorldExtension;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierAction;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.DossierStatus;
import vn.motcua.core.model.Role;
import vn.motcua.store.SyncLedger;
import vn.motcua.sync.api.Messages.Outcome;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.PushResponse;
import vn.motcua.sync.api.SyncEquality;

/** Two and more workstations against one real server process on loopback (H2 file behind it). */
@ExtendWith(SyncWorldExtension.class)
class SyncTest {

    static SyncWorld world;

    @BeforeAll
    static void start(SyncWorld w) {
        world = w;
    }

    static void assertSameHistory(Dossier a, Dossier b) {
        assertEquals(a.status(), b.status(), a.code());
        assertEquals(a.events().size(), b.events().size(), a.code() + " events");
        for (int i = 0; i < a.events().size(); i++) {
            assertTrue(SyncEquality.sameEvent(a.events().get(i), b.events().get(i)), a.events().get(i) + " vs " + b.events().get(i));
        }
        assertEquals(a.assignee(), b.assignee());
    }

    @Test
    void workOnOneWorkstationReachesTheOtherAndBack() throws Exception {
        SyncWorld.Client a = world.client("a1", CLERK, Clock.systemUTC());
        SyncWorld.Client b = world.client("b1", SPECIALIST, Clock.systemUTC());
        String c1 = a.receive(CLERK);
        String c2 = a.receive(CLERK);
        assertEquals(2, a.cache.sync().pendingCount(), "each change waits in the outbox");
        SyncEngine.Report ra = a.sync();
        assertEquals(2, ra.applied());
        assertEquals(0, a.cache.sync().pendingCount());
        b.engine.syncReference();
        b.sync();
        assertSameHistory(a.dossier(c1), b.dossier(c1));
        assertSameHistory(a.dossier(c2), b.dossier(c2));

        // The head assigns on B, the specialist starts processing on B; A sees both.
        b.act(c1, new Command.Assign(SPECIALIST), HEAD, Role.HEAD);
        b.act(c1, new Command.StartProcessing(), SPECIALIST, Role.SPECIALIST);
        assertEquals(2, b.sync().applied());
        a.sync();
        assertEquals(DossierStatus.IN_PROCESS, a.dossier(c1).status());
        assertSameHistory(b.dossier(c1), a.dossier(c1));
        assertEquals(SPECIALIST, a.dossier(c1).assignee());
    }

    /**
     * A paged pull fetches each next page while it stores the one before; stopped midway, the round drops the page
     * already on its way and the next round starts after the last page stored: nothing skipped, nothing twice.
     */
    @Test
    void aPagedPullStoppedMidwayResumesAfterItsLastStoredPage() throws Exception {
        SyncWorld.Client a = world.client("pa", CLERK, Clock.systemUTC());
        List<String> codes = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            codes.add(a.receive(CLERK));
        }
        a.sync();
        SyncWorld.Client b = world.client("pb", HEAD, Clock.systemUTC());
        SyncEngine paged = new SyncEngine(b.cache, b.http, "WS-pb", Clock.systemUTC(), 10, 4);
        int[] pages = new int[1];
        SyncEngine.Report first = paged.syncOnce(new SyncEngine.Progress() {
            @Override
            public void pulled(long position, long head) {
                pages[0]++;
            }

            @Override
            public boolean cancelled() {
                return pages[0] >= 2;
            }
        });
        assertEquals(2, pages[0]);
        assertEquals(8, first.pulled(), "two pages of four");
        assertEquals(first.cursor(), b.cache.sync().cursor(), "the cursor of the last page stored");
        long end = System.nanoTime() + 5_000_000_000L;
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("motcua-sync-pull-ahead") && t.isAlive())
                && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("motcua-sync-pull-ahead") && t.isAlive()),
                "the page fetched ahead went with the round");
        SyncEngine.Report rest = paged.syncOnce(SyncEngine.Progress.NONE);
        for (String code : codes) {
            assertEquals(1, b.dossier(code).events().size(), code);
        }
        SyncWorld.Client c = world.client("pc", HEAD, Clock.systemUTC());
        SyncEngine.Report once = new SyncEngine(c.cache, c.http, "WS-pc", Clock.systemUTC(), 10, 4).syncOnce(SyncEngine.Progress.NONE);
        assertEquals(once.cursor(), rest.cursor());
        assertEquals(once.pulled(), first.pulled() + rest.pulled(), "no page skipped or pulled twice");
    }

    @Test
    void theSameBatchDeliveredTwiceIsAppliedOnce() throws Exception {
        SyncWorld.Client a = world.client("a2", CLERK, Clock.systemUTC());
        String code = a.receive(CLERK);
        a.act(code, new Command.Assign(SPECIALIST), CLERK, Role.CLERK);
        List<PushCommand> batch = a.cache.sync().pending(100).stream().map(SyncLedger.PendingChange::command).toList();
        assertEquals(2, batch.size());
        // As if the answer to the first delivery was lost: the very same batch goes again.
        PushResponse first = a.http.push("WS-a2", batch);
        PushResponse second = a.http.push("WS-a2", batch);
        assertTrue(first.results().stream().allMatch(r -> r.outcome() == Outcome.APPLIED), first.toString());
        assertTrue(second.results().stream().allMatch(r -> r.outcome() == Outcome.DUPLICATE && r.firstOutcome() == Outcome.APPLIED),
                second.toString());
        assertEquals(first.results().get(1).position(), second.results().get(1).position());
        // The client's own round then finds its outbox already applied: no third copy.
        SyncEngine.Report r = a.sync();
        assertEquals(2, r.duplicates());
        SyncWorld.Client fresh = world.client("c2", CLERK, Clock.systemUTC());
        fresh.sync();
        assertEquals(2, fresh.dossier(code).events().size(), "applied once");
    }

    @Test
    void twoWorkstationsActingOfflineOnOneDossierSeeAClearConflict() throws Exception {
        SyncWorld.Client a = world.client("a3", HEAD, Clock.systemUTC());
        SyncWorld.Client b = world.client("b3", CLERK, Clock.systemUTC());
        String code = a.receive(CLERK);
        a.sync();
        b.sync();
        // Both offline: the head on A assigns the specialist; the clerk on B asks for a supplement.
        a.act(code, new Command.Assign(SPECIALIST), HEAD, Role.HEAD);
        b.act(code, new Command.RequestSupplement("Thiếu bản sao sổ hộ khẩu", null), CLERK, Role.CLERK);
        assertEquals(1, a.sync().applied());
        SyncEngine.Report rb = b.sync();
        assertEquals(1, rb.refused());
        List<SyncLedger.Conflict> conflicts = b.cache.sync().conflicts(false);
        assertEquals(1, conflicts.size());
        SyncLedger.Conflict c = conflicts.get(0);
        assertEquals(code, c.dossierCode());
        assertEquals(DossierAction.REQUEST_SUPPLEMENT.name(), c.action());
        assertTrue(c.reason().contains("handled on another workstation first"), c.reason());
        assertEquals(DossierStatus.ASSIGNED.name(), c.serverStatus());
        assertTrue(c.serverLast().startsWith("ASSIGN by " + HEAD), c.serverLast());
        // B now holds the server's version; all agree.
        assertEquals(DossierStatus.ASSIGNED, b.dossier(code).status());
        a.sync();
        assertSameHistory(a.dossier(code), b.dossier(code));
        assertEquals(0, b.cache.sync().pendingCount(), "nothing left behind in the outbox");
        b.cache.sync().acknowledge(c.id());
        assertTrue(b.cache.sync().conflicts(false).isEmpty());
        assertEquals(1, b.cache.sync().conflicts(true).size(), "kept for the record");
    }

    @Test
    void orderFollowsTheServerNotAClockHoursOff() throws Exception {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofHours(7));
        SyncWorld.Client fast = world.client("fast", CLERK, ahead);
        SyncWorld.Client b = world.client("b4", HEAD, Clock.systemUTC());
        String code = fast.receive(CLERK);
        fast.sync();
        b.sync();
        // B acts after A by the server's order although A's clock says A acted hours "later".
        b.act(code, new Command.Assign(SPECIALIST), HEAD, Role.HEAD);
        b.sync();
        fast.sync();
        Dossier seen = fast.dossier(code);
        List<DossierEvent> ev = seen.events();
        assertEquals(List.of(DossierAction.RECEIVE, DossierAction.ASSIGN), ev.stream().map(DossierEvent::action).toList());
        assertTrue(ev.get(0).at().isAfter(ev.get(1).at()), "client times are kept as recorded, not used for order");
        assertEquals(DossierStatus.ASSIGNED, seen.status());
    }

    @Test
    void aChangeTheServerDoesNotAllowIsRefusedWithItsReason() throws Exception {
        SyncWorld.Client a = world.client("a5", CLERK, Clock.systemUTC());
        String code = a.receive(CLERK);
        a.sync();
        // The server's account of the clerk has no HEAD role: approval by them is refused there too.
        PushCommand forged = forgedApproval(a, code);
        PushResponse r = a.http.push("WS-a5", List.of(forged));
        assertEquals(Outcome.REJECTED, r.results().get(0).outcome());
        assertFalse(r.results().get(0).reason().isBlank());
    }

    private static PushCommand forgedApproval(SyncWorld.Client a, String code) {
        Dossier d = a.dossier(code);
        DossierEvent e = new DossierEvent(d.nextSequence(), DossierAction.APPROVE, d.status(), DossierStatus.APPROVED, CLERK, Role.HEAD,
                "WS-a5", java.time.Instant.now(), "", null, null, null, null);
        return new PushCommand(java.util.UUID.randomUUID().toString(), code, e, d);
    }

    @Test
    void workstationsGetDisjointNumberBlocksFromTheServer() throws Exception {
        SyncWorld.Client a = world.client("n1", CLERK, Clock.systemUTC());
        SyncWorld.Client b = world.client("n2", CLERK, Clock.systemUTC());
        String agency = vn.motcua.training.DemoData.communeCode();
        assertEquals(50, a.engine.topUpNumbers(agency, 20, 50));
        assertEquals(50, b.engine.topUpNumbers(agency, 20, 50));
        assertEquals(50, a.engine.topUpNumbers(agency, 20, 50), "enough left: no new block");
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        var ba = a.cache.numberBlocks().blocks("WS-n1", agency, day);
        var bb = b.cache.numberBlocks().blocks("WS-n2", agency, day);
        assertEquals(1, ba.size());
        assertEquals(1, bb.size());
        assertTrue(ba.get(0).to() < bb.get(0).from() || bb.get(0).to() < ba.get(0).from(), ba + " / " + bb);
        // Offline once the blocks are used up: each numbers from its own slice (they were all slot 1 before).
        int slotA = a.cache.sync().fallbackSlot();
        int slotB = b.cache.sync().fallbackSlot();
        assertTrue(a.cache.sync().knowsFallbackSlot() && b.cache.sync().knowsFallbackSlot());
        assertTrue(slotA >= 1 && slotB >= 1 && slotA != slotB, slotA + " / " + slotB);
        var policy = vn.motcua.core.code.OfflineFallbackPolicy.standard();
        var fa = new vn.motcua.core.code.DossierCodeAllocator("WS-n1", slotA, a.cache.numberBlocks(), policy).fallbackBlock(agency, day);
        var fb = new vn.motcua.core.code.DossierCodeAllocator("WS-n2", slotB, b.cache.numberBlocks(), policy).fallbackBlock(agency, day);
        assertTrue(fa.to() < fb.from() || fb.to() < fa.from(), fa + " / " + fb);
        // The slot is kept: a later block (a new day, a fresh data folder of the same workstation) brings the same one.
        a.cache.sync().state(vn.motcua.store.SyncLedger.FALLBACK_SLOT, null);
        assertEquals(100, a.engine.topUpNumbers(agency, 20, 50), "an unknown slot asks the server even with numbers left");
        assertEquals(slotA, a.cache.sync().fallbackSlot());
    }

    @Test
    void theProvincesScheduleReachesTheWorkstationsCalendar() throws Exception {
        SyncWorld.Client a = world.client("cal", CLERK, Clock.systemUTC());
        java.time.LocalDate day = java.time.LocalDate.of(2026, 12, 31);
        assertTrue(new vn.motcua.store.WorkstationCalendar(a.cache).current().dayStatus(day).working(), "a Thursday, worked by default");
        a.engine.syncReference();
        assertFalse(new vn.motcua.store.WorkstationCalendar(a.cache).current().dayStatus(day).working(), "the province's day off arrived");
        // A broken schedule is refused whole, naming the line; what was served stays.
        SyncClient admin = new SyncClient(world.server.uri(), java.util.Locale.forLanguageTag("vi"));
        admin.login("admin", "admin-pw-123".toCharArray(), "admin-console");
        SyncException bad = assertThrows(SyncException.class, () -> admin.putReference(
                new vn.motcua.sync.api.Messages.AdminReference(List.of(), List.of(), List.of(), "2026-13-01 OFF ngày sai\n")));
        assertTrue(bad.getMessage().contains("dòng 1") || bad.getMessage().contains("line 1"), bad.getMessage());
        assertTrue(a.http.reference().officialSchedules().contains("thử nghiệm đồng bộ"));
    }

    @Test
    void aWrongPasswordOrNoTokenIsRefusedInPlainWords() {
        SyncClient c = new SyncClient(world.server.uri(), java.util.Locale.forLanguageTag("vi"));
        SyncException wrong = assertThrows(SyncException.class, () -> c.login(CLERK, "sai".toCharArray(), "WS-x"));
        assertEquals(SyncException.Kind.UNAUTHORISED, wrong.kind());
        assertTrue(wrong.getMessage().contains("mật khẩu không đúng"), wrong.getMessage());
        SyncException none = assertThrows(SyncException.class, () -> c.pull(0, 10));
        assertEquals(SyncException.Kind.UNAUTHORISED, none.kind());
    }

    /** A training sandbox never logs in to a production server; a workshop's server says it is a training one. */
    @Test
    void aTrainingWorkstationRefusesAProductionServerAndAcceptsATrainingOne(@TempDir Path tmp) throws Exception {
        vn.motcua.sync.SyncClient trainee = new vn.motcua.sync.SyncClient(world.server.uri(), java.util.Locale.forLanguageTag("vi"))
                .requireTrainingServer();
        vn.motcua.sync.SyncException e = assertThrows(vn.motcua.sync.SyncException.class,
                () -> trainee.login(CLERK, SyncWorld.PASSWORD.toCharArray(), "DAOTAO-1"));
        assertTrue(e.getMessage().contains("không phải máy chủ đào tạo"), e.getMessage());
        assertFalse(trainee.loggedIn(), "no token kept from a production server");
        try (SyncWorld workshop = new SyncWorld(tmp, Map.of("training", "true"))) {
            vn.motcua.sync.SyncClient ok = new vn.motcua.sync.SyncClient(workshop.server.uri(), java.util.Locale.ENGLISH).requireTrainingServer();
            assertTrue(ok.login(CLERK, SyncWorld.PASSWORD.toCharArray(), "DAOTAO-1").training());
            assertTrue(ok.loggedIn());
        }
    }
}
