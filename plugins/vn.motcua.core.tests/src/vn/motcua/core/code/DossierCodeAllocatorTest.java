package vn.motcua.core.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DossierCodeAllocatorTest {
    private static final String AGENCY = "H21.217";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);
    private final OfflineFallbackPolicy policy = OfflineFallbackPolicy.standard();
    private final NumberBlockIssuer server = new NumberBlockIssuer(policy);

    @Test
    void twoWorkstationsOfOneAgencyNeverCollide() {
        InMemoryNumberBlockStore store1 = new InMemoryNumberBlockStore();
        InMemoryNumberBlockStore store2 = new InMemoryNumberBlockStore();
        DossierCodeAllocator ws1 = new DossierCodeAllocator("WS-01", 1, store1, policy);
        DossierCodeAllocator ws2 = new DossierCodeAllocator("WS-02", 2, store2, policy);
        // The server hands blocks out in turn; it remembers the highest number reserved for the agency's day.
        int highest = 0;
        NumberBlock b1 = server.reserve(AGENCY, DAY, "WS-01", highest, 5);
        highest = b1.to();
        NumberBlock b2 = server.reserve(AGENCY, DAY, "WS-02", highest, 5);
        highest = b2.to();
        NumberBlock b3 = server.reserve(AGENCY, DAY, "WS-01", highest, 5);
        store1.addBlock(b1);
        store2.addBlock(b2);
        store1.addBlock(b3);
        assertEquals(List.of(1, 5, 6, 10, 11, 15), List.of(b1.from(), b1.to(), b2.from(), b2.to(), b3.from(), b3.to()));

        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            codes.add(ws1.next(AGENCY, DAY).code().format());
            codes.add(ws2.next(AGENCY, DAY).code().format());
        }
        assertEquals(20, new HashSet<>(codes).size(), codes.toString());
        assertEquals("H21.217-260302-0001", codes.get(0));
        assertEquals("H21.217-260302-0006", codes.get(1));
        assertEquals("H21.217-260302-0011", codes.get(10)); // ws1's sixth code: from its second block
        // ws2 ran out after five and went on in its own offline slice 9040–9079.
        assertEquals("H21.217-260302-9040", codes.get(11));
        assertEquals(0, ws1.remainingInBlocks(AGENCY, DAY));
    }

    @Test
    void withoutASlotOnlyReservedBlocksAreUsed() {
        InMemoryNumberBlockStore store = new InMemoryNumberBlockStore();
        DossierCodeAllocator ws = new DossierCodeAllocator("WS-26", 0, store, policy);
        store.addBlock(new NumberBlock(AGENCY, DAY, 5, 5, "WS-26"));
        assertEquals(5, ws.next(AGENCY, DAY).code().sequence());
        assertThrows(DossierCodeAllocator.NumbersExhaustedException.class, () -> ws.next(AGENCY, DAY));
    }

    @Test
    void offlineFallbackUsesTheWorkstationsOwnSliceAndIsFinal() {
        InMemoryNumberBlockStore store = new InMemoryNumberBlockStore();
        DossierCodeAllocator ws = new DossierCodeAllocator("WS-03", 3, store, policy);
        store.addBlock(new NumberBlock(AGENCY, DAY, 21, 22, "WS-03"));
        assertEquals(CodeAllocation.Source.RESERVED_BLOCK, ws.next(AGENCY, DAY).source());
        assertEquals(1, ws.remainingInBlocks(AGENCY, DAY));
        assertEquals(22, ws.next(AGENCY, DAY).code().sequence());
        CodeAllocation off = ws.next(AGENCY, DAY);
        assertEquals(CodeAllocation.Source.OFFLINE_FALLBACK, off.source());
        assertEquals("H21.217-260302-9080", off.code().format());
        for (int i = 1; i < 40; i++) {
            assertEquals(9080 + i, ws.next(AGENCY, DAY).code().sequence());
        }
        assertThrows(DossierCodeAllocator.NumbersExhaustedException.class, () -> ws.next(AGENCY, DAY));
        // Another day starts afresh.
        assertEquals(9080, ws.next(AGENCY, DAY.plusDays(1)).code().sequence());
    }

    @Test
    void fallbackSlicesOfAllSlotsAreDisjointAndOutsideServerBlocks() {
        Set<Integer> seen = new HashSet<>();
        for (int slot = 1; slot <= policy.maxSlots(); slot++) {
            NumberBlock b = policy.blockFor(AGENCY, DAY, slot, "WS");
            for (int i = b.from(); i <= b.to(); i++) {
                assertTrue(seen.add(i), "slot " + slot + " overlaps at " + i);
                assertTrue(!policy.isOrdinary(i));
            }
        }
        assertEquals(1000, seen.size());
        assertThrows(IllegalArgumentException.class, () -> policy.blockFor(AGENCY, DAY, 26, "WS"));
        assertThrows(IllegalArgumentException.class, () -> new OfflineFallbackPolicy(9000, 50, 25));
    }

    @Test
    void serverBlocksStopBelowTheFallbackSpaceAndContinueAboveIt() {
        NumberBlock a = server.reserve(AGENCY, DAY, "WS-01", 8990, 20);
        assertEquals(8991, a.from());
        assertEquals(8999, a.to());
        NumberBlock b = server.reserve(AGENCY, DAY, "WS-01", a.to(), 20);
        assertEquals(10000, b.from());
        assertEquals(10019, b.to());
        assertEquals("H21.217-260302-10000", new DossierCode(AGENCY, DAY, b.from()).format());
    }

    @Test
    void aBlockStrayingIntoTheFallbackSpaceIsIgnored() {
        InMemoryNumberBlockStore store = new InMemoryNumberBlockStore();
        store.addBlock(new NumberBlock(AGENCY, DAY, 8999, 9005, "WS-01"));
        DossierCodeAllocator ws = new DossierCodeAllocator("WS-01", 1, store, policy);
        assertEquals(CodeAllocation.Source.OFFLINE_FALLBACK, ws.next(AGENCY, DAY).source());
    }

    @Test
    void aLostRaceIsRetriedWithTheNextNumber() {
        InMemoryNumberBlockStore store = new InMemoryNumberBlockStore();
        store.addBlock(new NumberBlock(AGENCY, DAY, 1, 10, "WS-01"));
        store.racesToLose = 1;
        DossierCodeAllocator ws = new DossierCodeAllocator("WS-01", 1, store, policy);
        assertEquals(2, ws.next(AGENCY, DAY).code().sequence());
        assertEquals(3, ws.next(AGENCY, DAY).code().sequence());
    }

    @Test
    void blocksOfOtherAgenciesAndDaysAreNotUsed() {
        InMemoryNumberBlockStore store = new InMemoryNumberBlockStore();
        store.addBlock(new NumberBlock("H21.218", DAY, 1, 10, "WS-01"));
        store.addBlock(new NumberBlock(AGENCY, DAY.minusDays(1), 1, 10, "WS-01"));
        store.addBlock(new NumberBlock(AGENCY, DAY, 31, 40, "WS-01"));
        DossierCodeAllocator ws = new DossierCodeAllocator("WS-01", 1, store, policy);
        assertEquals(31, ws.next(AGENCY, DAY).code().sequence());
        assertEquals(9, ws.remainingInBlocks(AGENCY, DAY));
    }
}
