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

    /** The nodemask of every node: no mask ({@code NULL} in {@code __alloc_pages()}). */
    long ALL_NODES = -1L;

    /**
     * {@code __alloc_pages(gfp, order, preferred_nid, nodemask)}: a block from the zones of {@code preferredNid}'s
     * zonelist that lie on a node of {@code nodemask} (bit n for node n), counted a NUMA hit or miss against the
     * first such zone's node and local or other against the current CPU's node. {@link #allocPages(int, int)} is this
     * call with the CPU's node and {@link #ALL_NODES}. An allocator of one node may ignore both.
     *
     * @throws BadPageException for an order out of range, GFP zone modifiers that make no zone, or no node of the
     *     machine in {@code nodemask}
     */
    default long allocPages(int gfp, int order, int preferredNid, long nodemask) {
        return allocPages(gfp, order);
    }

    /** {@code numa_node_id()}: the node of the current CPU. */
    default int numaNodeId() {
        return 0;
    }

    /** {@code page_to_nid()}: the node of the frame {@code pfn}. */
    default int pageToNid(long pfn) {
        return 0;
    }

    /**
     * Counts an interleaved allocation that landed on the node it was meant for ({@code NUMA_INTERLEAVE_HIT} of the
     * page's zone, what mm/mempolicy.c's {@code alloc_pages_mpol()} counts), numa_interleave in /proc/vmstat.
     */
    default void countInterleaveHit(long pfn) {
    }

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
