package vn.motcua.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.update.install.Installation;
import vn.motcua.update.install.Stager;
import vn.motcua.update.install.StartSwitch;
import vn.motcua.update.install.Trial;
import vn.motcua.update.tools.PackageBuilder;
import vn.motcua.update.tools.ReleaseKeys;

/** A new version starts on trial with the cache backed up; it becomes current at its first window or is rolled back. */
class StartSwitchTest {
    @TempDir
    static Path dir;
    static ReleaseKeys province;
    static Path v1;
    static Path full2;

    @BeforeAll
    static void releases() throws Exception {
        province = Releases.key(dir, "province");
        v1 = Releases.version(dir, "0.1.0.1", province);
        full2 = dir.resolve("full2.p7m");
        PackageBuilder.client(Releases.version(dir, "0.1.0.2", province), null, null, full2, province);
    }

    /** An installation of 0.1.0.1 with 0.1.0.2 staged, and a data folder with a cache. */
    private static Installation staged(String name, Path data) throws Exception {
        Path root = Releases.install(v1, dir.resolve(name));
        Installation inst = new Installation(root);
        try (VerifiedPackage p = SignedPackage.open(full2, Releases.trust(province), dir.resolve(name + ".zip"))) {
            new Stager(inst).stage(p, root);
        }
        Files.createDirectories(data);
        Files.writeString(data.resolve("motcua.mv.db"), "cache of 0.1.0.1");
        Files.writeString(data.resolve("motcua.keys"), "keys of 0.1.0.1");
        return inst;
    }

    private static StartSwitch sw(Installation inst) {
        return new StartSwitch(inst, new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void aNewVersionThatReachesItsWindowBecomesCurrent() throws Exception {
        Path data = dir.resolve("data-ok");
        Installation inst = staged("ok", data);
        StartSwitch.Start s = sw(inst).before(data);
        assertTrue(s.trial());
        assertEquals(inst.home("0.1.0.2"), s.home());
        assertEquals("cache of 0.1.0.1", Files.readString(data.resolve("backups/before-0.1.0.2/motcua.mv.db")));
        assertTrue(Trial.confirm(inst, s.home()));
        assertEquals("0.1.0.2", inst.state().current());
        assertFalse(sw(inst).after(data, 0));
        StartSwitch.Start next = sw(inst).before(data);
        assertFalse(next.trial());
        assertEquals(inst.home("0.1.0.2"), next.home());
    }

    @Test
    void aNewVersionThatFailsIsRolledBackWithTheCacheAsItWas() throws Exception {
        Path data = dir.resolve("data-fail");
        Installation inst = staged("fail", data);
        assertTrue(sw(inst).before(data).trial());
        // The new version upgraded the cache, then died before its first window.
        Files.writeString(data.resolve("motcua.mv.db"), "cache upgraded by 0.1.0.2");
        assertTrue(sw(inst).after(data, 13));
        assertEquals("cache of 0.1.0.1", Files.readString(data.resolve("motcua.mv.db")));
        assertEquals("", inst.state().current());
        assertTrue(inst.state().hasFailed("0.1.0.2"));
        assertEquals("rolledBack", inst.state().notice());
        try (var aside = Files.list(data.resolve("backups"))) {
            Path set = aside.filter(p -> p.getFileName().toString().startsWith("rolled-back-0.1.0.2-")).findFirst().orElseThrow();
            assertEquals("cache upgraded by 0.1.0.2", Files.readString(set.resolve("motcua.mv.db")), "never deleted");
        }
        StartSwitch.Start again = sw(inst).before(data);
        assertFalse(again.trial());
        assertEquals(inst.root(), again.home());
    }

    @Test
    void startsWithoutAFirstWindowCountAndTheThirdRollsBack() throws Exception {
        Path data = dir.resolve("data-quit");
        Installation inst = staged("quit", data);
        assertTrue(sw(inst).before(data).trial());
        assertFalse(sw(inst).after(data, 0), "a user who quits at the login is not a failure");
        assertTrue(sw(inst).before(data).trial());
        assertFalse(sw(inst).after(data, 0));
        assertTrue(sw(inst).before(data).trial());
        // Killed (power cut): "after" never ran. The next start gives up on it.
        StartSwitch.Start s = sw(inst).before(data);
        assertFalse(s.trial());
        assertEquals(inst.root(), s.home());
        assertTrue(inst.state().hasFailed("0.1.0.2"));
    }

    @Test
    void aCacheInUseByAnotherInstanceDelaysTheTrial() throws Exception {
        Path data = dir.resolve("data-busy");
        Installation inst = staged("busy", data);
        try (FileChannel ch = FileChannel.open(data.resolve("motcua.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            // The lock is held by this JVM: the switch sees it as another instance's.
            StartSwitch.Start s = sw(inst).before(data);
            assertFalse(s.trial());
        }
        assertEquals("0.1.0.2", inst.state().pending());
    }

    @Test
    void anUpdateWithoutRoomForTheBackupWaitsAndSaysSo() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("small-data"), 70 * 1024)) {
            Path data = disk.dir().resolve("data");
            Installation inst = staged("nospace", data);
            // 70 MB: the cache below plus the 64 MB margin does not fit.
            Files.write(data.resolve("motcua.mv.db"), new byte[8 << 20]);
            StartSwitch.Start s = sw(inst).before(data);
            assertFalse(s.trial());
            assertEquals(inst.root(), s.home());
            assertEquals("postponed", inst.state().notice());
            assertEquals("0.1.0.2", inst.state().noticeVersion());
            assertEquals("", inst.state().pending());
            assertFalse(Files.exists(data.resolve("backups/before-0.1.0.2")));
        }
    }

    @Test
    void anAdministratorRollsBackToThePreviousVersion() throws Exception {
        Path data = dir.resolve("data-manual");
        Installation inst = staged("manual", data);
        StartSwitch.Start s = sw(inst).before(data);
        Trial.confirm(inst, s.home());
        assertEquals("the installed version", sw(inst).rollBackManually());
        assertEquals("", inst.state().current());
        assertTrue(inst.state().hasFailed("0.1.0.2"));
    }
}
