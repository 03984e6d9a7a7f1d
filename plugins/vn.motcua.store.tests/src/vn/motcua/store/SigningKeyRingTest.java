package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.sync.api.Attribution;
import vn.motcua.sync.api.Messages.UserKeyEnrolment;

/**
 * Each user's signing key in the key ring: made at their first login, unlocked only with their password, its
 * enrolment data authenticated with it, dropped when their entry is re-wrapped under a new password.
 */
class SigningKeyRingTest {
    private static final Instant NOW = Instant.parse("2026-12-07T01:00:00Z");
    @TempDir
    Path dir;

    @Test
    void theFirstLoginMakesTheKeyAndLaterLoginsUnlockTheSameOne() throws Exception {
        CacheKey cacheKey = CacheKey.generate();
        CacheKeyRing ring = CacheKeyRing.create(dir, false);
        ring.addUser("ha.ntt", "mat-khau-1".toCharArray(), cacheKey);
        ring.addUser("hung.pq", "mat-khau-2".toCharArray(), cacheKey);

        CacheKeyRing.Unlocked first = CacheKeyRing.load(dir).open("ha.ntt", "mat-khau-1".toCharArray(), "QUAY-01", NOW);
        assertTrue(first.created(), "made at the first login after the upgrade");
        assertEquals("ha.ntt", first.userKey().username());
        assertEquals("QUAY-01", first.userKey().workstationId());
        CacheKeyRing.Unlocked again = CacheKeyRing.load(dir).open("ha.ntt", "mat-khau-1".toCharArray(), "QUAY-01", NOW.plusSeconds(60));
        assertFalse(again.created());
        assertEquals(first.userKey().keyId(), again.userKey().keyId());
        assertArrayEquals(first.cacheKey().exportHex(), again.cacheKey().exportHex());

        // What it signs verifies with the public key its enrolment names, and the enrolment proof holds.
        UserKeyEnrolment e = again.userKey().enrolment();
        assertEquals(first.userKey().keyId(), e.keyId());
        byte[] data = "motcua".getBytes(StandardCharsets.UTF_8);
        assertTrue(Attribution.verify(Attribution.publicKey(e.publicKey()), data, again.userKey().sign(data)));
        assertTrue(Attribution.verify(Attribution.publicKey(e.publicKey()), Attribution.enrolmentBytes(e), e.proof()));
        assertEquals(e.keyId(), Attribution.keyId(Attribution.publicKey(e.publicKey()).getEncoded()));

        // A colleague sharing the workstation (same cache key) gets a key of their own, never hers.
        CacheKeyRing.Unlocked colleague = CacheKeyRing.load(dir).open("hung.pq", "mat-khau-2".toCharArray(), "QUAY-01", NOW);
        assertNotEquals(first.userKey().keyId(), colleague.userKey().keyId());
        assertThrows(CacheKeyRing.WrongPasswordException.class, () -> CacheKeyRing.load(dir).open("ha.ntt", "mat-khau-2".toCharArray(), "QUAY-01", NOW));
        // No private key in clear in the file.
        String file = Files.readString(CacheKeyRing.file(dir), StandardCharsets.UTF_8);
        assertTrue(file.contains("signing.ha.ntt.wrapped"));
        assertFalse(file.contains(e.publicKey()), "even the public half is inside the wrapped entry");
        assertEquals(java.util.Set.of("ha.ntt", "hung.pq"), CacheKeyRing.load(dir).users(), "signing entries are not users");
    }

    @Test
    void enrolmentIsRecordedPerKeyAndANewKeyStartsUnenrolled() throws Exception {
        CacheKey cacheKey = CacheKey.generate();
        UserKey made = CacheKeyRing.create(dir, false).addUser("ha.ntt", "mat-khau-1".toCharArray(), cacheKey, "QUAY-01", NOW);
        CacheKeyRing ring = CacheKeyRing.load(dir);
        assertFalse(ring.enrolled("ha.ntt", made.keyId()));
        ring.markEnrolled("ha.ntt", made.keyId(), NOW);
        assertTrue(CacheKeyRing.load(dir).enrolled("ha.ntt", made.keyId()));
        // The login that adds the user made the key: their next login unlocks it.
        CacheKeyRing.Unlocked next = CacheKeyRing.load(dir).open("ha.ntt", "mat-khau-1".toCharArray(), "QUAY-01", NOW);
        assertFalse(next.created());
        assertEquals(made.keyId(), next.userKey().keyId());

        // The workstation renamed: the events would name another workstation than the key's enrolment, so a new key.
        CacheKeyRing.Unlocked renamed = CacheKeyRing.load(dir).open("ha.ntt", "mat-khau-1".toCharArray(), "QUAY-02", NOW);
        assertTrue(renamed.created());
        assertFalse(CacheKeyRing.load(dir).enrolled("ha.ntt", renamed.userKey().keyId()));
        assertFalse(CacheKeyRing.load(dir).enrolled("ha.ntt", made.keyId()), "only the current key is tracked");
    }

    @Test
    void aPasswordChangeOrATamperedEntryMakesANewKey() throws Exception {
        CacheKey cacheKey = CacheKey.generate();
        UserKey made = CacheKeyRing.create(dir, false).addUser("ha.ntt", "mat-khau-1".toCharArray(), cacheKey, "QUAY-01", NOW);
        // Re-wrapped under a new password (changed on the server): the old entry could not be opened any more.
        CacheKeyRing.load(dir).addUser("ha.ntt", "mat-khau-moi".toCharArray(), cacheKey);
        CacheKeyRing.Unlocked after = CacheKeyRing.load(dir).open("ha.ntt", "mat-khau-moi".toCharArray(), "QUAY-01", NOW);
        assertTrue(after.created());
        assertNotEquals(made.keyId(), after.userKey().keyId());

        // Someone edits the file to swap in an entry of their own: it does not open, and a fresh key is made instead.
        Path f = CacheKeyRing.file(dir);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        String id = after.userKey().keyId();
        Files.writeString(f, text.replace("signing.ha.ntt.key-id=" + id, "signing.ha.ntt.key-id=" + made.keyId()), StandardCharsets.UTF_8);
        CacheKeyRing.Unlocked tampered = CacheKeyRing.load(dir).open("ha.ntt", "mat-khau-moi".toCharArray(), "QUAY-01", NOW);
        assertTrue(tampered.created());
        assertNotEquals(made.keyId(), tampered.userKey().keyId());
        assertNotEquals(id, tampered.userKey().keyId());
    }
}
