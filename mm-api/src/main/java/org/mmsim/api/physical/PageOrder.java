package org.mmsim.api.physical;

/**
 * The orders of the buddy allocator: a block of order {@code n} is {@code 2^n} contiguous pages, aligned to its
 * size (include/linux/mmzone.h).
 */
public final class PageOrder {
    /** {@code MAX_PAGE_ORDER}: the largest order the buddy allocator hands out (4 MiB blocks with 4 KiB pages). */
    public static final int MAX_PAGE_ORDER = 10;
    /** {@code NR_PAGE_ORDERS}: the number of free lists per migrate type, orders 0 to MAX_PAGE_ORDER. */
    public static final int NR_PAGE_ORDERS = MAX_PAGE_ORDER + 1;
    /** {@code pageblock_order} on x86-64 with 4 KiB pages: a pageblock is one 2 MiB huge page. */
    public static final int PAGEBLOCK_ORDER = 9;
    /** {@code PAGE_ALLOC_COSTLY_ORDER}: orders above this are "costly" and the allocator tries less hard. */
    public static final int PAGE_ALLOC_COSTLY_ORDER = 3;

    private PageOrder() {
    }

    /**
     * Checks that {@code order} is one the buddy allocator hands out.
     *
     * @throws IllegalArgumentException naming the order and the range expected
     */
    public static int check(int order) {
        if (order < 0 || order > MAX_PAGE_ORDER) {
            throw new IllegalArgumentException("order " + order + "; expected 0 to " + MAX_PAGE_ORDER);
        }
        return order;
    }
}
