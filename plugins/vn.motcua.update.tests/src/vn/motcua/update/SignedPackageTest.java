package vn.motcua.update;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.update.tools.PackageBuilder;
import vn.motcua.update.tools.ReleaseKeys;

/** A package counts only when the pinned release key signed exactly these bytes. */
class SignedPackageTest {
    @TempDir
    static Path dir;
    static ReleaseKeys province;
    static ReleaseKeys stranger;
    static Path product;
    static Path signed;

    @BeforeAll
    static void keysAndPackage() throws Exception {
        province = Releases.key(dir, "province");
        stranger = Releases.key(dir, "stranger");
        product = Releases.version(dir, "0.1.0.2", province);
        signed = dir.resolve("v2.p7m");
        PackageBuilder.client(product, null, null, signed, province);
    }

    @Test
    void theProvincesPackageOpensWithItsManifestAndFiles() throws Exception {
        try (VerifiedPackage p = SignedPackage.open(signed, Releases.trust(province), dir.resolve("ok.zip"))) {
            assertEquals("0.1.0.2", p.header().version());
            assertEquals(Releases.PLATFORM, p.header().platform());
            assertFalse(p.header().delta());
            // The installation's own files (launch scripts) are no part of a version.
            assertEquals(Set.of("plugins/org.library_1.0.0.jar", "plugins/vn.motcua.app_0.1.0.2.jar", "configuration/config.ini", "motcua.ini",
                    "motcua-version.properties", ReleaseTrust.FILE), p.files());
            assertEquals(6, p.manifest().size());
            assertEquals(province.certificate(), p.signer());
        }
    }

    @Test
    void oneFlippedByteAnywhereIsRefused() throws Exception {
        byte[] good = Files.readAllBytes(signed);
        // The CMS structure at the start, the zip in the middle, the signature at the end.
        for (int at : new int[] { 20, good.length / 3, good.length / 2, good.length - 100 }) {
            byte[] bad = good.clone();
            bad[at] ^= 0x01;
            Path f = dir.resolve("flipped-" + at + ".p7m");
            Files.write(f, bad);
            PackageException e = assertThrows(PackageException.class, () -> SignedPackage.open(f, Releases.trust(province), dir.resolve("x.zip")));
            assertEquals("package.signature", e.key(), "byte " + at);
            assertFalse(Files.exists(dir.resolve("x.zip")), "nothing of a refused package is left to read");
        }
    }

    @Test
    void aPackageSignedByAnotherKeyIsRefusedEvenWhenItIsValid() throws Exception {
        Path other = dir.resolve("other.p7m");
        PackageBuilder.client(product, null, null, other, stranger);
        PackageException e = assertThrows(PackageException.class, () -> SignedPackage.open(other, Releases.trust(province), dir.resolve("y.zip")));
        assertEquals("package.untrusted", e.key());
        assertTrue(e.message(java.util.Locale.ENGLISH).contains("stranger"), e.message(java.util.Locale.ENGLISH));
        assertTrue(e.message(vn.motcua.core.i18n.Localizer.VIETNAMESE).contains("khóa phát hành"));
        // A second pinned certificate (a rotation) makes it count.
        try (VerifiedPackage p = SignedPackage.open(other, new ReleaseTrust(java.util.List.of(province.certificate(), stranger.certificate())),
                dir.resolve("z.zip"))) {
            assertEquals("0.1.0.2", p.header().version());
        }
    }

    @Test
    void aFileThatIsNotCmsIsRefused() throws Exception {
        Path f = dir.resolve("plain.zip");
        Files.copy(product.resolve("plugins/org.library_1.0.0.jar"), f);
        assertEquals("package.signature", assertThrows(PackageException.class,
                () -> SignedPackage.open(f, Releases.trust(province), dir.resolve("p.zip"))).key());
    }

    @Test
    void aSignedPackageWritingOutsideItsFolderIsRefused() throws Exception {
        Path zip = dir.resolve("evil.zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry(PackageHeader.FILE));
            z.write("kind=settings\nproduct=vn.motcua.client\nversion=2026.1\neffective=2026-01-01\n".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("files/../../etc/passwd"));
            z.write(1);
        }
        Path p7m = dir.resolve("evil.p7m");
        SignedPackage.sign(zip, p7m, province.key(), province.certificate());
        PackageException e = assertThrows(PackageException.class, () -> SignedPackage.open(p7m, Releases.trust(province), dir.resolve("e.zip")));
        assertEquals("package.badPath", e.key());
    }

    @Test
    void versionsCompareByNumbersThenQualifier() {
        assertTrue(Versions.newer("0.1.0.202612071523u1", "0.1.0.202612071523"));
        assertTrue(Versions.newer("0.2.0", "0.1.9.209912312359"));
        assertTrue(Versions.newer("0.10.0", "0.9.0"));
        assertFalse(Versions.newer("0.1.0.202612071523", "0.1.0.202612071523"));
        assertFalse(Versions.valid("../../x"));
        assertFalse(Versions.valid("0.1.0.a/b"));
    }
}
