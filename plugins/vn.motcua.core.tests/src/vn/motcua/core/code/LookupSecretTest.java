package vn.motcua.core.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LookupSecretTest {
    @Test
    void aSecretIsEightUnambiguousCharactersInTwoGroups() {
        for (int i = 0; i < 200; i++) {
            String s = LookupSecret.generate();
            assertTrue(s.matches("[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}"), s);
        }
    }

    @Test
    void onlyTheSaltedSlowHashIsKeptAndItChecksWhatPeopleType() {
        String secret = "K7QM-2RXD";
        String stored = LookupSecret.hash(secret);
        assertTrue(stored.startsWith("pbkdf2-sha256$" + LookupSecret.ITERATIONS + "$"), stored);
        assertFalse(stored.contains("K7QM"));
        assertNotEquals(stored, LookupSecret.hash(secret), "a fresh salt each time");
        assertTrue(LookupSecret.matches(secret, stored));
        assertTrue(LookupSecret.matches("k7qm 2rxd", stored), "case, spaces and the dash do not matter");
        assertFalse(LookupSecret.matches("K7QM-2RXE", stored));
        assertFalse(LookupSecret.matches(secret, null));
        assertFalse(LookupSecret.matches(secret, "sha1$1$AA==$AA=="), "an unknown scheme matches nothing");
        assertFalse(LookupSecret.matches(secret, "pbkdf2-sha256$x$AA==$AA=="));
        assertEquals(4, stored.split("\\$").length);
    }
}
