package vn.motcua.sync.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.api.Messages.AdminReference;
import vn.motcua.sync.api.Messages.UserAccount;
import vn.motcua.sync.testing.DatabaseDump;
import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.sync.testing.SyncWorldExtension;
import vn.motcua.training.DemoData;

/**
 * A token outliving what it stood for: after the admin changed the user's password, after the account was deactivated,
 * after logout. Each later use is refused (401) and changes nothing; sending an account again with the same password
 * ends no session.
 */
@ExtendWith(SyncWorldExtension.class)
class TokenAttackTest {
    static SyncWorld world;
    static RawHttp raw;

    @BeforeAll
    static void start(SyncWorld w) throws Exception {
        world = w;
        raw = w.raw();
        world.addStaff(List.of(), List.of(staff("nguoi.doimatkhau"), staff("nguoi.nghiviec"), staff("nguoi.giumatkhau")));
    }

    private static User staff(String username) {
        return new User(username, "Cán bộ " + username, DemoData.communeCode(), Set.of(Role.CLERK));
    }

    /** The admin sends one account (the rest of the reference data untouched). */
    private static void admin(UserAccount account) throws Exception {
        SyncClient admin = new SyncClient(world.server.uri(), Locale.ENGLISH);
        admin.login("admin", "admin-pw-123".toCharArray(), "admin-console");
        admin.putReference(new AdminReference(List.of(), List.of(), List.of(account), null));
    }

    /** Uses a token as an attacker holding it would: read, then write. Both refused, nothing changed. */
    private static void assertDead(String token, String what) throws Exception {
        DatabaseDump before = world.dump();
        RawHttp.Reply read = raw.get("/v1/pull?after=0&limit=10", token);
        assertEquals(401, read.status(), what + ": " + read);
        assertEquals("auth.required", read.code());
        RawHttp.Reply write = raw.json("POST", "/v1/push", token,
                Map.of("workstationId", "WS-x", "commands", List.of(Map.of("mutationId", UUID.randomUUID().toString(), "dossierCode", "X"))));
        assertEquals(401, write.status(), what + ": " + write);
        RawHttp.Reply blocks = raw.json("POST", "/v1/number-blocks", token, Map.of("size", 50));
        assertEquals(401, blocks.status(), what + ": " + blocks);
        before.assertSameAs(world.dump(), what);
    }

    @Test
    void aTokenIsDeadOnceTheAdminChangedThePassword() throws Exception {
        String token = raw.login("nguoi.doimatkhau", SyncWorld.PASSWORD, "WS-t1");
        assertEquals(200, raw.get("/v1/reference", token).status());
        admin(new UserAccount(staff("nguoi.doimatkhau"), "mat-khau-moi-456", true));
        assertDead(token, "a token after a password change");
        raw.login("nguoi.doimatkhau", "mat-khau-moi-456", "WS-t1");
    }

    @Test
    void aTokenIsDeadOnceTheAccountIsDeactivated() throws Exception {
        String token = raw.login("nguoi.nghiviec", SyncWorld.PASSWORD, "WS-t2");
        admin(new UserAccount(staff("nguoi.nghiviec"), null, false));
        assertDead(token, "a token after deactivation");
        assertEquals(401, raw.json("POST", "/v1/login", null, Map.of("username", "nguoi.nghiviec", "password", SyncWorld.PASSWORD,
                "workstationId", "WS-t2")).status());
    }

    @Test
    void aTokenIsDeadAfterLogout() throws Exception {
        String token = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-t3");
        String other = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-t3b");
        DatabaseDump before = world.dump();
        RawHttp.Reply out = raw.send("POST", "/v1/logout", token, Map.of(), java.net.http.HttpRequest.BodyPublishers.noBody());
        assertEquals(200, out.status(), out.toString());
        assertEquals(before.rows("session_token") - 1, world.dump().rows("session_token"), "that session's token is gone");
        assertDead(token, "a token after logout");
        assertEquals(200, raw.get("/v1/reference", other).status(), "the same user's other session goes on");
        RawHttp.Reply again = raw.send("POST", "/v1/logout", token, Map.of(), java.net.http.HttpRequest.BodyPublishers.noBody());
        assertEquals(401, again.status(), again.toString());
        RawHttp.Reply none = raw.send("POST", "/v1/logout", null, Map.of(), java.net.http.HttpRequest.BodyPublishers.noBody());
        assertEquals(401, none.status(), none.toString());
    }

    @Test
    void sendingAnAccountAgainWithTheSamePasswordEndsNoSession() throws Exception {
        String token = raw.login("nguoi.giumatkhau", SyncWorld.PASSWORD, "WS-t4");
        admin(new UserAccount(staff("nguoi.giumatkhau"), SyncWorld.PASSWORD, true));
        assertEquals(200, raw.get("/v1/reference", token).status(), "same password, same session");
        assertTrue(raw.get("/v1/reference", token).body().contains("nguoi.giumatkhau"));
    }
}
