package vn.motcua.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.sync.testing.SyncWorld.CLERK;
import static vn.motcua.sync.testing.SyncWorld.HEAD;
import static vn.motcua.sync.testing.SyncWorld.SPECIALIST;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.DossierEvent;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Role;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.store.SyncLedger;
import vn.motcua.sync.api.Attribution;
import vn.motcua.sync.api.Messages.Outcome;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.PushResult;
import vn.motcua.sync.testing.DatabaseDump;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.sync.testing.SyncWorldExtension;

/**
 * A workstation shared by two users, through the product's own paths (key ring, first logins, the store, the engine)
 * against a real server: the clerk's offline work, pushed later while the head is logged in, is applied in the clerk's
 * name — the head's session only carries it; the head cannot make a change in the clerk's name, nor pass off an altered
 * copy of hers; work signed with a key the server does not know yet waits, and goes once the clerk's key is enrolled.
 */
@ExtendWith(SyncWorldExtension.class)
class SharedWorkstationTest {
    static SyncWorld world;

    @BeforeAll
    static void start(SyncWorld w) {
        world = w;
    }

    @Test
    void theClerksOfflineWorkIsAppliedInHerNameUnderTheHeadsSession() throws Exception {
        Path data = world.dir.resolve("shared-w");
        // The clerk logs in online on the new workstation W: its key ring, her signing key made and enrolled by her session.
        WorkstationEnrolment.Enrolled clerk = enrolment(data, "WS-W").enrol(CLERK, SyncWorld.PASSWORD.toCharArray());
        assertTrue(CacheKeyRing.load(data).enrolled(CLERK, clerk.userKey().keyId()), "enrolled at her first login");
        assertTrue(loggedIn(CLERK, "WS-W").userKeys(CLERK).stream().anyMatch(k -> k.keyId().equals(clerk.userKey().keyId())
                && "WS-W".equals(k.workstationId()) && k.revokedAt() == null), "the server holds it");

        // She works offline: a dossier received at the counter; then she logs out.
        String code;
        try (LocalCache cache = CacheOpener.open(data, clerk.key())) {
            cache.users().save(clerk.user());
            cache.signCommandsWith(clerk.userKey());
            code = world.receiveInto(cache, "H21.17-SHARED-00001", CLERK, "WS-W");
        }

        // The head logs in on W (online): a key of his own; hers stays locked in the ring.
        WorkstationEnrolment.Enrolled head = enrolment(data, "WS-W").enrol(HEAD, SyncWorld.PASSWORD.toCharArray());
        assertNotEquals(clerk.userKey().keyId(), head.userKey().keyId());
        try (LocalCache cache = CacheOpener.open(data, head.key())) {
            cache.signCommandsWith(head.userKey());
            // In his session he writes a change in her name: it is held, never sent.
            act(cache, code, new Command.Assign(SPECIALIST), CLERK, Role.CLERK, "WS-W");
            SyncLedger ledger = cache.sync();
            assertEquals(2, ledger.pendingCount());
            assertEquals(SyncLedger.HELD_UNSIGNED, ledger.held().get(0).held());

            SyncClient headSession = loggedIn(HEAD, "WS-W");
            SyncEngine.Report r = new SyncEngine(cache, headSession, "WS-W", Clock.systemUTC(), 10, 50).syncOnce(SyncEngine.Progress.NONE);
            assertEquals(1, r.applied(), r.toString());
            assertEquals(1, ledger.pendingCount(), "the change in her name made in his session stays here");
        }

        // The server's history shows the clerk, and keeps the proof: her key, her signature, carried by the head's session.
        Dossier onServer = serverCopy(code);
        DossierEvent first = onServer.events().get(0);
        assertEquals(CLERK, first.actorUsername());
        assertEquals(Role.CLERK, first.actorRole());
        assertEquals(1, onServer.events().size(), "nothing in her name beyond what she signed");
        DatabaseDump dump = world.dump();
        String proof = dump.rowsOf("signed_command").stream().filter(row -> row.contains("dossierCode=" + code)).findFirst().orElseThrow();
        assertTrue(proof.contains(" | " + CLERK + " | " + clerk.userKey().keyId() + " | "), proof);
        assertTrue(proof.contains(" | " + HEAD + " | WS-W | "), "carried by the head's session: " + proof);
    }

    @Test
    void theHeadCannotPassOffAChangeInTheClerksName() throws Exception {
        Path data = world.dir.resolve("shared-f");
        WorkstationEnrolment.Enrolled clerk = enrolment(data, "WS-F").enrol(CLERK, SyncWorld.PASSWORD.toCharArray());
        PushCommand hers;
        try (LocalCache cache = CacheOpener.open(data, clerk.key())) {
            cache.signCommandsWith(clerk.userKey());
            world.receiveInto(cache, "H21.17-SHARED-00002", CLERK, "WS-F");
            // Everyone with the workstation's cache key can read her pending change.
            hers = cache.sync().pending(1).get(0).command();
        }
        WorkstationEnrolment.Enrolled head = enrolment(data, "WS-F").enrol(HEAD, SyncWorld.PASSWORD.toCharArray());
        SyncClient headSession = loggedIn(HEAD, "WS-F");
        DatabaseDump before = world.dump();
        // Her change altered (another applicant), her signature kept: refused.
        Dossier after = hers.after();
        Dossier altered = new Dossier(after.code(), after.procedureCode(), after.procedureVersion(), after.rulePackId(), after.channel(),
                new PersonApplicant("Người Khác", java.time.LocalDate.of(1980, 1, 1), null, "Xã Khác", "0900000000", ""), after.papers(),
                after.receivedAt(), after.dueAt(), after.status(), after.assignee(), after.agencyCode(), after.events(), after.attachments(),
                after.results(), after.feesPaid(), after.delivery());
        PushResult forged = headSession.push("WS-F", List.of(new PushCommand(hers.mutationId(), hers.dossierCode(), hers.event(), altered,
                hers.keyId(), hers.signature()))).results().get(0);
        assertEquals(Outcome.REJECTED, forged.outcome());
        assertTrue(forged.reason().contains("altered or forged"), forged.reason());
        // Her change re-signed with his own key: it is his key, not hers.
        PushCommand withHisKey = new PushCommand(hers.mutationId(), hers.dossierCode(), hers.event(), hers.after(), head.userKey().keyId(), null);
        PushResult resigned = headSession.push("WS-F", List.of(withHisKey.signed(head.userKey().keyId(),
                head.userKey().sign(Attribution.commandBytes(withHisKey))))).results().get(0);
        assertEquals(Outcome.REJECTED, resigned.outcome());
        assertTrue(resigned.reason().contains("signed with the key of " + HEAD), resigned.reason());
        before.assertSameAs(world.dump(), "forged copies of the clerk's change");
        // Her genuine change still goes through: the forgeries did not take its mutation id.
        assertEquals(Outcome.APPLIED, headSession.push("WS-F", List.of(hers)).results().get(0).outcome());
        assertEquals(CLERK, serverCopy(hers.dossierCode()).events().get(0).actorUsername());
    }

    @Test
    void workSignedBeforeTheKeyReachedTheServerWaitsThenGoes() throws Exception {
        Path data = world.dir.resolve("shared-v");
        enrolment(data, "WS-V").enrol(CLERK, SyncWorld.PASSWORD.toCharArray());
        // The workstation was renamed: her next login (offline) makes a key for the new name, not enrolled anywhere yet.
        CacheKeyRing.Unlocked offline = CacheKeyRing.load(data).open(CLERK, SyncWorld.PASSWORD.toCharArray(), "WS-V2", Instant.now());
        assertTrue(offline.created());
        String code;
        try (LocalCache cache = CacheOpener.open(data, offline.cacheKey())) {
            cache.signCommandsWith(offline.userKey());
            code = world.receiveInto(cache, "H21.17-SHARED-00003", CLERK, "WS-V2");
        }
        WorkstationEnrolment.Enrolled head = enrolment(data, "WS-V2").enrol(HEAD, SyncWorld.PASSWORD.toCharArray());
        try (LocalCache cache = CacheOpener.open(data, head.key())) {
            cache.signCommandsWith(head.userKey());
            SyncClient headSession = loggedIn(HEAD, "WS-V2");
            SyncEngine engine = new SyncEngine(cache, headSession, "WS-V2", Clock.systemUTC(), 10, 50);
            DatabaseDump before = world.dump();
            SyncEngine.Report waiting = engine.syncOnce(SyncEngine.Progress.NONE);
            before.assertSameAs(world.dump(), "a change waiting for its key");
            assertEquals(1, waiting.waiting(), waiting.toString());
            assertEquals(0, waiting.refused(), "nothing lost: not a conflict");
            assertEquals(1, cache.sync().pendingCount());
            String why = cache.sync().held().get(0).serverWaiting();
            assertTrue(why.contains(CLERK) && why.contains("not enrolled"), why);

            // She logs in online there (what the product's sync job does after her password login): her key is enrolled.
            assertTrue(WorkstationEnrolment.enrolKey(data, loggedIn(CLERK, "WS-V2"), offline.userKey()));
            SyncEngine.Report sent = engine.syncOnce(SyncEngine.Progress.NONE);
            assertEquals(1, sent.applied(), sent.toString());
            assertEquals(0, cache.sync().pendingCount());
        }
        DossierEvent e = serverCopy(code).events().get(0);
        assertEquals(CLERK, e.actorUsername());
        assertEquals("WS-V2", e.workstationId());
    }

    private static WorkstationEnrolment enrolment(Path data, String workstation) {
        return new WorkstationEnrolment(data, new SyncClient(world.server.uri(), Locale.ENGLISH), workstation, Locale.ENGLISH);
    }

    private static SyncClient loggedIn(String username, String workstation) throws SyncException {
        SyncClient c = new SyncClient(world.server.uri(), Locale.ENGLISH);
        c.login(username, SyncWorld.PASSWORD.toCharArray(), workstation);
        return c;
    }

    /** The dossier as a reader of the agency pulls it from the server. */
    private static Dossier serverCopy(String code) throws Exception {
        SyncWorld.Client reader = world.client("r-" + code.substring(code.length() - 5), SPECIALIST, Clock.systemUTC());
        reader.sync();
        return reader.dossier(code);
    }

    private static void act(LocalCache cache, String code, Command command, String username, Role role, String workstation) {
        Dossier d = cache.dossierRepository().findByCode(code).orElseThrow();
        Transition t = SyncWorld.LIFECYCLE.apply(d, command, new Actor(world.user(username), role, workstation), Instant.now());
        cache.dossierRepository().save(t.dossier(), t.event());
    }
}
