package org.mmsim.api.physical;

/**
 * Builds CPU cache hierarchies: the hardware under the pages, one hierarchy a CPU. The physical layer binds it; a
 * machine, or a tool such as {@code ./mm trace}, asks it for the hierarchies it holds.
 */
public interface CpuCaches {
    /**
     * A hierarchy of the machine's model: write-back, write-allocate, inclusive or not, prefetching or not.
     *
     * @throws IllegalArgumentException if the spec cannot be built
     */
    CacheHierarchy hierarchy(CacheHierarchySpec spec);

    /**
     * cachegrind's model of valgrind 3.19 (cachegrind/cg_sim.c): an I1, a D1 and a unified LL, true LRU, write-allocate
     * with no write-backs, the LL reached only on a first-level miss and holding lines independently of the first level,
     * a straddling access one reference that misses if either line misses, a modify one read.
     */
    CacheHierarchy cachegrind(CacheGeometry i1, CacheGeometry d1, CacheGeometry ll);
}
