package org.mmsim.api.physical;

/**
 * A read-only view of one zone ({@code struct zone}): what /proc/zoneinfo, /proc/buddyinfo, /proc/pagetypeinfo and
 * debugfs extfrag show of it. Page figures are in pages.
 */
public interface ZoneInfo {
    /** The NUMA node. */
    int node();

    /** The zone type. */
    ZoneType type();

    /** Whether the zone has memory ({@code populated_zone()}). */
    default boolean populated() {
        return present() > 0;
    }

    /** The first pfn ({@code zone_start_pfn}). */
    long startPfn();

    long spanned();

    long present();

    long managed();

    /** Free pages in the buddy lists ({@code NR_FREE_PAGES}). */
    long freePages();

    /** Free pages in blocks of pageblock order or larger ({@code NR_FREE_PAGES_BLOCKS}). */
    long freePagesInBlocks();

    /** WMARK_MIN, WMARK_LOW, WMARK_HIGH, WMARK_PROMO: index 0 to 3. */
    long watermark(int mark);

    /** {@code watermark_boost}. */
    long watermarkBoost();

    /** {@code lowmem_reserve[]}, one entry per zone type of the architecture: the protection line. */
    long[] protection();

    /** Free blocks of {@code order} ({@code free_area[order].nr_free}). */
    long nrFree(int order);

    /** Free blocks of {@code order} on the {@code type} list. */
    long nrFree(int order, MigrateType type);

    /** Pageblocks of each migrate type, indexed by {@link MigrateType#ordinal()}. */
    long[] pageblocks();

    /** CPUs with per-CPU lists. */
    int cpus();

    /** Per-CPU list figures of {@code cpu}: count, high, batch, high_min, high_max. */
    int[] pcp(int cpu);

    /** {@code stat_threshold} ({@code calculate_normal_threshold()}): the "vm stats threshold" line. */
    int statThreshold();

    /** NUMA allocation counters: numa_hit, numa_miss, numa_foreign, numa_interleave, numa_local, numa_other. */
    long[] numaStats();

    /**
     * The unusable free space index for {@code order}, in thousandths ({@code unusable_free_index()} in
     * mm/vmstat.c): the share of free memory in blocks too small for an allocation of that order.
     */
    int unusableIndex(int order);

    /**
     * The external fragmentation index for {@code order}, in thousandths ({@code __fragmentation_index()}): near
     * 1000 a failure would be due to fragmentation, near 0 to lack of memory; -1000 when a block of the order is
     * free.
     */
    int fragmentationIndex(int order);
}
