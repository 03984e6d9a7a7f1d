package vn.motcua.sync.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sync.SyncClient;
import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.update.client.UpdateServer;
import vn.motcua.update.client.UpdateStatus;
import vn.motcua.update.client.Updater;
import vn.motcua.update.install.Installation;
import vn.motcua.update.tools.PackageBuilder;

/**
 * A workstation's update rounds against a real server: it reports, stages a released version beside the running one,
 * receives and applies a settings pack on its date, and says once — without changing anything — when the server has
 * released a version whose package is gone.
 */
class UpdaterTest {
    @TempDir
    static Path dir;
    static UpdateWorld u;
    static RawHttp raw;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        u = new UpdateWorld(dir, Map.of());
        raw = u.world.raw();
        admin = raw.login("admin", "admin-pw-123", "admin-console");
    }

    @AfterAll
    static void stop() throws Exception {
        u.close();
    }

    private static String upload(Path p7m) throws Exception {
        RawHttp.Reply r = raw.send("PUT", "/v1/admin/updates/packages", admin, Map.of(), BodyPublishers.ofByteArray(Files.readAllBytes(p7m)));
        assertEquals(200, r.status(), r.toString());
        return r.field("id");
    }

    private static void release(String version, int percent) throws Exception {
        assertEquals(200, raw.json("PUT", "/v1/admin/updates/rollouts", admin,
                Map.of("platform", UpdateWorld.PLATFORM, "version", version, "agencies", List.of(), "percent", percent)).status());
    }

    /** An installation of 0.1.0.1 (a copy, as the archive unpacks) and a workstation logged in to the server. */
    private static Updater workstation(String name, Path root, Path data, LocalDate today) throws Exception {
        Path v1 = u.version("0.1.0.1");
        try (var all = Files.walk(v1)) {
            for (Path p : all.toList()) {
                Path t = root.resolve(v1.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        SyncClient c = new SyncClient(u.world.server.uri(), Locale.ENGLISH);
        c.login(SyncWorld.CLERK, SyncWorld.PASSWORD.toCharArray(), name);
        return new Updater(new Installation(root), root, Files.createDirectories(data), new UpdateServer(u.world.server.uri(), c::sessionToken,
                Locale.ENGLISH), name, Locale.ENGLISH, Clock.fixed(today.atStartOfDay().toInstant(ZoneOffset.ofHours(7)), ZoneOffset.UTC));
    }

    @Test
    void aReleasedVersionIsStagedBesideTheRunningOneAndASettingsPackWaitsForItsDate() throws Exception {
        Path root = dir.resolve("ws-ok");
        Updater ws = workstation("WS-ok", root, dir.resolve("data-ok"), LocalDate.of(2026, 12, 31));
        assertEquals(UpdateStatus.Kind.CURRENT, ws.run(s -> {
        }).kind(), "nothing released");
        upload(u.clientPackage("0.1.0.2", "0.1.0.1", u.province));
        release("0.1.0.2", 100);
        Path files = Files.createDirectories(dir.resolve("pack"));
        Files.writeString(files.resolve("index-766.txt"), "2.1 ; TDGQ ; 30 ; 60 ; ON_TIME\n");
        Path pack = dir.resolve("pack.p7m");
        PackageBuilder.settings(files, "2027.01.01", LocalDate.of(2027, 1, 1), "", pack, u.province);
        upload(pack);

        UpdateStatus s = ws.run(x -> {
        });
        assertEquals(UpdateStatus.Kind.READY, s.kind(), String.valueOf(s));
        assertEquals("0.1.0.2", s.version());
        Installation inst = new Installation(root);
        assertEquals("0.1.0.2", inst.state().pending());
        assertTrue(Files.isRegularFile(inst.home("0.1.0.2").resolve("plugins/vn.motcua.app_0.1.0.2.jar")));
        assertTrue(Files.isRegularFile(root.resolve("plugins/vn.motcua.app_0.1.0.1.jar")), "the running version is untouched");
        assertTrue(Files.isRegularFile(dir.resolve("data-ok/settings-packs/received/2027.01.01.p7m")), "received");
        assertTrue(!Files.exists(dir.resolve("data-ok/index-766.txt")), "not before 1 January");
        assertEquals(UpdateStatus.Kind.READY, ws.run(x -> {
        }).kind(), "already staged: nothing downloaded again");

        SyncClient session = new SyncClient(u.world.server.uri(), Locale.ENGLISH);
        session.login(SyncWorld.CLERK, SyncWorld.PASSWORD.toCharArray(), "WS-ok");
        Updater nextYear = new Updater(inst, root, dir.resolve("data-ok"), new UpdateServer(u.world.server.uri(), session::sessionToken,
                Locale.ENGLISH), "WS-ok", Locale.ENGLISH,
                Clock.fixed(LocalDate.of(2027, 1, 1).atStartOfDay().toInstant(ZoneOffset.ofHours(7)), ZoneOffset.UTC));
        nextYear.run(x -> {
        });
        assertEquals("2.1 ; TDGQ ; 30 ; 60 ; ON_TIME\n", Files.readString(dir.resolve("data-ok/index-766.txt")));
        RawHttp.Reply list = raw.get("/v1/admin/updates/workstations", admin);
        assertTrue(list.body().contains("\"workstationId\":\"WS-ok\",\"agencyCode\""), list.body());
        assertTrue(list.body().contains("\"settingsVersion\":\"2027.01.01\""), list.body());
    }

    @Test
    void aReleasedVersionWhosePackageIsGoneIsReportedAndChangesNothing() throws Exception {
        Path root = dir.resolve("ws-gone");
        Updater ws = workstation("WS-gone", root, dir.resolve("data-gone"), LocalDate.of(2026, 12, 1));
        String id = upload(u.clientPackage("0.1.0.3", null, u.province));
        release("0.1.0.3", 100);
        Files.delete(u.dir.resolve("world/server/data/updates/" + id + ".p7m"));
        UpdateStatus first = ws.run(x -> {
        });
        assertEquals(UpdateStatus.Kind.PROBLEM, first.kind());
        assertEquals("server.noPackage", first.problem(), first.message());
        assertTrue(first.message().contains("0.1.0.3") && first.message().contains("unchanged"), first.message());
        UpdateStatus second = ws.run(x -> {
        });
        assertEquals(first.message(), second.message(), "the same one line, not a new error each round");
        assertNull(new Installation(root).state().pending().isEmpty() ? null : "pending");
        assertTrue(!Files.exists(root.resolve("updates/versions/0.1.0.3")));
        release("0.1.0.3", 0);
    }
}
