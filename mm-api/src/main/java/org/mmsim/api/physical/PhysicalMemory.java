package org.mmsim.api.physical;

import java.util.List;

/**
 * The machine's physical memory as a whole ({@code pglist_data} of every node, and the vm sysctls of
 * mm/page_alloc.c): read-only views of the zones for the /proc files, the totals of /proc/meminfo, and the tunables
 * of /proc/sys/vm that this layer owns. Changing a tunable recomputes what depends on it, as the kernel's sysctl
 * handlers do.
 */
public interface PhysicalMemory {
    /** Every zone of every node, populated or not, node by node in the kernel's zone order. */
    List<ZoneInfo> zones();

    /** The NUMA nodes. */
    int nodes();

    /** The zone types of the architecture, in the kernel's order. */
    List<ZoneType> zoneTypes();

    /** Pages the buddy allocator manages, all zones ({@code totalram_pages()}, MemTotal). */
    long totalRamPages();

    /**
     * Pages of the per-CPU areas' first chunk, embedded at boot: its pages in every unit, unused units included (the
     * dynamic chunks' are {@link org.mmsim.api.kalloc.Percpu}'s).
     */
    long percpuPages();

    /** {@code pcpu_nr_units}: the units of the per-CPU chunks, one a possible CPU and the unused ones. */
    int percpuUnits();

    /**
     * {@code nr_kernel_pages} (mm/mm_init.c): the RAM memblock had not reserved when the zones were set up, from
     * which the boot sizes its large hash tables ({@link org.mmsim.api.kernel.SystemHash}).
     */
    long kernelPages();

    /** The page sizes of the kernel's direct mapping of RAM (DirectMap4k, DirectMap2M, DirectMap1G). */
    DirectMap directMap();

    /** Free pages in the buddy lists, all zones (MemFree). */
    long freePages();

    /** {@code vm.min_free_kbytes}. */
    int minFreeKbytes();

    /** Writes {@code vm.min_free_kbytes} and recomputes every watermark. */
    void setMinFreeKbytes(int kbytes);

    /** {@code vm.watermark_scale_factor}. */
    int watermarkScaleFactor();

    /** Writes {@code vm.watermark_scale_factor} (1 to 3000) and recomputes every watermark. */
    void setWatermarkScaleFactor(int factor);

    /** {@code vm.watermark_boost_factor}: how far a fragmenting fallback may boost a zone's watermarks (default 15000). */
    int watermarkBoostFactor();

    /** Writes {@code vm.watermark_boost_factor} (0 turns boosting off; in units of 0.01% of the high watermark). */
    void setWatermarkBoostFactor(int factor);

    /**
     * kswapd balanced {@code node} (or gave up): its zones' watermark boosts are spent ({@code balance_pgdat()}
     * takes off the boost it reclaimed for).
     */
    void clearWatermarkBoost(int node);

    /** {@code vm.lowmem_reserve_ratio}, one entry per zone type. */
    int[] lowmemReserveRatio();

    /**
     * Writes {@code vm.lowmem_reserve_ratio} and recomputes the reserves.
     *
     * @throws IllegalArgumentException unless there is one ratio of 0 or more per zone type
     */
    void setLowmemReserveRatio(int[] ratios);

    /** {@code vm.percpu_pagelist_high_fraction}. */
    int percpuPagelistHighFraction();

    /** Writes {@code vm.percpu_pagelist_high_fraction} (0, or 8 or more) and resizes the per-CPU lists. */
    void setPercpuPagelistHighFraction(int fraction);

    /** The fail_page_alloc attributes. */
    FaultAttr failPageAlloc();

    /**
     * Sets the fail_page_alloc attributes.
     *
     * @throws IllegalArgumentException if {@code attributes} is null
     */
    void setFailPageAlloc(FaultAttr attributes);

    /** Compacts every zone ({@code echo 1 > /proc/sys/vm/compact_memory}); returns the pages migrated. */
    long compactMemory();
}
