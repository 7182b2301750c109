package org.mmsim.kalloc.slub;

/**
 * The families of kmalloc caches ({@code enum kmalloc_cache_type} in include/linux/slab.h): one set of size classes
 * per family, named with the prefixes /proc/slabinfo shows ({@code kmalloc_info[]} in mm/slab_common.c).
 */
enum KmallocType {
    /** Ordinary allocations: {@code kmalloc-64}. */
    NORMAL("kmalloc-"),
    /** {@code __GFP_RECLAIMABLE} allocations, counted as SReclaimable: {@code kmalloc-rcl-64}. */
    RECLAIM("kmalloc-rcl-"),
    /** {@code GFP_DMA} allocations from ZONE_DMA: {@code dma-kmalloc-64}. */
    DMA("dma-kmalloc-"),
    /** {@code __GFP_ACCOUNT} allocations charged to a memory cgroup: {@code kmalloc-cg-64}. */
    CGROUP("kmalloc-cg-");

    private final String prefix;

    KmallocType(String prefix) {
        this.prefix = prefix;
    }

    /** The cache name of this family's size class {@code sizeName}, such as {@code kmalloc-rcl-1k}. */
    String cacheName(String sizeName) {
        return prefix + sizeName;
    }
}
