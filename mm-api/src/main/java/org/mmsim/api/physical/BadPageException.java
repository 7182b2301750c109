package org.mmsim.api.physical;

/**
 * A wrong call into the page allocator, caught as {@code bad_page()} and CONFIG_DEBUG_VM catch it: freeing a free
 * block, freeing with the wrong order, a pfn outside every zone, freeing a page still mapped or still referenced,
 * an order out of range. The message names the pfn, the order and the zone; the allocator's state is unchanged.
 */
public final class BadPageException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long pfn;
    private final int order;

    /**
     * @param pfn the frame the call named
     * @param order the order the call gave
     * @param zone the zone the frame belongs to, or null if none
     * @param reason what is wrong, as {@code bad_page()} says it ("nonzero mapcount")
     */
    public BadPageException(long pfn, int order, String zone, String reason) {
        super(String.format("BUG: Bad page state: pfn:%#x order:%d zone:%s: %s", pfn, order, zone == null ? "none" : zone, reason));
        this.pfn = pfn;
        this.order = order;
    }

    /** The frame the call named. */
    public long pfn() {
        return pfn;
    }

    /** The order the call gave. */
    public int order() {
        return order;
    }
}
