package org.mmsim.api.kernel;

import org.mmsim.api.reclaim.Pressure;
import org.mmsim.api.reclaim.Reclaim;
import org.mmsim.api.reclaim.Swap;

/**
 * What reclaim and the paging layer call in each other beyond the processes' public contract: the registration reclaim
 * makes once it is up (the kernel brings reclaim up after the processes' memory), and swapoff's walk of the page
 * tables.
 */
public interface ProcessHooks {
    /**
     * {@code try_to_unuse()} for swapoff: every page-table entry that holds an entry of swap area {@code type} gets
     * its page back, swapped in.
     *
     * @return false if memory ran out before every page was back (those back stay back)
     */
    boolean swapUnuse(int type);

    /**
     * Registers what faults and accesses call in reclaim: the LRU lists new pages join, swap's totals (the overcommit
     * limit counts them), the swap cache swap entries are faulted in from and freed to, the stall accounting and page
     * reclaim.
     *
     * @throws IllegalStateException if reclaim registered already
     */
    void registerReclaim(Lru lru, Swap swap, SwapCache swapCache, Pressure pressure, Reclaim reclaim);

    /**
     * Starts init (pid 1) and the kernel threads, as {@code rest_init()} and {@code kernel_init()} do at the end of the
     * boot; nothing happens if they are running already.
     */
    void startInit();
}
