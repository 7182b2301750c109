package org.mmsim.api.kernel;

/**
 * What the page allocator asks of reclaim when memory runs short ({@code wakeup_kswapd()},
 * {@code __alloc_pages_direct_reclaim()}, {@code __alloc_pages_may_oom()}). The reclaim layer implements it; until
 * it lands, the physical layer's own implementation reclaims nothing, and allocations that need reclaim fail.
 */
public interface ReclaimHook {
    /** The allocator fell below a low watermark: wake the node's kswapd to reclaim up to the high watermark. */
    void wakeKswapd(int node, int order, int highestZoneIndex, int gfp);

    /**
     * Reclaims pages synchronously for an allocation that may wait, on the nodes of its nodemask only
     * ({@code shrink_zones()} walks the zonelist filtered by {@code sc->nodemask}).
     *
     * @param nodemask the allocation's nodes, bit n for node n ({@code PageAllocator.ALL_NODES} for every node)
     * @return the pages reclaimed (0 if none could be)
     */
    long directReclaim(int gfp, int order, int highestZoneIndex, long nodemask);

    /**
     * {@code zone_reclaimable_pages()}: the pages reclaim could still free in a zone, what the allocator adds to its
     * free pages to decide whether another round of reclaim is worth it ({@code should_reclaim_retry()}).
     *
     * @param zone the zone's index among the physical layer's zones (node by node, each node's zone types in order)
     * @return its file LRU pages, and its anonymous ones when there is swap to put them in; 0 without a reclaim layer
     */
    default long zoneReclaimablePages(int zone) {
        return 0;
    }

    /**
     * Reclaim made no progress for an allocation that may not fail: run the OOM killer. An allocation bound to some
     * of the nodes by a memory policy is a constrained OOM ({@code CONSTRAINT_MEMORY_POLICY}).
     *
     * @param nodemask the allocation's nodes, bit n for node n ({@code PageAllocator.ALL_NODES} for every node)
     * @return whether memory was freed (a task was killed), so the allocation is worth retrying
     */
    boolean outOfMemory(int gfp, int order, long nodemask);

    /**
     * A page on an LRU list (PG_lru) is being freed ({@code __page_cache_release()}): it must leave its list before
     * it goes back to the buddy lists. Without a reclaim layer no page is ever on a list.
     */
    default void releaseLru(long pfn) {
    }
}
