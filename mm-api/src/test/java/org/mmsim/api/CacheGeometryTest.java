package org.mmsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchySpec;
import org.mmsim.api.physical.CacheReplacement;
import org.mmsim.api.physical.CacheSpec;

/** Cache geometries as cachegrind's options give them and /sys/devices/system/cpu/cpuN/cache describes them. */
class CacheGeometryTest {
    @Test
    void cachegrindsOptionSyntaxGivesSizeWaysAndLine() {
        CacheGeometry d1 = CacheGeometry.parse("32768,8,64");
        assertEquals(new CacheGeometry(32768, 8, 64), d1);
        assertEquals(64, d1.sets());
        assertEquals(6, d1.lineShift());
        assertEquals("32768 B, 64 B, 8-way associative", d1.toString());
        assertEquals("268435456 B, 64 B, direct-mapped", CacheGeometry.parse("268435456,1,64").toString());
    }

    @Test
    void aGeometryBitSelectionCannotIndexIsRefusedInCachegrindsWords() {
        assertMessage("cache set count is not a power of two", "3145728,16,64");
        assertMessage("cache set count is not a power of two", "32768,8,100");
        assertMessage("cache line size is not a power of two", "30720,10,48");
        assertMessage("cache line size is too small", "32768,8,8");
        assertMessage("expected SIZE,WAYS,LINE", "32768,8");
        assertMessage("expected SIZE,WAYS,LINE", "32K,8,64");
        assertMessage("expected a positive size", "0,8,64");
    }

    @Test
    void treePseudoLruNeedsPowerOfTwoWaysAndAHierarchyOneLineSize() {
        CacheGeometry l3 = new CacheGeometry(12L << 20, 12, 64);
        assertThrows(IllegalArgumentException.class, () -> new CacheSpec("L3", l3, CacheReplacement.TREE_PLRU));
        CacheSpec l1 = new CacheSpec("L1d", new CacheGeometry(32768, 8, 64), CacheReplacement.TREE_PLRU);
        CacheSpec l1i = new CacheSpec("L1i", new CacheGeometry(32768, 8, 32), CacheReplacement.LRU);
        CacheSpec llc = new CacheSpec("L3", l3, CacheReplacement.LRU);
        assertThrows(IllegalArgumentException.class, () -> new CacheHierarchySpec(l1i, l1, Optional.empty(), llc, true, false));
    }

    private static void assertMessage(String expected, String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CacheGeometry.parse(text));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
