package vn.motcua.sync.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.motcua.sync.testing.DatabaseDump;
import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.sync.testing.SyncWorldExtension;

/**
 * Attacks on a real server process over raw HTTP, as an attacker would send them (not through our client): each
 * must be refused with the right status and a reason, and leave the server's database exactly as it was.
 */
@ExtendWith(SyncWorldExtension.class)
class ServerAttackTest {
    static SyncWorld world;
    static RawHttp raw;

    @BeforeAll
    static void start(SyncWorld w) {
        world = w;
        raw = w.raw();
    }

    @Test
    void aPushWithoutATokenIsRefusedAndChangesNothing() throws Exception {
        DatabaseDump before = world.dump();
        RawHttp.Reply r = raw.json("POST", "/v1/push", null,
                Map.of("workstationId", "WS-x", "commands", List.of(Map.of("mutationId", UUID.randomUUID().toString(), "dossierCode", "X"))));
        assertEquals(401, r.status(), r.toString());
        assertEquals("auth.required", r.code());
        assertNotNull(r.message());
        before.assertSameAs(world.dump(), "an unauthenticated push");
    }

    @Test
    void anotherProtocolVersionIsRefusedBeforeAnythingElse() throws Exception {
        DatabaseDump before = world.dump();
        String token = raw.login(SyncWorld.CLERK, SyncWorld.PASSWORD, "WS-a");
        DatabaseDump afterLogin = world.dump();
        RawHttp.Reply r = raw.send("POST", "/v1/push", token, Map.of("X-Motcua-Protocol", "99", "Content-Type", "application/json"),
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"commands\":[]}"));
        assertEquals(426, r.status(), r.toString());
        afterLogin.assertSameAs(world.dump(), "a push in another protocol version");
        // The harness itself must see changes: the login above stored a token.
        assertEquals(before.rows("session_token") + 1, afterLogin.rows("session_token"));
    }
}
