package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.CpuSpec;

/** The cache keys change one part of the preset and mark the CPU custom. */
class CacheKeysTest {
    @Test
    void eachKeyChangesItsPart() {
        CpuSpec skylake = CpuSpec.preset("skylake-sp");
        assertFalse(skylake.caches().inclusive(), "Skylake-SP's L3 is non-inclusive");
        CpuSpec inclusive = CacheKeys.apply(skylake, "l3_inclusive", "on");
        assertTrue(inclusive.caches().inclusive());
        assertTrue(inclusive.custom());
        assertEquals(skylake.caches().llc(), inclusive.caches().llc());
        assertFalse(CacheKeys.apply(skylake, "prefetch", "off").caches().prefetch());
        assertEquals(64L << 10, CacheKeys.apply(skylake, "l1d", "64K/16").caches().l1d().geometry().size());
        assertTrue(CacheKeys.apply(skylake, "l2", "none").caches().l2().isEmpty());
        assertEquals(5, CacheKeys.latencies(skylake, "5/16/70").l1Cycles());
    }
}
