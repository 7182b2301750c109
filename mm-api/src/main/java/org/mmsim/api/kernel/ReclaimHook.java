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
     * Reclaims pages synchronously for an allocation that may wait.
     *
     * @return the pages reclaimed (0 if none could be)
     */
    long directReclaim(int gfp, int order, int highestZoneIndex);

    /**
     * Reclaim made no progress for an allocation that may not fail: run the OOM killer.
     *
     * @return whether memory was freed (a task was killed), so the allocation is worth retrying
     */
    boolean outOfMemory(int gfp, int order);

    /**
     * A page on an LRU list (PG_lru) is being freed ({@code __page_cache_release()}): it must leave its list before
     * it goes back to the buddy lists. Without a reclaim layer no page is ever on a list.
     */
    default void releaseLru(long pfn) {
    }
}
