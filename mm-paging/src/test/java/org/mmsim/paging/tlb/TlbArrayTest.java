package org.mmsim.paging.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One TLB array: LRU within a set, set indexing, PCID tags, global entries and the invalidations of SDM §4.10.4. */
class TlbArrayTest {
    private static final long MISS = TlbArray.MISS;

    @Test
    void theLeastRecentlyUsedWayOfAFullSetIsEvicted() {
        TlbArray tlb = new TlbArray(16, 4);
        // VPNs 0, 4, 8, 12 share set 0 of 4.
        for (long vpn = 0; vpn < 16; vpn += 4) {
            tlb.insert(vpn, 1, false, 100 + vpn);
        }
        assertEquals(100, tlb.lookup(0, 1));
        tlb.insert(16, 1, false, 116);

        assertEquals(MISS, tlb.lookup(4, 1), "4 was the least recently used");
        assertEquals(100, tlb.lookup(0, 1));
        assertEquals(108, tlb.lookup(8, 1));
        assertEquals(112, tlb.lookup(12, 1));
        assertEquals(116, tlb.lookup(16, 1));
        assertEquals(1, tlb.evictions());
        assertEquals(4, tlb.validEntries());
    }

    @Test
    void pagesOfOtherSetsDoNotEvictEachOther() {
        TlbArray tlb = new TlbArray(8, 2);
        for (long vpn = 0; vpn < 8; vpn++) {
            tlb.insert(vpn, 0, false, vpn + 1);
        }
        for (long vpn = 0; vpn < 8; vpn++) {
            assertEquals(vpn + 1, tlb.lookup(vpn, 0), "vpn " + vpn);
        }
        assertEquals(0, tlb.evictions());
        assertEquals(8, tlb.validEntries());

        // Negative VPNs (kernel addresses) index by their low bits too: -1 lands in set 3, evicting 3's older way.
        tlb.insert(-1, 0, false, 99);
        assertEquals(99, tlb.lookup(-1, 0));
        assertEquals(MISS, tlb.lookup(3, 0));
        assertEquals(8, tlb.lookup(7, 0));
    }

    @Test
    void aFullyAssociativeArrayHoldsAnyPagesUpToItsSize() {
        TlbArray tlb = new TlbArray(4, 4);
        long[] vpns = {0, 1L << 40, -7, 12345};
        for (long vpn : vpns) {
            tlb.insert(vpn, 0, false, 1);
        }
        for (long vpn : vpns) {
            assertEquals(1, tlb.lookup(vpn, 0));
        }
        assertEquals(0, tlb.evictions());
    }

    @Test
    void reinsertingAPageReplacesItsEntry() {
        TlbArray tlb = new TlbArray(4, 4);
        tlb.insert(5, 2, false, 10);
        tlb.insert(5, 2, false, 20);
        assertEquals(20, tlb.lookup(5, 2));
        assertEquals(1, tlb.validEntries());
        assertEquals(0, tlb.evictions());
    }

    @Test
    void entriesAreTaggedByPcidAndGlobalOnesMatchEveryPcid() {
        TlbArray tlb = new TlbArray(8, 4);
        tlb.insert(5, 1, false, 10);
        tlb.insert(5, 2, false, 20);
        tlb.insert(6, 1, true, 30);
        assertEquals(10, tlb.lookup(5, 1));
        assertEquals(20, tlb.lookup(5, 2));
        assertEquals(MISS, tlb.lookup(5, 3));
        assertEquals(30, tlb.lookup(6, 3));
        assertEquals(3, tlb.hits());
        assertEquals(1, tlb.misses());

        // A global entry for a page overlaps every PCID's entry for it, and is overlapped by each.
        tlb.insert(5, 3, true, 40);
        assertEquals(40, tlb.lookup(5, 1));
        assertEquals(2, tlb.validEntries());
        tlb.insert(6, 2, false, 50);
        assertEquals(MISS, tlb.lookup(6, 1));
        assertEquals(50, tlb.lookup(6, 2));
    }

    @Test
    void invlpgDropsThePcidsEntryAndGlobalEntriesOfThePageOnly() {
        TlbArray tlb = new TlbArray(8, 4);
        tlb.insert(5, 1, false, 10);
        tlb.insert(5, 2, false, 20);
        tlb.insert(6, 1, true, 30);
        tlb.insert(7, 1, false, 40);

        tlb.invalidatePage(5, 1);
        tlb.invalidatePage(6, 2);
        assertEquals(MISS, tlb.lookup(5, 1));
        assertEquals(20, tlb.lookup(5, 2));
        assertEquals(MISS, tlb.lookup(6, 1));
        assertEquals(40, tlb.lookup(7, 1));
        assertEquals(2, tlb.validEntries());
    }

    @Test
    void invpcidSingleContextKeepsGlobalAndOtherPcidEntries() {
        TlbArray tlb = new TlbArray(8, 4);
        tlb.insert(1, 1, false, 10);
        tlb.insert(2, 1, true, 20);
        tlb.insert(3, 2, false, 30);
        tlb.invalidatePcid(1);
        assertEquals(MISS, tlb.lookup(1, 1));
        assertEquals(20, tlb.lookup(2, 1));
        assertEquals(30, tlb.lookup(3, 2));
    }

    @Test
    void globalEntriesSurviveACr3WriteButNotAPgeToggle() {
        TlbArray tlb = new TlbArray(8, 4);
        tlb.insert(1, 1, false, 10);
        tlb.insert(2, 2, false, 20);
        tlb.insert(3, 1, true, 30);
        tlb.flushNonGlobal();
        assertEquals(MISS, tlb.lookup(1, 1));
        assertEquals(MISS, tlb.lookup(2, 2));
        assertEquals(30, tlb.lookup(3, 2));
        assertEquals(1, tlb.validEntries());

        tlb.flushAll();
        assertEquals(MISS, tlb.lookup(3, 1));
        assertEquals(0, tlb.validEntries());
    }

    @Test
    void aWayFreedByAnInvalidationIsReusedBeforeAnyEviction() {
        TlbArray tlb = new TlbArray(4, 4);
        for (long vpn = 0; vpn < 4; vpn++) {
            tlb.insert(vpn, 0, false, vpn + 1);
        }
        tlb.invalidatePage(3, 0);
        tlb.insert(9, 0, false, 10);
        assertEquals(0, tlb.evictions());
        assertEquals(1, tlb.lookup(0, 0));
    }

    @Test
    void badGeometriesPcidsAndPayloadsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new TlbArray(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TlbArray(12, 5));
        assertThrows(IllegalArgumentException.class, () -> new TlbArray(4, 8));
        String message = assertThrows(IllegalArgumentException.class, () -> new TlbArray(36, 12)).getMessage();
        assertTrue(message.contains("36 entries in 12 ways") && message.contains("power-of-two"), message);

        TlbArray tlb = new TlbArray(4, 2);
        assertThrows(IllegalArgumentException.class, () -> tlb.lookup(1, 4096));
        assertThrows(IllegalArgumentException.class, () -> tlb.lookup(1, -1));
        assertThrows(IllegalArgumentException.class, () -> tlb.insert(1, 4096, false, 1));
        assertThrows(IllegalArgumentException.class, () -> tlb.insert(1, 0, false, TlbArray.MISS));
        assertThrows(IllegalArgumentException.class, () -> tlb.invalidatePcid(-1));
        assertEquals(0, tlb.validEntries());
    }
}
