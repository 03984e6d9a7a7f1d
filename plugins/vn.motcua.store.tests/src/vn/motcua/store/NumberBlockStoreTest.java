package vn.motcua.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import vn.motcua.core.code.CodeAllocation;
import vn.motcua.core.code.DossierCodeAllocator;
import vn.motcua.core.code.NumberBlock;
import vn.motcua.core.code.NumberBlockIssuer;
import vn.motcua.core.code.OfflineFallbackPolicy;

/**
 * Dossier codes from number blocks kept in real H2 files: two workstations of one agency (each its own cache)
 * never produce the same code, a reopened cache goes on where it stopped, and racing threads never share one.
 */
class NumberBlockStoreTest {
    static final String AGENCY = "H21.217";
    static final LocalDate DAY = LocalDate.of(2026, 11, 23);
    static final CacheKey KEY = CacheKey.generate();
    final OfflineFallbackPolicy policy = OfflineFallbackPolicy.standard();
    final NumberBlockIssuer server = new NumberBlockIssuer(policy);

    @TempDir
    Path dir;

    @Test
    void twoWorkstationsWithTheirOwnCachesNeverCollideAndSurviveARestart() throws Exception {
        List<String> codes = new ArrayList<>();
        NumberBlock b1 = server.reserve(AGENCY, DAY, "WS-01", 0, 5);
        NumberBlock b2 = server.reserve(AGENCY, DAY, "WS-02", b1.to(), 5);
        try (LocalCache c1 = CacheOpener.open(dir.resolve("ws1"), KEY); LocalCache c2 = CacheOpener.open(dir.resolve("ws2"), KEY)) {
            c1.numberBlocks().addBlock(b1);
            c2.numberBlocks().addBlock(b2);
            DossierCodeAllocator ws1 = new DossierCodeAllocator("WS-01", 1, c1.numberBlocks(), policy);
            DossierCodeAllocator ws2 = new DossierCodeAllocator("WS-02", 2, c2.numberBlocks(), policy);
            for (int i = 0; i < 3; i++) {
                codes.add(ws1.next(AGENCY, DAY).code().format());
                codes.add(ws2.next(AGENCY, DAY).code().format());
            }
        }
        // Both restart (a crash or the end of the day's first session): numbering goes on, nothing reused.
        try (LocalCache c1 = CacheOpener.open(dir.resolve("ws1"), KEY); LocalCache c2 = CacheOpener.open(dir.resolve("ws2"), KEY)) {
            DossierCodeAllocator ws1 = new DossierCodeAllocator("WS-01", 1, c1.numberBlocks(), policy);
            DossierCodeAllocator ws2 = new DossierCodeAllocator("WS-02", 2, c2.numberBlocks(), policy);
            assertEquals(2, ws1.remainingInBlocks(AGENCY, DAY));
            for (int i = 0; i < 4; i++) {
                codes.add(ws1.next(AGENCY, DAY).code().format());
                CodeAllocation a = ws2.next(AGENCY, DAY);
                codes.add(a.code().format());
                if (i == 3) {
                    // ws2's block is used up: it went on in its own offline slice, which no other workstation has.
                    assertEquals(CodeAllocation.Source.OFFLINE_FALLBACK, ws1.next(AGENCY, DAY).source());
                }
            }
        }
        assertEquals(codes.size(), new HashSet<>(codes).size(), codes.toString());
        assertEquals("H21.217-261123-0001", codes.get(0));
        assertEquals("H21.217-261123-0006", codes.get(1));
    }

    @Test
    void racingAllocationsOnOneCacheNeverShareANumber() throws Exception {
        try (LocalCache c = CacheOpener.open(dir, KEY)) {
            c.numberBlocks().addBlock(new NumberBlock(AGENCY, DAY, 1, 200, "WS-01"));
            DossierCodeAllocator ws = new DossierCodeAllocator("WS-01", 1, c.numberBlocks(), policy);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                futures.add(pool.submit(() -> ws.next(AGENCY, DAY).code().sequence()));
            }
            Set<Integer> got = Collections.synchronizedSet(new HashSet<>());
            for (Future<Integer> f : futures) {
                assertTrue(got.add(f.get()), "a number was handed out twice");
            }
            pool.shutdown();
            assertEquals(120, got.size());
            assertEquals(120, c.numberBlocks().issued("WS-01", AGENCY, DAY).size());
            assertFalse(c.numberBlocks().markIssued("WS-01", AGENCY, DAY, 1), "an issued number cannot be issued again");
        }
    }
}
