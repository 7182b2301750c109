package org.mmsim.api.physical;

/**
 * How movable a block of pages is ({@code enum migratetype} in include/linux/mmzone.h), in the kernel's order, with
 * the names /proc/pagetypeinfo prints ({@code migratetype_names[]} in mm/page_alloc.c). The buddy allocator keeps a
 * free list per order and migrate type, and groups pages by mobility a pageblock at a time to limit fragmentation.
 */
public enum MigrateType {
    UNMOVABLE("Unmovable"),
    MOVABLE("Movable"),
    RECLAIMABLE("Reclaimable"),
    /** Reserved for high-order atomic allocations. */
    HIGHATOMIC("HighAtomic"),
    /** Contiguous memory allocator areas (CONFIG_CMA). */
    CMA("CMA"),
    /** Blocks being isolated for migration or offlining. */
    ISOLATE("Isolate");

    /** {@code MIGRATE_PCPTYPES}: the types the per-CPU page lists keep (unmovable, movable, reclaimable). */
    public static final int PCPTYPES = 3;

    private final String kernelName;

    MigrateType(String kernelName) {
        this.kernelName = kernelName;
    }

    /** The name /proc/pagetypeinfo prints, such as {@code Movable}. */
    public String kernelName() {
        return kernelName;
    }
}
