package org.mmsim.kalloc.slub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmsim.api.kalloc.SlabInfo;

/**
 * The caches a machine boots with against the real 6.18 boot of linux-6.18-samples/proc-slabinfo-full.txt, on the
 * sample's 2 CPUs: every cache mmsim has is one the real boot has, with its slot size, objects per slab and pages per
 * slab, in the real boot's order; the caches the real kernel merges have no row of their own.
 */
class BootGeometryTest {
    private final SlubAllocator slab = new Machines(1 << 14, SlabinfoSample.CPUS, "").slab;

    private static Map<String, SlabinfoSample.Row> sample() {
        Map<String, SlabinfoSample.Row> rows = new LinkedHashMap<>();
        for (SlabinfoSample.Row row : SlabinfoSample.rows()) {
            rows.put(row.name(), row);
        }
        return rows;
    }

    @Test
    void everyCacheHasTheRealBootsGeometry() {
        Map<String, SlabinfoSample.Row> sample = sample();
        List<SlabInfo> ours = slab.slabinfo();
        for (SlabInfo cache : ours) {
            SlabinfoSample.Row real = sample.get(cache.name());
            assertNotNull(real, cache.name() + " is not a cache of the real boot");
            assertEquals(real, new SlabinfoSample.Row(cache.name(), cache.objSize(), cache.objPerSlab(),
                    cache.pagesPerSlab()), "objsize objperslab pagesperslab");
        }
        // 52 kmalloc caches (13 sizes x normal, -rcl-, dma-, -cg-) and the named ones of BootCaches less the two
        // the kernel merges away (cred into pid, fs_cache into anon_vma_chain).
        assertEquals(52 + BootCaches.ALL.size() - 2, ours.size());
    }

    @Test
    void theCachesComeInTheRealBootsOrder() {
        List<String> ours = slab.slabinfo().stream().map(SlabInfo::name).toList();
        List<String> real = sample().keySet().stream().filter(ours::contains).toList();
        assertEquals(real, ours);
    }

    @Test
    void mergedCachesAreAliasesOfTheRealTargets() {
        Map<String, SlabinfoSample.Row> sample = sample();
        for (String[] alias : new String[][] {{"cred", "pid"}, {"fs_cache", "anon_vma_chain"}}) {
            assertFalse(sample.containsKey(alias[0]), alias[0] + " has no row of its own in the sample");
            assertEquals(alias[1], slab.cacheName(slab.findCache(alias[0])));
            assertEquals(List.of(alias[0]), slab.slabinfo(slab.findCache(alias[1])).aliases());
        }
    }
}
