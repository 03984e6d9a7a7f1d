package vn.motcua.sync.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Agency;
import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;
import vn.motcua.sync.SyncClient;
import vn.motcua.sync.api.UpdateProtocol.PackageInfo;
import vn.motcua.sync.api.UpdateProtocol.UpdateAnswer;
import vn.motcua.sync.api.UpdateProtocol.UpdateCheck;
import vn.motcua.sync.testing.LoopbackRelay;
import vn.motcua.sync.testing.RawHttp;
import vn.motcua.sync.testing.SyncWorld;
import vn.motcua.update.Digests;
import vn.motcua.update.PackageException;
import vn.motcua.update.client.UpdateServer;
import vn.motcua.update.tools.PackageBuilder;

/**
 * Updates through a real server process: an administrator uploads and releases, workstations report and are told what
 * to install — only the changed files when the server has them — and download it, resuming after a cut.
 */
class UpdateDeliveryTest {
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
        for (Path p : List.of(u.clientPackage("0.1.0.2", null, u.province), u.clientPackage("0.1.0.2", "0.1.0.1", u.province))) {
            RawHttp.Reply r = raw.send("PUT", "/v1/admin/updates/packages", admin, Map.of(), BodyPublishers.ofByteArray(Files.readAllBytes(p)));
            assertEquals(200, r.status(), r.toString());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        u.close();
    }

    private static UpdateServer workstation(String user, String ws, java.net.URI through) throws Exception {
        SyncClient c = new SyncClient(through, Locale.ENGLISH);
        c.login(user, SyncWorld.PASSWORD.toCharArray(), ws);
        return new UpdateServer(through, c::sessionToken, Locale.ENGLISH);
    }

    private static void release(String version, List<String> agencies, int percent) throws Exception {
        RawHttp.Reply r = raw.json("PUT", "/v1/admin/updates/rollouts", admin,
                Map.of("platform", UpdateWorld.PLATFORM, "version", version, "agencies", agencies, "percent", percent));
        assertEquals(200, r.status(), r.toString());
    }

    @Test
    void aReleaseReachesItsAgenciesAndShareOfWorkstationsOnly() throws Exception {
        String agency = u.world.user(SyncWorld.CLERK).agencyCode();
        u.world.addStaff(List.of(new Agency("H21.99", "Phòng thử nghiệm cập nhật", vn.motcua.core.model.Level.PROVINCE, null)),
                List.of(new User("canbo.khac", "Cán bộ khác", "H21.99", Set.of(Role.CLERK))));
        UpdateServer clerk = workstation(SyncWorld.CLERK, "WS-release", u.world.server.uri());
        UpdateServer other = workstation("canbo.khac", "WS-other-agency", u.world.server.uri());
        UpdateCheck clerkAt1 = new UpdateCheck("WS-release", UpdateWorld.PLATFORM, "0.1.0.1", "", null);
        UpdateCheck otherAt1 = new UpdateCheck("WS-other-agency", UpdateWorld.PLATFORM, "0.1.0.1", "", null);
        release("0.1.0.2", List.of(), 0);
        assertNull(clerk.check(clerkAt1).install(), "nothing released");

        release("0.1.0.2", List.of(agency), 100);
        PackageInfo offer = clerk.check(clerkAt1).install();
        assertNotNull(offer);
        assertEquals("0.1.0.2", offer.version());
        assertEquals("0.1.0.1", offer.base(), "only the changes, since the server has them for 0.1.0.1");
        assertNull(other.check(otherAt1).install(), "another agency's workstation");
        UpdateCheck clerkAt0 = new UpdateCheck("WS-release", UpdateWorld.PLATFORM, "0.1.0.0", "", null);
        assertEquals("", clerk.check(clerkAt0).install().base(), "every file for a version without its changes package");
        assertNull(clerk.check(new UpdateCheck("WS-release", UpdateWorld.PLATFORM, "0.1.0.2", "", null)).install(), "up to date");
        assertNull(clerk.check(new UpdateCheck("WS-release", "win32.win32.x86_64", "0.1.0.1", "", null)).install(), "another platform");

        // A share of the workstations: stable, and only growing with the percentage.
        release("0.1.0.2", List.of(), 30);
        int in30 = 0;
        for (int i = 0; i < 20; i++) {
            UpdateServer ws = workstation(SyncWorld.CLERK, "WS-share-" + i, u.world.server.uri());
            if (ws.check(new UpdateCheck("x", UpdateWorld.PLATFORM, "0.1.0.1", "", null)).install() != null) {
                in30++;
            }
        }
        assertTrue(in30 > 0 && in30 < 20, in30 + " of 20 at 30 %");
        release("0.1.0.2", List.of(), 100);
        assertNotNull(other.check(otherAt1).install(), "every agency at 100 %");
        release("0.1.0.2", List.of(), 0);
        assertNull(clerk.check(clerkAt1).install(), "withdrawn");

        RawHttp.Reply list = raw.get("/v1/admin/updates/workstations", admin);
        assertTrue(list.body().contains("\"workstationId\":\"WS-other-agency\",\"agencyCode\":\"H21.99\""), list.body());
        assertTrue(list.body().contains("\"version\":\"0.1.0.1\""), list.body());
    }

    @Test
    void anInterruptedDownloadResumesWhereItStopped() throws Exception {
        release("0.1.0.2", List.of(), 100);
        try (LoopbackRelay relay = new LoopbackRelay(u.world.server.uri())) {
            UpdateServer ws = workstation(SyncWorld.CLERK, "WS-resume", relay.uri());
            PackageInfo offer = ws.check(new UpdateCheck("WS-resume", UpdateWorld.PLATFORM, "0.1.0.0", "", null)).install();
            assertEquals("", offer.base());
            Path downloads = dir.resolve("downloads-resume");
            relay.cutAfterBytesToClient(200 * 1024);
            PackageException cut = assertThrows(PackageException.class, () -> ws.download(offer, downloads, n -> {
            }));
            assertEquals("download.interrupted", cut.key(), cut.getMessage());
            long kept = Files.size(downloads.resolve(offer.id() + ".part"));
            assertTrue(kept > 0 && kept < offer.size(), kept + " of " + offer.size());
            relay.mend();
            long before = relay.bytesToClient();
            Path done = ws.download(offer, downloads, n -> {
            });
            assertEquals(offer.id(), Digests.sha256(done));
            long second = relay.bytesToClient() - before;
            assertTrue(second < offer.size() - kept + 4096, "only the rest was sent again: " + second + " bytes for " + (offer.size() - kept));
        }
    }

    @Test
    void settingsPacksAreOfferedUntilReceivedAndReplaceTheUnsignedSchedules() throws Exception {
        UpdateServer clerk = workstation(SyncWorld.CLERK, "WS-settings", u.world.server.uri());
        SyncClient sync = new SyncClient(u.world.server.uri(), Locale.ENGLISH);
        sync.login(SyncWorld.CLERK, SyncWorld.PASSWORD.toCharArray(), "WS-settings");
        assertNotNull(sync.reference().officialSchedules(), "the reference data's schedules, before any pack");
        Path files = Files.createDirectories(dir.resolve("pack-files"));
        Files.writeString(files.resolve("official-schedules.txt"), SyncWorld.builtInSchedules());
        Path pack = dir.resolve("pack.p7m");
        PackageBuilder.settings(files, "2026.12.20", LocalDate.of(2027, 1, 1), "lịch 2027", pack, u.province);
        RawHttp.Reply r = raw.send("PUT", "/v1/admin/updates/packages", admin, Map.of(), BodyPublishers.ofByteArray(Files.readAllBytes(pack)));
        assertEquals(200, r.status(), r.toString());
        UpdateAnswer a = clerk.check(new UpdateCheck("WS-settings", UpdateWorld.PLATFORM, "0.1.0.2", "", null));
        assertEquals(1, a.settingsPacks().size());
        assertEquals(LocalDate.of(2027, 1, 1), a.settingsPacks().get(0).effective());
        assertTrue(clerk.check(new UpdateCheck("WS-settings", UpdateWorld.PLATFORM, "0.1.0.2", "2026.12.20", null)).settingsPacks().isEmpty());
        assertNull(sync.reference().officialSchedules(), "the signed pack is now the only source of the schedules");
    }
}
