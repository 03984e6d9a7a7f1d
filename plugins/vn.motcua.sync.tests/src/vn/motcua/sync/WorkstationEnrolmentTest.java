package vn.motcua.sync;

import static vn.motcua.sync.testing.SyncWorld.CLERK;
import static vn.motcua.sync.testing.SyncWorld.HEAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.store.CacheKey;
import vn.motcua.store.CacheKeyRing;
import vn.motcua.store.CacheOpener;
import vn.motcua.store.LocalCache;
import vn.motcua.sync.api.Messages.AdminReference;
import vn.motcua.sync.api.Messages.UserAccount;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.sync.testing.SyncWorldExtension;
import vn.motcua.training.DemoData;

/**
 * First logins on a workstation through a real server on loopback: a new workstation gets its key ring from the
 * server's answer and works offline afterwards; a colleague's first login there adds them with the key the server
 * kept; a password changed on the server is taken over; wrong passwords, other agencies and an unreachable server
 * are refused with a message and leave the data folder as it was.
 */
@ExtendWith(SyncWorldExtension.class)
class WorkstationEnrolmentTest {
    static SyncWorld world;

    @BeforeAll
    static void start(SyncWorld w) {
        world = w;
    }

    private static WorkstationEnrolment enrolment(Path data, Locale locale) {
        return new WorkstationEnrolment(data, new SyncClient(world.server.uri(), locale), "WS-new", locale);
    }

    @Test
    void aNewWorkstationEnrolsOnlineThenWorksOffline() throws Exception {
        Path data = world.dir.resolve("new-ws");
        WorkstationEnrolment.Enrolled first = enrolment(data, Locale.ENGLISH).enrol(CLERK, SyncWorld.PASSWORD.toCharArray());
        assertEquals(Set.of(Role.CLERK), first.user().roles(), "roles as the server holds them");
        CacheKeyRing ring = CacheKeyRing.load(data);
        assertFalse(ring.isDemo());
        assertEquals(Set.of(CLERK), ring.users());
        // The server's answer is all it took: the first sync fills the new cache.
        try (LocalCache cache = CacheOpener.open(data, first.key())) {
            cache.users().save(first.user());
            SyncEngine engine = new SyncEngine(cache, loggedIn(CLERK), "WS-new", Clock.systemUTC(), 10, 50);
            engine.syncReference();
            engine.syncOnce(SyncEngine.Progress.NONE);
            assertFalse(cache.isEmpty(), "catalogue pulled");
        }
        // Offline from now on: the ring entry checks the password, no server asked.
        CacheKey offline = CacheKeyRing.load(data).unlock(CLERK, SyncWorld.PASSWORD.toCharArray());
        try (LocalCache cache = CacheOpener.open(data, offline)) {
            assertEquals(first.user(), cache.users().find(CLERK).orElseThrow());
        }
        assertThrows(CacheKeyRing.WrongPasswordException.class, () -> CacheKeyRing.load(data).unlock(CLERK, "sai-mat-khau".toCharArray()));

        // A colleague's first login here: the key comes back from the server, the same cache opens.
        WorkstationEnrolment.Enrolled second = enrolment(data, Locale.ENGLISH).enrol(HEAD, SyncWorld.PASSWORD.toCharArray());
        assertEquals(Set.of(CLERK, HEAD), CacheKeyRing.load(data).users());
        try (LocalCache cache = CacheOpener.open(data, CacheKeyRing.load(data).unlock(HEAD, SyncWorld.PASSWORD.toCharArray()))) {
            assertEquals(first.user(), cache.users().find(CLERK).orElseThrow(), "the clerk's cache, not a new one");
            assertTrue(second.user().roles().contains(Role.HEAD));
        }
    }

    @Test
    void aPasswordChangedOnTheServerIsTakenOver() throws Exception {
        Path data = world.dir.resolve("changed-ws");
        enrolment(data, Locale.ENGLISH).enrol(HEAD, SyncWorld.PASSWORD.toCharArray());
        String renewed = "mat-khau-moi-456";
        putAccounts(Stream.concat(world.users.stream().filter(u -> !u.username().equals(HEAD)).map(u -> new UserAccount(u, SyncWorld.PASSWORD, true)),
                Stream.of(new UserAccount(world.user(HEAD), renewed, true))).toList(), List.of());
        try {
            assertThrows(CacheKeyRing.WrongPasswordException.class, () -> CacheKeyRing.load(data).unlock(HEAD, renewed.toCharArray()));
            enrolment(data, Locale.ENGLISH).enrol(HEAD, renewed.toCharArray());
            CacheKeyRing.load(data).unlock(HEAD, renewed.toCharArray());
            assertThrows(CacheKeyRing.WrongPasswordException.class, () -> CacheKeyRing.load(data).unlock(HEAD, SyncWorld.PASSWORD.toCharArray()),
                    "the old password no longer opens it");
        } finally {
            putAccounts(world.users.stream().map(u -> new UserAccount(u, SyncWorld.PASSWORD, true)).toList(), List.of());
        }
    }

    @Test
    void refusalsLeaveTheDataFolderAsItWas() throws Exception {
        Path data = world.dir.resolve("refused-ws");
        SyncException wrong = assertThrows(SyncException.class,
                () -> enrolment(data, vn.motcua.core.i18n.Localizer.VIETNAMESE).enrol(CLERK, "sai-mat-khau".toCharArray()));
        assertTrue(wrong.getMessage().contains("mật khẩu không đúng"), wrong.getMessage());
        assertFalse(CacheKeyRing.exists(data), "no key ring for a refused login");

        // A server that is not there: said so, nothing written.
        WorkstationEnrolment nowhere = new WorkstationEnrolment(data, new SyncClient(java.net.URI.create("http://127.0.0.1:9/"), Locale.ENGLISH),
                "WS-new", Locale.ENGLISH);
        SyncException down = assertThrows(SyncException.class, () -> nowhere.enrol(CLERK, SyncWorld.PASSWORD.toCharArray()));
        assertEquals(SyncException.Kind.UNREACHABLE, down.kind());
        assertFalse(Files.exists(data.resolve(CacheKeyRing.FILE)));

        // An account of another agency may not open this commune's workstation.
        enrolment(data, Locale.ENGLISH).enrol(CLERK, SyncWorld.PASSWORD.toCharArray());
        String province;
        List<vn.motcua.core.model.Agency> agencies;
        try (LocalCache seed = CacheOpener.open(world.dir.resolve("seed-agencies"), CacheKey.generate())) {
            DemoData.seedCatalogue(seed);
            agencies = seed.agencies().all();
            province = agencies.stream().map(vn.motcua.core.model.Agency::code).filter(c -> !c.equals(DemoData.communeCode())).findFirst()
                    .orElseThrow();
        }
        User stranger = new User("canbo.tinh", "Cán bộ tỉnh", province, Set.of(Role.CLERK));
        putAccounts(Stream.concat(world.users.stream(), Stream.of(stranger)).map(u -> new UserAccount(u, SyncWorld.PASSWORD, true)).toList(),
                agencies);
        SyncException other = assertThrows(SyncException.class, () -> enrolment(data, Locale.ENGLISH).enrol("canbo.tinh", SyncWorld.PASSWORD.toCharArray()));
        assertTrue(other.getMessage().contains(province), other.getMessage());
        assertEquals(Set.of(CLERK), CacheKeyRing.load(data).users());

        // A demo data folder never takes server accounts.
        Path demo = world.dir.resolve("demo-ws");
        DemoData.demoKeyRing(demo, CacheKey.generate());
        assertFalse(WorkstationEnrolment.possible(demo));
        assertThrows(SyncException.class, () -> enrolment(demo, Locale.ENGLISH).enrol(CLERK, SyncWorld.PASSWORD.toCharArray()));
        assertTrue(WorkstationEnrolment.possible(world.dir.resolve("nothing-yet")));
    }

    private static SyncClient loggedIn(String username) throws SyncException {
        SyncClient c = new SyncClient(world.server.uri(), Locale.ENGLISH);
        c.login(username, SyncWorld.PASSWORD.toCharArray(), "WS-new");
        return c;
    }

    private static void putAccounts(List<UserAccount> accounts, List<vn.motcua.core.model.Agency> agencies) throws Exception {
        SyncClient admin = new SyncClient(world.server.uri(), Locale.ENGLISH);
        admin.login("admin", "admin-pw-123".toCharArray(), "admin-console");
        List<vn.motcua.core.model.Agency> all = agencies;
        if (all.isEmpty()) {
            try (LocalCache seed = CacheOpener.open(world.dir.resolve("seed-accounts-" + System.nanoTime()), CacheKey.generate())) {
                DemoData.seedCatalogue(seed);
                all = seed.agencies().all();
            }
        }
        admin.putReference(new AdminReference(world.catalogue, all, accounts, SyncWorld.builtInSchedules()));
    }
}
