package vn.motcua.sync.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.motcua.sync.testing.SyncWorld.CLERK;
import static vn.motcua.sync.testing.SyncWorld.HEAD;
import static vn.motcua.sync.testing.SyncWorld.SPECIALIST;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.motcua.core.lifecycle.Actor;
import vn.motcua.core.lifecycle.Command;
import vn.motcua.core.lifecycle.Transition;
import vn.motcua.core.model.Dossier;
import vn.motcua.core.model.PersonApplicant;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.store.UserKey;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.api.Attribution;
import vn.motcua.sync.api.Messages.AdminReference;
import vn.motcua.sync.api.Messages.LoginChallenge;
import vn.motcua.sync.api.Messages.Outcome;
import vn.motcua.sync.api.Messages.PushCommand;
import vn.motcua.sync.api.Messages.PushRequest;
import vn.motcua.sync.api.Messages.PushResponse;
import vn.motcua.sync.api.Messages.PushResult;
import vn.motcua.sync.api.Messages.RenewRequest;
import vn.motcua.sync.api.Messages.UserAccount;
import vn.motcua.sync.api.Messages.UserKeyEnrolment;
import vn.motcua.sync.api.Messages.UserKeyRevocation;
import vn.motcua.sync.api.SyncJson;
import vn.motcua.sync.testing.DatabaseDump;
import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.sync.testing.SyncWorldExtension;

/**
 * Who did it, attacked over raw HTTP against a real server process (issue 20): a clerk acting in the head's name, a
 * role claimed in the body, a captured command replayed by another user (new mutation id, another dossier, altered
 * after-state), an unsigned command, a revoked key, a deactivated user's key, a key enrolled for another username,
 * forged renewals and revocations. Each is refused with its status and reason, and the database is left as it was.
 */
@ExtendWith(SyncWorldExtension.class)
class ImpersonationAttackTest {
    static SyncWorld world;
    static RawHttp raw;
    static final SyncJson JSON = new SyncJson();
    /** A workstation where the clerk and the head both worked: the dossier received is on the server. */
    static SyncWorld.Client shared;
    static String received;

    @BeforeAll
    static void start(SyncWorld w) throws Exception {
        world = w;
        raw = w.raw();
        shared = w.client("imp", CLERK, Clock.systemUTC());
        received = shared.receive(CLERK);
        shared.userKey(HEAD);
        shared.enrolKey(HEAD);
        assertEquals(1, shared.sync().applied());
    }

    @Test
    void aClerkCannotActInTheHeadsName() throws Exception {
        String clerk = raw.login(CLERK, SyncWorld.PASSWORD, "WS-imp");
        // The head's assignment, as the clerk would write it.
        PushCommand assign = command(received, new Command.Assign(SPECIALIST), world.user(HEAD), Role.HEAD);
        UserKey clerksKey = shared.userKey(CLERK);
        String headsKeyId = shared.userKey(HEAD).keyId();
        PushCommand withHeadsKey = new PushCommand(assign.mutationId(), assign.dossierCode(), assign.event(), assign.after(), headsKeyId, null);
        DatabaseDump before = world.dump();

        assertRefused(push(clerk, assign), "không có chữ ký của người thực hiện");
        PushCommand signedByClerk = new PushCommand(assign.mutationId(), assign.dossierCode(), assign.event(), assign.after(), clerksKey.keyId(), null);
        assertRefused(push(clerk, signedByClerk.signed(clerksKey.keyId(), clerksKey.sign(Attribution.commandBytes(signedByClerk)))),
                "được ký bằng khóa của " + CLERK);
        assertRefused(push(clerk, withHeadsKey.signed(headsKeyId, clerksKey.sign(Attribution.commandBytes(withHeadsKey)))), "bị sửa hoặc bị giả mạo");
        assertRefused(push(clerk, withHeadsKey.signed(headsKeyId, "AAAA")), "bị sửa hoặc bị giả mạo");
        before.assertSameAs(world.dump(), "a clerk acting in the head's name");
    }

    @Test
    void aRoleClaimedInTheBodyIsRefused() throws Exception {
        String clerk = raw.login(CLERK, SyncWorld.PASSWORD, "WS-imp");
        // The clerk's own key and name, but the head's role (a client that believes he is a head).
        User claimed = new User(CLERK, "Cán bộ một cửa", world.user(CLERK).agencyCode(), EnumSet.of(Role.CLERK, Role.HEAD));
        PushCommand assign = shared.userKey(CLERK).sign(command(received, new Command.Assign(SPECIALIST), claimed, Role.HEAD));
        DatabaseDump before = world.dump();
        assertRefused(push(clerk, assign), "không giao vai trò");
        before.assertSameAs(world.dump(), "a role claimed in the body");
    }

    @Test
    void aCapturedCommandReplayedByAnotherUserIsRefused() throws Exception {
        SyncWorld.Client cap = world.client("cap", CLERK, Clock.systemUTC());
        String code = cap.receive(CLERK);
        PushCommand captured = cap.cache.sync().pending(1).get(0).command();
        String specialist = raw.login(SPECIALIST, SyncWorld.PASSWORD, "WS-other");
        DatabaseDump before = world.dump();

        assertRefused(push(specialist, new PushCommand(UUID.randomUUID().toString(), captured.dossierCode(), captured.event(), captured.after(),
                captured.keyId(), captured.signature())), "bị sửa hoặc bị giả mạo");
        assertRefused(push(specialist, new PushCommand(captured.mutationId(), code + "9", captured.event(), captured.after(), captured.keyId(),
                captured.signature())), "bị sửa hoặc bị giả mạo");
        Dossier a = captured.after();
        Dossier altered = new Dossier(a.code(), a.procedureCode(), a.procedureVersion(), a.rulePackId(), a.channel(),
                new PersonApplicant("Trần Văn Giả", java.time.LocalDate.of(1970, 1, 1), null, "Nơi khác", "0911111111", ""), a.papers(),
                a.receivedAt(), a.dueAt(), a.status(), a.assignee(), a.agencyCode(), a.events(), a.attachments(), a.results(), a.feesPaid(),
                a.delivery());
        assertRefused(push(specialist, new PushCommand(captured.mutationId(), captured.dossierCode(), captured.event(), altered, captured.keyId(),
                captured.signature())), "bị sửa hoặc bị giả mạo");
        before.assertSameAs(world.dump(), "a captured command replayed by another user");

        // Carried unchanged by someone else's session it is still the clerk's change, applied once, in her name.
        PushResult carried = results(raw.json("POST", "/v1/push", specialist, JSON.writeString(new PushRequest("WS-other", List.of(captured))))).get(0);
        assertEquals(Outcome.APPLIED, carried.outcome(), carried.toString());
        DatabaseDump applied = world.dump();
        assertEquals(Outcome.DUPLICATE, results(raw.json("POST", "/v1/push", specialist,
                JSON.writeString(new PushRequest("WS-other", List.of(captured))))).get(0).outcome());
        applied.assertSameAs(world.dump(), "the same command again");
        assertTrue(applied.rowsOf("dossier").stream().anyMatch(r -> r.startsWith(code + " |") && r.contains("\"actorUsername\":\"" + CLERK + "\"")));
    }

    @Test
    void anUnsignedCommandIsRefused() throws Exception {
        SyncWorld.Client c = world.client("uns", CLERK, Clock.systemUTC());
        c.receive(CLERK);
        PushCommand genuine = c.cache.sync().pending(1).get(0).command();
        String clerk = raw.login(CLERK, SyncWorld.PASSWORD, "WS-uns");
        DatabaseDump before = world.dump();
        RawHttp.Reply r = raw.json("POST", "/v1/push", clerk, JSON.writeString(new PushRequest("WS-uns",
                List.of(new PushCommand(genuine.mutationId(), genuine.dossierCode(), genuine.event(), genuine.after())))));
        assertRefused(r, "không có chữ ký của người thực hiện");
        before.assertSameAs(world.dump(), "an unsigned command");
    }

    @Test
    void aRevokedKeyAndADeactivatedUsersKeyCountForNothing() throws Exception {
        SyncWorld.Client c = world.client("rev", CLERK, Clock.systemUTC());
        c.receive(CLERK);
        PushCommand signed = c.cache.sync().pending(1).get(0).command();
        SyncClient admin = new SyncClient(world.server.uri(), java.util.Locale.ENGLISH);
        admin.login("admin", "admin-pw-123".toCharArray(), "admin-console");
        admin.revokeKeys(CLERK, signed.keyId());
        assertNotNull(admin.userKeys(CLERK).stream().filter(k -> k.keyId().equals(signed.keyId())).findFirst().orElseThrow().revokedAt());
        String clerk = raw.login(CLERK, SyncWorld.PASSWORD, "WS-rev");
        LoginChallenge challenge = JSON.read(raw.json("POST", "/v1/login/challenge", null, "").body(), LoginChallenge.class);
        DatabaseDump before = world.dump();
        assertRefused(push(clerk, signed), "đã bị thu hồi");
        RawHttp.Reply renew = raw.json("POST", "/v1/login/renew", null, renewal(c.userKey(CLERK), CLERK, challenge.challenge()));
        assertEquals(401, renew.status(), renew.toString());
        assertEquals("renew.revoked", renew.code());
        before.assertSameAs(world.dump(), "a revoked key");

        // A user deactivated by the admin: their (unrevoked) key stops counting.
        User leaver = new User("canbo.nghiviec", "Cán bộ nghỉ việc", world.user(CLERK).agencyCode(), EnumSet.of(Role.CLERK));
        world.addStaff(List.of(), List.of(leaver));
        SyncWorld.Client l = world.client("leaver", "canbo.nghiviec", Clock.systemUTC());
        l.receive("canbo.nghiviec");
        PushCommand hers = l.cache.sync().pending(1).get(0).command();
        admin.putReference(new AdminReference(List.of(), List.of(), List.of(new UserAccount(leaver, SyncWorld.PASSWORD, false)), null));
        DatabaseDump gone = world.dump();
        assertRefused(push(clerk, hers), "không có tài khoản đang hoạt động");
        gone.assertSameAs(world.dump(), "a deactivated user's key");
    }

    @Test
    void aKeyCannotBeEnrolledForAnotherUsername() throws Exception {
        String clerk = raw.login(CLERK, SyncWorld.PASSWORD, "WS-enr");
        UserKeyEnrolment forHead = UserKey.generate(HEAD, UUID.randomUUID().toString(), "WS-enr", Instant.now()).enrolment();
        UserKeyEnrolment headsReal = shared.userKey(HEAD).enrolment();
        DatabaseDump before = world.dump();
        RawHttp.Reply other = raw.json("POST", "/v1/user-keys", clerk, JSON.writeString(forHead));
        assertEquals(403, other.status(), other.toString());
        assertEquals("userKey.otherUser", other.code());
        // The head's public key claimed as the clerk's own: the clerk cannot make its proof.
        RawHttp.Reply stolen = raw.json("POST", "/v1/user-keys", clerk, JSON.writeString(new UserKeyEnrolment(CLERK, headsReal.keyId(),
                headsReal.algorithm(), headsReal.publicKey(), headsReal.cacheId(), headsReal.workstationId(), headsReal.createdAt(), headsReal.proof())));
        assertEquals(400, stolen.status(), stolen.toString());
        assertEquals("userKey.proof", stolen.code());
        RawHttp.Reply junk = raw.json("POST", "/v1/user-keys", clerk, Map.of("username", CLERK, "keyId", "x", "algorithm", "Ed25519",
                "publicKey", "bm90IGEga2V5", "cacheId", "0000-1111", "workstationId", "WS", "createdAt", "2026-12-07T00:00:00Z", "proof", "AAAA"));
        assertEquals(400, junk.status(), junk.toString());
        RawHttp.Reply anonymous = raw.json("POST", "/v1/user-keys", null, JSON.writeString(forHead));
        assertEquals(401, anonymous.status());
        // Nor revoked or listed by someone else.
        RawHttp.Reply revoke = raw.json("POST", "/v1/user-keys/revoke", clerk, JSON.writeString(new UserKeyRevocation(HEAD, null)));
        assertEquals(403, revoke.status(), revoke.toString());
        assertEquals(403, raw.get("/v1/user-keys?username=" + HEAD, clerk).status());
        before.assertSameAs(world.dump(), "key enrolment and revocation for another user");
    }

    @Test
    void aRenewalCannotBeForged() throws Exception {
        UserKey clerksKey = shared.userKey(CLERK);
        // A genuine renewal first: a new session without the password.
        String c1 = JSON.read(raw.json("POST", "/v1/login/challenge", null, "").body(), LoginChallenge.class).challenge();
        String genuine = renewal(clerksKey, CLERK, c1);
        RawHttp.Reply ok = raw.json("POST", "/v1/login/renew", null, genuine);
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(200, raw.get("/v1/pull?after=0&limit=1", ok.field("token")).status(), "the renewed session works");

        String c2 = JSON.read(raw.json("POST", "/v1/login/challenge", null, "").body(), LoginChallenge.class).challenge();
        DatabaseDump before = world.dump();
        // A session renewed with a key cannot enrol another key (a stolen key would otherwise mint new ones).
        RawHttp.Reply mint = raw.json("POST", "/v1/user-keys", ok.field("token"),
                JSON.writeString(UserKey.generate(CLERK, UUID.randomUUID().toString(), "WS-imp", Instant.now()).enrolment()));
        assertEquals(403, mint.status(), mint.toString());
        assertEquals("userKey.freshLogin", mint.code());
        RawHttp.Reply replayed = raw.json("POST", "/v1/login/renew", null, genuine);
        assertEquals(401, replayed.status(), "a challenge is used once: " + replayed);
        assertEquals("renew.challenge", replayed.code());
        // The head's session from the clerk's key: the key is not the head's.
        RawHttp.Reply asHead = raw.json("POST", "/v1/login/renew", null, renewal(clerksKey, HEAD, c2));
        assertEquals(401, asHead.status(), asHead.toString());
        // The head's key id with the clerk's signature.
        RenewRequest unsigned = new RenewRequest(HEAD, shared.userKey(HEAD).keyId(), "WS-imp", c2, null);
        RawHttp.Reply forged = raw.json("POST", "/v1/login/renew", null, JSON.writeString(new RenewRequest(HEAD, unsigned.keyId(), "WS-imp", c2,
                clerksKey.sign(Attribution.renewalBytes(unsigned)))));
        assertEquals(401, forged.status(), forged.toString());
        assertEquals("renew.failed", forged.code());
        RawHttp.Reply madeUp = raw.json("POST", "/v1/login/renew", null, JSON.writeString(new RenewRequest(CLERK, clerksKey.keyId(), "WS-imp",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAA")));
        assertEquals(401, madeUp.status());
        assertEquals("renew.challenge", madeUp.code());
        before.assertSameAs(world.dump(), "forged renewals");
    }

    /** A signed renewal request (JSON) of {@code username} with {@code key}. */
    private static String renewal(UserKey key, String username, String challenge) {
        RenewRequest unsigned = new RenewRequest(username, key.keyId(), key.workstationId(), challenge, null);
        return JSON.writeString(new RenewRequest(username, key.keyId(), key.workstationId(), challenge, key.sign(Attribution.renewalBytes(unsigned))));
    }

    /** The next step of a dossier as {@code actor} in {@code role} would record it, unsigned. */
    private static PushCommand command(String code, Command c, User actor, Role role) {
        Dossier d = shared.dossier(code);
        Transition t = SyncWorld.LIFECYCLE.apply(d, c, new Actor(actor, role, shared.workstationId()), Instant.now());
        return new PushCommand(UUID.randomUUID().toString(), code, t.event(), t.dossier());
    }

    private static RawHttp.Reply push(String token, PushCommand c) throws Exception {
        return raw.json("POST", "/v1/push", token, JSON.writeString(new PushRequest("WS-imp", List.of(c))));
    }

    private static List<PushResult> results(RawHttp.Reply r) throws Exception {
        assertEquals(200, r.status(), r.toString());
        return JSON.read(r.body(), PushResponse.class).results();
    }

    /** Answered (200) with the change REJECTED, for the reason given (Vietnamese, the default language). */
    private static void assertRefused(RawHttp.Reply r, String reason) throws Exception {
        PushResult result = results(r).get(0);
        assertEquals(Outcome.REJECTED, result.outcome(), result.toString());
        assertTrue(result.reason() != null && result.reason().contains(reason), result.reason());
    }
}
