package org.mmsim.physical.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheLevelStats;

/** cachegrind's rules (cachegrind/cg_sim.c, cg_main.c of valgrind 3.19), each on accesses counted by hand. */
class CachegrindCachesTest {
    private static final CacheGeometry L1 = new CacheGeometry(4096, 2, 64);

    private static CachegrindCaches caches(CacheGeometry ll) {
        return new CachegrindCaches(L1, L1, ll);
    }

    @Test
    void aStraddlingAccessIsOneReferenceAndOneMissThoughBothLinesMiss() {
        CachegrindCaches c = caches(new CacheGeometry(65536, 8, 64));
        assertEquals(3, c.access(CacheHierarchy.LOAD, 0x103c, 8));
        List<CacheLevelStats> s = c.stats();
        assertEquals(1, s.get(1).reads());
        assertEquals(1, s.get(1).readMisses());
        assertEquals(1, s.get(2).readMisses(), "the LL counts one miss too");
        assertTrue(c.d1().contains(0x40) && c.d1().contains(0x41));
    }

    @Test
    void theD1AndTheLlAreTheDataSideLevelsOneAndTwo() {
        // The D1's 32 sets of two ways: lines 0x40, 0x60 and 0x80 all go to set 0, so the third evicts the first.
        CachegrindCaches c = caches(new CacheGeometry(65536, 8, 64));
        c.access(CacheHierarchy.LOAD, 0x1000, 4);
        c.access(CacheHierarchy.STORE, 0x1800, 4);
        c.access(CacheHierarchy.LOAD, 0x2000, 4);
        assertEquals(0x40, c.victim(1));
        assertEquals(0x80, c.line(1, 0, 0));
        assertEquals(0x60, c.line(1, 0, 1));
        assertEquals(CacheHierarchy.NO_LINE, c.victim(2), "the LL's 128 sets have room");
        assertEquals(0x80, c.line(2, 0, 0), "in the LL the three lines have sets of their own: 0, 64 and 96");
        assertEquals(0x40, c.line(2, 64, 0));
        assertThrows(IllegalArgumentException.class, () -> c.line(3, 0, 0));
    }

    @Test
    void onAFirstLevelMissTheLlSeesTheWholeAccessEvenTheLineTheFirstLevelHeld() {
        // A two-line LL evicts line 0x40 while the D1 (32 sets) keeps it; an access straddling 0x40 and 0x41 misses
        // the D1 on 0x41 only, and the LL is then asked for both lines: 0x40 comes back into it, one miss counted.
        CachegrindCaches c = caches(new CacheGeometry(128, 2, 64));
        c.access(CacheHierarchy.LOAD, 0x1000, 4);
        c.access(CacheHierarchy.LOAD, 0x2040, 4);
        c.access(CacheHierarchy.LOAD, 0x3080, 4);
        assertFalse(c.ll().contains(0x40));
        assertTrue(c.d1().contains(0x40));
        c.access(CacheHierarchy.LOAD, 0x103c, 8);
        assertTrue(c.ll().contains(0x40), "cg_sim.c references the LL with the whole access");
        assertTrue(c.ll().contains(0x41));
        assertEquals(4, c.stats().get(2).readMisses());
    }

    @Test
    void aModifyIsOneReadAndAStoreOneWrite() {
        CachegrindCaches c = caches(new CacheGeometry(65536, 8, 64));
        c.access(CacheHierarchy.MODIFY, 0x1000, 4);
        c.access(CacheHierarchy.STORE, 0x2000, 4);
        c.access(CacheHierarchy.STORE, 0x2004, 4);
        CacheLevelStats d1 = c.stats().get(1);
        assertEquals(List.of(1L, 1L, 2L, 1L), List.of(d1.reads(), d1.readMisses(), d1.writes(), d1.writeMisses()));
        CacheLevelStats ll = c.stats().get(2);
        assertEquals(List.of(1L, 1L), List.of(ll.reads(), ll.writes()), "the LL's references are the D1's misses");
    }

    @Test
    void instructionFetchesGoThroughTheI1AndTheUnifiedLl() {
        CachegrindCaches c = caches(new CacheGeometry(65536, 8, 64));
        c.access(CacheHierarchy.FETCH, 0x401000, 3);
        c.access(CacheHierarchy.FETCH, 0x401003, 15);
        c.access(CacheHierarchy.LOAD, 0x401000, 8);
        assertEquals(new CacheLevelStats("I1", 2, 1, 0, 0, 0, 0, 0, 0), c.stats().get(0));
        assertEquals(new CacheLevelStats("LL", 1, 1, 1, 0, 0, 0, 0, 0), c.stats().get(2),
                "the load finds in the LL the line the fetch brought");
    }

    @Test
    void aDataAccessWiderThanTheSmallestLineIsCutToIt() {
        CacheGeometry small = new CacheGeometry(1024, 2, 16);
        CachegrindCaches c = new CachegrindCaches(small, small, new CacheGeometry(8192, 4, 32));
        c.access(CacheHierarchy.LOAD, 0x1000, 32);
        assertTrue(c.d1().contains(0x100));
        assertFalse(c.d1().contains(0x101), "32 bytes cut to 16 touch one 16-byte line");
    }

    @Test
    void aBadAccessIsRefusedAndCountsNothing() {
        CachegrindCaches c = caches(new CacheGeometry(65536, 8, 64));
        assertThrows(IllegalArgumentException.class, () -> c.access(7, 0x1000, 4));
        assertThrows(IllegalArgumentException.class, () -> c.access(CacheHierarchy.LOAD, 0x1000, 0));
        assertEquals(0, c.stats().get(1).references());
    }
}
