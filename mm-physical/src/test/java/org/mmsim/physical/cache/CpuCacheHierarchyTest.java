package org.mmsim.physical.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheHierarchySpec;
import org.mmsim.api.physical.CacheReplacement;
import org.mmsim.api.physical.CacheSpec;

/** The machine's hierarchy on short sequences counted by hand: one-set caches, so every fill past the ways evicts. */
class CpuCacheHierarchyTest {
    private static CacheSpec oneSet(String name, int ways) {
        return new CacheSpec(name, new CacheGeometry(64L * ways, ways, 64), CacheReplacement.LRU);
    }

    private static CpuCacheHierarchy hierarchy(boolean inclusive, boolean prefetch) {
        return new CpuCacheHierarchy(new CacheHierarchySpec(oneSet("L1i", 1), oneSet("L1d", 1), Optional.of(oneSet("L2", 2)),
                oneSet("L3", 4), inclusive, prefetch));
    }

    @Test
    void aDirtyLineEvictedFromL1dIsWrittenBackIntoL2() {
        CpuCacheHierarchy c = hierarchy(false, false);
        assertEquals(4, c.access(CacheHierarchy.STORE, 0x000, 8), "a cold store comes from memory (write-allocate)");
        assertEquals(4, c.access(CacheHierarchy.LOAD, 0x040, 8), "the next line comes from memory too");
        assertEquals(1, c.stats().get(1).writebacks(), "the L1d's one way held the dirty line 0");
        SetAssociativeCache l2 = c.arrays().get(2);
        assertTrue(l2.isDirty(0), "the L2 took the write-back");
        assertEquals(0, c.memoryWrites());
        assertEquals(2, c.access(CacheHierarchy.LOAD, 0x000, 8), "line 0 is back from the L2");
    }

    @Test
    void anInclusiveLastLevelTakesTheInnerCopiesOfWhatItEvicts() {
        CpuCacheHierarchy inclusive = hierarchy(true, false);
        CpuCacheHierarchy not = hierarchy(false, false);
        for (CpuCacheHierarchy c : new CpuCacheHierarchy[] {inclusive, not}) {
            c.access(CacheHierarchy.FETCH, 0x000, 4);
            for (long line = 1; line <= 4; line++) {
                c.access(CacheHierarchy.LOAD, line << 6, 8);
            }
        }
        // Five lines through a four-way L3: line 0 (the fetch) goes, and with it the L1i's copy if inclusive.
        assertFalse(inclusive.arrays().get(0).contains(0));
        assertTrue(not.arrays().get(0).contains(0));
        assertEquals(1, inclusive.access(CacheHierarchy.LOAD, 4 << 6, 8));
        assertEquals(4, inclusive.access(CacheHierarchy.FETCH, 0x000, 4));
        assertEquals(1, not.access(CacheHierarchy.FETCH, 0x000, 4));
    }

    @Test
    void aSetsWaysAndWhatALookupEvictedAreReadThroughTheContract() {
        // L1d one way, L2 two ways, L3 four, one set each: lines 0, 1 and 2 loaded in turn.
        CacheHierarchy c = hierarchy(false, false);
        c.access(CacheHierarchy.LOAD, 0x000, 8);
        assertEquals(CacheHierarchy.NO_LINE, c.victim(1), "the first line filled the empty way");
        c.access(CacheHierarchy.LOAD, 0x040, 8);
        assertEquals(0, c.victim(1), "line 1 took line 0's one way");
        assertEquals(1, c.line(1, 0, 0));
        c.access(CacheHierarchy.LOAD, 0x080, 8);
        assertEquals(0, c.victim(2), "the L2's least recently used of lines 0 and 1");
        assertEquals(2, c.line(2, 0, 0), "line 2 went into line 0's way");
        assertEquals(1, c.line(2, 0, 1));
        assertEquals(CacheHierarchy.NO_LINE, c.line(3, 0, 3), "the L3 has a way left");
        assertEquals(CacheHierarchy.NO_LINE, c.victim(3));
        c.access(CacheHierarchy.LOAD, 0x080, 8);
        assertEquals(CacheHierarchy.NO_LINE, c.victim(1), "a hit evicts nothing");
        assertEquals(0, c.victim(2), "the L2, not looked up on an L1d hit, keeps its last lookup's victim");
    }

    @Test
    void aLevelSetOrWayTheHierarchyLacksIsRefused() {
        CacheHierarchy c = hierarchy(false, false);
        c.access(CacheHierarchy.LOAD, 0x000, 8);
        assertEquals("cache level 4; expected 1 (the first-level data cache) to 3",
                assertThrows(IllegalArgumentException.class, () -> c.victim(4)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.victim(0));
        assertEquals("L2: set 1, way 0; expected a set from 0 to 0 and a way from 0 to 1",
                assertThrows(IllegalArgumentException.class, () -> c.line(2, 1, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.line(3, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> c.line(1, 0, -1));
        assertEquals(0, c.line(1, 0, 0), "the caches as they were");
        assertEquals(1, c.access(CacheHierarchy.LOAD, 0x000, 8));
    }

    @Test
    void theNextLinePrefetcherTurnsASweepsNextMissIntoAHit() {
        CpuCacheHierarchy on = new CpuCacheHierarchy(new CacheHierarchySpec(oneSet("L1i", 1), oneSet("L1d", 2),
                Optional.empty(), oneSet("L3", 4), false, true));
        CpuCacheHierarchy off = hierarchy(false, false);
        for (CpuCacheHierarchy c : new CpuCacheHierarchy[] {on, off}) {
            c.access(CacheHierarchy.LOAD, 0x000, 8);
        }
        assertEquals(1, on.access(CacheHierarchy.LOAD, 0x040, 8), "line 1 was prefetched into the L1d");
        assertEquals(1, on.stats().get(1).prefetches());
        assertEquals(1, on.stats().get(1).readMisses(), "only the first load missed");
        assertEquals(4, off.access(CacheHierarchy.LOAD, 0x040, 8));
    }

    @Test
    void thePrefetcherStopsAtThePagesEnd() {
        CpuCacheHierarchy on = new CpuCacheHierarchy(new CacheHierarchySpec(oneSet("L1i", 1), oneSet("L1d", 2),
                Optional.empty(), oneSet("L3", 4), false, true));
        // The last line of a 4 KiB page: the next line is another page's, whose frame may be anywhere.
        on.access(CacheHierarchy.LOAD, 0xfc0, 8);
        assertEquals(0, on.stats().get(1).prefetches());
        assertEquals(3, on.access(CacheHierarchy.LOAD, 0x1000, 8), "the next page's first line was not prefetched");
    }

    @Test
    void aStrideRepeatedTwicePrefetchesOneStrideOn() {
        StridePrefetcher p = new StridePrefetcher();
        assertEquals(11, p.miss(10), "no history: the next line");
        assertEquals(15, p.miss(14), "one stride seen: still the next line");
        assertEquals(22, p.miss(18), "the stride of 4 repeated");
    }
}
