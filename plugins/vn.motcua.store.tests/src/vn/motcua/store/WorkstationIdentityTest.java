package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workstation's identity is made with its data folder and stays with it on its machine; a folder copied onto another
 * PC (a disk image cloned with the folder already made) takes a new one, so two PCs never share an offline numbering
 * slice; a folder from before identities keeps its host name.
 */
class WorkstationIdentityTest {
    static final WorkstationIdentity.Machine PC1 = new WorkstationIdentity.Machine("UBND-PC1", Set.of("aaaa", "bbbb"));

    @TempDir
    Path dir;

    @Test
    void aNewFolderGetsARandomIdentityThatStaysOnItsMachine() throws Exception {
        WorkstationIdentity made = WorkstationIdentity.resolve(dir, PC1, null);
        assertTrue(made.created());
        assertTrue(made.id().matches("UBNDPC1-[0-9A-Z]{10}"), made.id());
        assertEquals(made.id(), WorkstationIdentity.resolve(dir, PC1, null).id());
        assertFalse(WorkstationIdentity.resolve(dir, PC1, null).created());
        // Another folder on the same PC is another workstation (a second instance, a training folder).
        assertNotEquals(made.id(), WorkstationIdentity.resolve(dir.resolve("other"), PC1, null).id());
    }

    @Test
    void aNetworkCardAddedOrRemovedIsTheSameMachine() throws Exception {
        String id = WorkstationIdentity.resolve(dir, PC1, null).id();
        WorkstationIdentity withDongle = WorkstationIdentity.resolve(dir, new WorkstationIdentity.Machine("UBND-PC1", Set.of("aaaa", "bbbb", "cccc")), null);
        assertEquals(id, withDongle.id());
        // The first card replaced later: the dongle seen before still says it is this PC.
        assertEquals(id, WorkstationIdentity.resolve(dir, new WorkstationIdentity.Machine("ubnd-pc1", Set.of("cccc")), null).id());
        assertNull(WorkstationIdentity.resolve(dir, PC1, null).previousId());
    }

    @Test
    void aFolderClonedOntoAnotherPcTakesANewIdentity() throws Exception {
        String original = WorkstationIdentity.resolve(dir, PC1, null).id();
        // The same disk image on a PC renamed after cloning, and on one that kept the name but has other cards.
        Path clone1 = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-clone1"));
        Path clone2 = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-clone2"));
        Files.copy(dir.resolve(WorkstationIdentity.FILE), clone1.resolve(WorkstationIdentity.FILE));
        Files.copy(dir.resolve(WorkstationIdentity.FILE), clone2.resolve(WorkstationIdentity.FILE));
        WorkstationIdentity renamed = WorkstationIdentity.resolve(clone1, new WorkstationIdentity.Machine("UBND-PC2", Set.of("dddd")), null);
        WorkstationIdentity sameName = WorkstationIdentity.resolve(clone2, new WorkstationIdentity.Machine("UBND-PC1", Set.of("eeee")), null);
        assertTrue(renamed.replaced() && sameName.replaced());
        assertEquals(original, renamed.previousId());
        assertNotEquals(original, renamed.id());
        assertNotEquals(original, sameName.id());
        assertNotEquals(renamed.id(), sameName.id());
        // Once taken, the new identity stays on its PC.
        assertEquals(renamed.id(), WorkstationIdentity.resolve(clone1, new WorkstationIdentity.Machine("UBND-PC2", Set.of("dddd")), null).id());
    }

    @Test
    void aFolderFromBeforeIdentitiesKeepsItsHostName() throws Exception {
        WorkstationIdentity legacy = WorkstationIdentity.resolve(dir, PC1, "UBND-PC1");
        assertEquals("UBND-PC1", legacy.id());
        assertFalse(legacy.created());
        assertTrue(Files.exists(dir.resolve(WorkstationIdentity.FILE)), "from now on it is recorded, with its machine");
        assertEquals("UBND-PC1", WorkstationIdentity.resolve(dir, PC1, null).id());
    }

    @Test
    void aCopiedFolderForgetsTheOfflineSlotOfThePcItCameFrom() throws Exception {
        try (LocalCache cache = CacheOpener.open(dir, CacheKey.generate())) {
            cache.sync().state(SyncLedger.FALLBACK_SLOT, "4");
            assertEquals(4, cache.sync().fallbackSlot());
            cache.sync().forgetFallbackSlot();
            assertEquals(0, cache.sync().fallbackSlot(), "numbers from reserved blocks only until the server gives a slot");
            assertFalse(cache.sync().knowsFallbackSlot(), "the next sync asks the server for this identity's slot");
        }
    }
}
