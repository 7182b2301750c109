package org.mmsim.kalloc.slub;

/**
 * How big a slab is: {@code calculate_order()} and {@code calc_slab_order()} of mm/slub.c (Linux 6.8 and later).
 *
 * <p>A slab should hold at least {@code slub_min_objects} objects, 4 × (fls(nr_cpus) + 1) unless set at boot, so
 * that a CPU slab lasts a while; the order starts at the smallest that holds them (capped by what fits in an order
 * {@code slub_max_order} = 3 slab) and rises only as far as needed to waste at most 1/16 of the slab on the
 * leftover after the last object, then 1/8, then 1/4. An object too big for even that goes to
 * {@code get_order(size)}.
 */
public final class SlabOrder {
    /** {@code PAGE_ALLOC_COSTLY_ORDER}: the default {@code slub_max_order}. */
    public static final int SLUB_MAX_ORDER = 3;
    /** The page allocator's largest order ({@code MAX_PAGE_ORDER}). */
    public static final int MAX_PAGE_ORDER = 10;
    /** Objects a slab may hold at most: the 15 bits of {@code slab->objects}. */
    public static final int MAX_OBJS_PER_PAGE = 32767;
    private static final int PAGE_SIZE = 4096;

    private SlabOrder() {
    }

    /** {@code fls()}: the 1-based position of the highest set bit, 0 for 0. */
    public static int fls(int x) {
        return 32 - Integer.numberOfLeadingZeros(x);
    }

    /** {@code ilog2()} of a positive number. */
    public static int ilog2(long x) {
        return 63 - Long.numberOfLeadingZeros(x);
    }

    /** {@code get_order()}: the smallest order whose block holds {@code size} bytes. */
    public static int getOrder(long size) {
        if (size <= PAGE_SIZE) {
            return 0;
        }
        return 64 - Long.numberOfLeadingZeros((size - 1) >>> 12);
    }

    /** {@code order_objects()}: objects of {@code size} bytes in a slab of {@code order}. */
    public static int orderObjects(int order, int size) {
        return (PAGE_SIZE << order) / size;
    }

    /** {@code slub_min_objects} when not set at boot: 4 × (fls(nr_cpus) + 1). */
    public static int minObjects(int cpus) {
        return 4 * (fls(cpus) + 1);
    }

    /**
     * {@code calc_slab_order()}: the first order from {@code minOrder} to {@code maxOrder} whose leftover is at most
     * 1/{@code fractLeftover} of the slab; {@code maxOrder + 1} if none.
     */
    static int calcSlabOrder(int size, int minOrder, int maxOrder, int fractLeftover) {
        int order;
        for (order = minOrder; order <= maxOrder; order++) {
            int slabSize = PAGE_SIZE << order;
            int rem = slabSize % size;
            if (rem <= slabSize / fractLeftover) {
                break;
            }
        }
        return order;
    }

    /**
     * {@code calculate_order()} for a slot of {@code size} bytes on a machine with {@code cpus} CPUs.
     *
     * @return the order, or -1 if no order up to MAX_PAGE_ORDER holds one object
     */
    public static int calculateOrder(int size, int cpus) {
        int minObjects = minObjects(cpus);
        int maxObjects = Math.max(orderObjects(SLUB_MAX_ORDER, size), 1);
        minObjects = Math.min(minObjects, maxObjects);
        int minOrder = getOrder((long) minObjects * size);
        if (orderObjects(minOrder, size) > MAX_OBJS_PER_PAGE) {
            return getOrder((long) size * MAX_OBJS_PER_PAGE) - 1;
        }
        // Accept 1/16 of waste first, then 1/8 and 1/4; 1/2 would accept anything the min_objects order gives.
        for (int fraction = 16; fraction > 1; fraction /= 2) {
            int order = calcSlabOrder(size, minOrder, SLUB_MAX_ORDER, fraction);
            if (order <= SLUB_MAX_ORDER) {
                return order;
            }
        }
        int order = getOrder(size);
        return order <= MAX_PAGE_ORDER ? order : -1;
    }

    /**
     * {@code calculate_alignment()} (mm/slab_common.c): SLAB_HWCACHE_ALIGN aligns to the 64-byte cache line, halved
     * while the object fits in half of it; never less than the word.
     */
    public static int calculateAlignment(boolean hwcacheAlign, int align, int size, int word) {
        if (hwcacheAlign) {
            int ralign = 64;
            while (size <= ralign / 2) {
                ralign /= 2;
            }
            align = Math.max(align, ralign);
        }
        align = Math.max(align, 8);
        return alignUp(align, word);
    }

    /** {@code ALIGN()}: {@code x} rounded up to a multiple of the power of two {@code a}. */
    public static int alignUp(int x, int a) {
        return (x + a - 1) & -a;
    }

    /** {@code set_min_partial()}: ilog2(size) / 2 partial slabs kept per node, clamped to 5..10. */
    public static int minPartial(int size) {
        return Math.max(5, Math.min(10, ilog2(size) / 2));
    }
}
