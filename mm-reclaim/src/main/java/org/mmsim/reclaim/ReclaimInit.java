package org.mmsim.reclaim;

import org.mmsim.reclaim.vmscan.Vmscan;
import org.mmsim.api.reclaim.Pressure;
import com.google.inject.Inject;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.kernel.MemoryHooks;
import org.mmsim.api.kernel.ProcessHooks;
import org.mmsim.api.kernel.SwapCache;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.reclaim.lru.LruLists;
import org.mmsim.reclaim.lru.Workingset;
import org.mmsim.reclaim.vmscan.KernelReclaim;

/**
 * The reclaim layer's late registration, as the kernel's reclaim registers itself after memory is up
 * ({@code kswapd_init()}, {@code swap_setup()} in {@code start_kernel()}'s later initcalls): the page allocator gets
 * its {@link org.mmsim.api.kernel.ReclaimHook}, the page cache the LRU lists its pages join, the processes what
 * their faults call in reclaim (the lists, swap's totals and its cache, stall accounting, page reclaim), the workingset swap
 * (built after the lists, which swap-in feeds). The layers below need no reference to reclaim when they are built,
 * so the composition has no cycle and no lazy lookup on a hot path.
 */
final class ReclaimInit {
    @Inject
    ReclaimInit(MemoryHooks memory, KernelReclaim reclaim, PageCache pageCache, ProcessHooks processes, LruLists lru,
                Workingset workingset, Swap swap, SwapCache swapCache, Pressure pressure, Vmscan vmscan) {
        memory.registerReclaimHook(reclaim);
        pageCache.registerLru(lru);
        processes.registerReclaim(lru, swap, swapCache, pressure, vmscan);
        workingset.registerSwap(swap::totalPages);
    }
}
