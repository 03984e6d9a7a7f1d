package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.model.Role;
import vn.motcua.core.model.User;

/**
 * Personal data is never in clear on disk: the cache file is encrypted with a random key, which exists on disk
 * only wrapped per user with a password-derived key (Argon2id + AES-GCM). Real H2 files, real bytes checked.
 */
class EncryptionTest {
    private static final String NAME = "Hoàng Thị Xuân Quỳnh";
    private static final String CITIZEN_ID = "001190012345";
    private static final String PHONE = "0912345678";

    @TempDir
    Path dir;

    @Test
    void noPersonalDataInClearInTheCacheFile() throws Exception {
        CacheKey key = CacheKey.generate();
        try (LocalCache cache = CacheOpener.open(dir, key)) {
            cache.procedures().save(Fixtures.procedure("1.001193", "Đăng ký khai sinh", "Hộ tịch"));
            cache.dossierRepository().insertAll(java.util.List.of(Fixtures.received("000.00.10.H29-261120-0001", "1.001193",
                    NAME, CITIZEN_ID, PHONE, Instant.parse("2026-11-20T02:00:00Z"), Instant.parse("2026-11-25T10:00:00Z"))));
            cache.users().save(new User("ha.ntt", "Nguyễn Thị Thu Hà", "000.00.10.H29", Set.of(Role.CLERK)));
        }
        Path file = CacheOpener.databaseFile(dir);
        assertFalse(CacheOpener.isPlaintext(dir));
        for (String secret : new String[] { NAME, CITIZEN_ID, PHONE, "hoang", "quynh", "Nguyễn Thị Thu Hà", "Đăng ký khai sinh" }) {
            assertFalse(MigrationTest.containsBytes(file, secret), "'" + secret + "' is in clear in " + file);
        }
        // Same key: everything is back.
        try (LocalCache cache = CacheOpener.open(dir, key)) {
            assertEquals(NAME, cache.dossiers().find("000.00.10.H29-261120-0001").orElseThrow().applicantName());
            assertEquals(1, cache.dossiers().count(DossierFilter.all().withText("quynh")));
            assertEquals("Nguyễn Thị Thu Hà", cache.users().find("ha.ntt").orElseThrow().fullName());
        }
    }

    @Test
    void aWrongKeyIsToldApartFromDamageAndChangesNothing() throws Exception {
        CacheKey key = CacheKey.generate();
        CacheOpener.open(dir, key).close();
        byte[] before = sha256(CacheOpener.databaseFile(dir));
        CacheException e = assertThrows(CacheException.class, () -> CacheOpener.open(dir, CacheKey.generate()));
        assertEquals(CacheException.Kind.WRONG_KEY, e.kind(), e.getMessage());
        assertArrayEquals(before, sha256(CacheOpener.databaseFile(dir)), "a failed open must not touch the file");
        CacheOpener.open(dir, key).close(); // and the lock was released
    }

    @Test
    void theKeyRingUnlocksOnlyWithTheRightPasswordAndHoldsNoKeyInClear() throws Exception {
        CacheKey key = CacheKey.generate();
        CacheKeyRing ring = CacheKeyRing.create(dir, false);
        ring.addUser("ha.ntt", "Mùa-thu-2026".toCharArray(), key);
        ring.addUser("hung.pq", "khac-hoan-toan".toCharArray(), key);
        String onDisk = Files.readString(CacheKeyRing.file(dir));
        assertFalse(onDisk.contains(new String(key.exportHex())), "the key itself is not in the file");
        assertFalse(onDisk.contains("Mùa-thu-2026"));

        CacheKeyRing loaded = CacheKeyRing.load(dir);
        assertEquals(Set.of("ha.ntt", "hung.pq"), loaded.users());
        assertFalse(loaded.isDemo());
        CacheKey unlocked = loaded.unlock("ha.ntt", "Mùa-thu-2026".toCharArray());
        assertArrayEquals(key.exportHex(), unlocked.exportHex());
        assertArrayEquals(key.exportHex(), loaded.unlock("hung.pq", "khac-hoan-toan".toCharArray()).exportHex());
        assertThrows(CacheKeyRing.WrongPasswordException.class, () -> loaded.unlock("ha.ntt", "mua-thu-2026".toCharArray()));
        assertThrows(CacheKeyRing.WrongPasswordException.class, () -> loaded.unlock("nobody", "Mùa-thu-2026".toCharArray()));
        // A password change re-wraps; the old password stops working.
        loaded.addUser("ha.ntt", "mat-khau-moi".toCharArray(), unlocked);
        CacheKeyRing again = CacheKeyRing.load(dir);
        assertThrows(CacheKeyRing.WrongPasswordException.class, () -> again.unlock("ha.ntt", "Mùa-thu-2026".toCharArray()));
        assertArrayEquals(key.exportHex(), again.unlock("ha.ntt", "mat-khau-moi".toCharArray()).exportHex());
        again.removeUser("hung.pq");
        assertEquals(Set.of("ha.ntt"), CacheKeyRing.load(dir).users());
        assertThrows(IllegalStateException.class, () -> CacheKeyRing.load(dir).removeUser("ha.ntt"), "never lock everyone out");
    }

    @Test
    void aKeyRingCopiedToAnotherFolderDoesNotOpenItsCache() throws Exception {
        // Each ring is bound to its own cache id: a wrapped key pasted into another ring does not unwrap.
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.createDirectories(a);
        Files.createDirectories(b);
        CacheKey key = CacheKey.generate();
        CacheKeyRing.create(a, false).addUser("ha.ntt", "pw-1".toCharArray(), key);
        CacheKeyRing.create(b, false).addUser("other", "pw-2".toCharArray(), CacheKey.generate());
        String fromA = Files.readString(CacheKeyRing.file(a)).lines().filter(l -> l.startsWith("user.")).reduce("", (x, y) -> x + y + "\n");
        Files.writeString(CacheKeyRing.file(b), Files.readString(CacheKeyRing.file(b)) + fromA);
        assertTrue(CacheKeyRing.load(b).hasUser("ha.ntt"));
        assertThrows(CacheKeyRing.WrongPasswordException.class, () -> CacheKeyRing.load(b).unlock("ha.ntt", "pw-1".toCharArray()));
    }

    @Test
    void usersKeepTheirRolesAndCanBeDeactivated() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, CacheKey.generate())) {
            cache.users().save(new User("demo", "Lê Thị Mai", "000.00.10.H29", EnumSet.of(Role.CLERK, Role.HEAD)));
            assertEquals(EnumSet.of(Role.CLERK, Role.HEAD), cache.users().find("demo").orElseThrow().roles());
            cache.users().deactivate("demo");
            assertTrue(cache.users().find("demo").isEmpty());
            assertTrue(cache.users().all().isEmpty());
        }
    }

    private static byte[] sha256(Path f) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
    }
}
