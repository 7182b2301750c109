package org.mmsim.api.physical;

/**
 * The page allocator ({@code alloc_pages()} and {@code __free_pages()} in mm/page_alloc.c): blocks of 2^order
 * physically contiguous frames, named by the pfn of their first frame. Hot path: pfns are primitive {@code long}s.
 */
public interface PageAllocator {
    /** What {@link #allocPages} returns when it cannot satisfy a request (Linux returns NULL). */
    long NO_PAGE = -1;

    /**
     * Allocates a block on the current CPU's node, following the GFP flags: the zones they allow, the watermarks,
     * waking kswapd and reclaiming directly where they allow it. An allocation that cannot be satisfied returns
     * {@link #NO_PAGE}; the allocator never throws for lack of memory.
     *
     * @throws BadPageException for an order out of range or GFP zone modifiers that make no zone
     */
    long allocPages(int gfp, int order);

    /**
     * {@code alloc_pages_node()}: as {@link #allocPages}, from the zonelist of node {@code nid} rather than the current
     * CPU's (its own zones first, then the other nodes' as the zonelist falls back to them).
     *
     * @throws BadPageException as {@link #allocPages} does, or for a node the machine does not have
     */
    long allocPagesNode(int nid, int gfp, int order);

    /**
     * Frees a block allocated with the same order ({@code __free_pages()}): its reference is dropped and the block
     * goes back to the free lists, or the CPU's list for small orders.
     *
     * @throws BadPageException for a pfn outside every zone, a block that is free, the wrong order, or a page still
     *     mapped or referenced elsewhere; nothing changes then
     */
    void freePages(long pfn, int order);

    /**
     * Splits an allocated block into {@code 2^order} order-0 allocations ({@code split_page()}, and what splitting a
     * huge page does to its folio): each page can then be freed alone. The first page keeps its references, each
     * other page gets one; map counts are kept.
     *
     * @throws BadPageException if {@code pfn} does not start an allocated block of {@code order}; nothing changes then
     */
    void splitPage(long pfn, int order);

    /** Returns every page on every per-CPU list to the buddy lists ({@code drain_all_pages()}). */
    void drainAllPages();

    /** The CPU allocations run on from now on (the scenario's current CPU). */
    void setCurrentCpu(int cpu);
}
