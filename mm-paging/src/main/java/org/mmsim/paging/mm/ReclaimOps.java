package org.mmsim.paging.mm;

import org.mmsim.api.kernel.Lru;
import org.mmsim.api.kernel.SwapCache;
import org.mmsim.api.reclaim.Pressure;
import org.mmsim.api.reclaim.Reclaim;
import org.mmsim.api.reclaim.Swap;

/**
 * What the paging layer calls in reclaim, set once reclaim is up, as the kernel's boot order has it: memory, then the
 * page tables and processes, then reclaim, which registers itself ({@link ProcessTable#registerReclaim}). The fault
 * paths read these fields directly; before registration no user page has been touched, so none is read.
 */
final class ReclaimOps {
    private Lru lru;
    private Swap swap;
    private SwapCache swapCache;
    private Pressure pressure;
    private Reclaim reclaim;

    /**
     * @throws IllegalStateException if reclaim registered already
     */
    void register(Lru lists, Swap areas, SwapCache cache, Pressure stalls, Reclaim vmscan) {
        if (lru != null) {
            throw new IllegalStateException("reclaim is registered already");
        }
        this.lru = lists;
        this.swap = areas;
        this.swapCache = cache;
        this.pressure = stalls;
        this.reclaim = vmscan;
    }

    /** The LRU lists new pages join. */
    Lru lru() {
        return lru;
    }

    /** The swap cache, where anonymous pages go and come back from. */
    SwapCache swapCache() {
        return swapCache;
    }

    /** Swap pages there are: none until swap is up (Committed_AS's limit counts them). */
    long swapPages() {
        return swap == null ? 0 : swap.totalPages();
    }

    /** Memory pressure stall information, told of each stall a fault waits. */
    Pressure pressure() {
        return pressure;
    }

    /** Page reclaim, for the pages local replacement gives up. */
    Reclaim reclaim() {
        return reclaim;
    }
}
