package org.mmsim.physical.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheReplacement;
import org.mmsim.api.physical.CacheSpec;

class SetAssociativeCacheTest {
    private static SetAssociativeCache oneSet(int ways, CacheReplacement replacement) {
        return new SetAssociativeCache(new CacheSpec("L1d", new CacheGeometry(64L * ways, ways, 64), replacement));
    }

    @Test
    void treePlruEvictsWhereItsBitsPointNotTheLeastRecentlyUsed() {
        // Four ways filled A B C D (ways 0-3), then A again: the root points right, away from A, and the right node
        // away from D, the last used there, so the victim is C (way 2); true LRU would take B.
        SetAssociativeCache plru = oneSet(4, CacheReplacement.TREE_PLRU);
        SetAssociativeCache lru = oneSet(4, CacheReplacement.LRU);
        for (long line : new long[] {10, 11, 12, 13, 10, 14}) {
            plru.access(line, false);
            lru.access(line, false);
        }
        assertEquals(12, plru.victim());
        assertEquals(11, lru.victim());
        assertTrue(plru.contains(11));
        assertFalse(plru.contains(12));
    }

    @Test
    void theSetOfALineIsItsLowBits() {
        SetAssociativeCache c = new SetAssociativeCache(new CacheSpec("L1d", new CacheGeometry(32768, 8, 64),
                CacheReplacement.LRU));
        assertEquals(64, new CacheGeometry(32768, 8, 64).sets());
        assertEquals(0x2a, c.setOf(0x12345ea));
    }

    @Test
    void aWriteBackMarksTheLineDirtyAndAnEvictionReportsIt() {
        SetAssociativeCache c = oneSet(1, CacheReplacement.LRU);
        c.access(5, false);
        assertTrue(c.markDirty(5));
        assertFalse(c.markDirty(6), "a line not held is not taken by a write-back");
        assertFalse(c.access(6, false));
        assertEquals(5, c.victim());
        assertTrue(c.victimDirty());
    }

    @Test
    void anArrayTooLargeToHoldIsRefused() {
        CacheSpec huge = new CacheSpec("L3", new CacheGeometry(1L << 34, 1, 64), CacheReplacement.LRU);
        assertThrows(IllegalArgumentException.class, () -> new SetAssociativeCache(huge));
    }
}
