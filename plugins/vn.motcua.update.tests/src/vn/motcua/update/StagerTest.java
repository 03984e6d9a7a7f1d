package vn.motcua.update;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.update.install.Installation;
import vn.motcua.update.install.Stager;
import vn.motcua.update.tools.PackageBuilder;
import vn.motcua.update.tools.ReleaseKeys;

/** A verified version is staged beside the running one, whole, or not at all. */
class StagerTest {
    @TempDir
    static Path dir;
    static ReleaseKeys province;
    static Path v1;
    static Path v2;
    static Path full2;
    static Path delta2;

    @BeforeAll
    static void releases() throws Exception {
        province = Releases.key(dir, "province");
        v1 = Releases.version(dir, "0.1.0.1", province);
        v2 = Releases.version(dir, "0.1.0.2", province);
        full2 = dir.resolve("full2.p7m");
        PackageBuilder.client(v2, null, null, full2, province);
        delta2 = dir.resolve("delta2.p7m");
        PackageBuilder.client(v2, PackageBuilder.manifest(v1), "0.1.0.1", delta2, province);
    }

    private static VerifiedPackage open(Path p7m) throws PackageException {
        return SignedPackage.open(p7m, Releases.trust(province), dir.resolve("unpack-" + System.nanoTime() + ".zip"));
    }

    @Test
    void aChangedFilesPackageBecomesACompleteVersionBesideTheRunningOne() throws Exception {
        Path root = Releases.install(v1, dir.resolve("install-delta"));
        Installation inst = new Installation(root);
        try (VerifiedPackage p = open(delta2)) {
            // Only the application bundle, the configuration and the version file changed.
            assertEquals(3, p.files().size(), p.files().toString());
            assertEquals("0.1.0.2", new Stager(inst).stage(p, root));
        }
        Path home = inst.home("0.1.0.2");
        for (ManifestEntry e : PackageBuilder.manifest(v2)) {
            assertArrayEquals(Files.readAllBytes(v2.resolve(e.path())), Files.readAllBytes(home.resolve(e.path())), e.path());
        }
        assertFalse(Files.exists(home.resolve("motcua.sh")), "launch scripts stay with the installation");
        assertTrue(inst.staged("0.1.0.2"));
        assertEquals("0.1.0.2", inst.state().pending());
        // The running version is untouched.
        assertTrue(Files.exists(root.resolve("plugins/vn.motcua.app_0.1.0.1.jar")));
        assertEquals("", inst.state().current());
    }

    @Test
    void refusedPackagesLeaveNothingBehind() throws Exception {
        Path root = Releases.install(v2, dir.resolve("install-v2"));
        Installation inst = new Installation(root);
        try (VerifiedPackage p = open(full2)) {
            assertEquals("package.notNewer", assertThrows(PackageException.class, () -> new Stager(inst).stage(p, root)).key());
        }
        Path root1 = Releases.install(v1, dir.resolve("install-other-base"));
        Files.writeString(root1.resolve("motcua-version.properties"), "version=0.1.0.0\nplatform=" + Releases.PLATFORM + "\n");
        try (VerifiedPackage p = open(delta2)) {
            assertEquals("package.needsBase", assertThrows(PackageException.class, () -> new Stager(new Installation(root1)).stage(p, root1)).key());
        }
        Path win = Releases.install(v1, dir.resolve("install-win"));
        Files.writeString(win.resolve("motcua-version.properties"), "version=0.1.0.1\nplatform=win32.win32.x86_64\n");
        try (VerifiedPackage p = open(full2)) {
            assertEquals("package.platform", assertThrows(PackageException.class, () -> new Stager(new Installation(win)).stage(p, win)).key());
        }
        for (Path r : List.of(root, root1, win)) {
            assertFalse(Files.exists(r.resolve("updates/versions/0.1.0.2")), r.toString());
        }
    }

    @Test
    void aReadOnlyInstallationIsRefusedAndKeepsRunning() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("ro"), 4096)) {
            Path root = Releases.install(v1, disk.dir().resolve("motcua-desk"));
            disk.readOnly();
            try (VerifiedPackage p = open(full2)) {
                PackageException e = assertThrows(PackageException.class, () -> new Stager(new Installation(root)).stage(p, root));
                assertEquals("install.readOnly", e.key(), e.getMessage());
                assertTrue(e.message(vn.motcua.core.i18n.Localizer.VIETNAMESE).contains("chỉ đọc"));
            }
            assertTrue(Files.exists(root.resolve("plugins/vn.motcua.app_0.1.0.1.jar")));
        }
    }

    @Test
    void aFullDiskIsRefusedAndLeavesNoHalfVersion() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("full"), 2048)) {
            Path root = Releases.install(v1, disk.dir().resolve("motcua-desk"));
            disk.fill(64);
            try (VerifiedPackage p = open(full2)) {
                PackageException e = assertThrows(PackageException.class, () -> new Stager(new Installation(root)).stage(p, root));
                assertEquals("install.diskFull", e.key(), e.getMessage());
            }
            assertFalse(Files.exists(root.resolve("updates/versions/0.1.0.2")));
            assertFalse(Files.exists(root.resolve("updates/versions/0.1.0.2.staging")));
            assertEquals("", new Installation(root).state().pending());
        }
    }
}
