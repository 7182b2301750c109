package org.mmsim.paging.mm;

import org.mmsim.api.paging.Pte;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.kernel.SwapCache;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.paging.pagetable.Walk;

/**
 * The swap-in of a fault on a swap entry ({@code do_swap_page()} in mm/memory.c): the page is found in the swap cache
 * (a minor fault) or read from its slot (a major one), and mapped in place of the entry. It is mapped writable only
 * for a write by the entry's last holder (then it leaves the swap cache too: its slot's copy is stale once written);
 * otherwise read-only, so that a write copies it, as another process may still hold the entry or share the page.
 * Swapoff brings pages back through here too ({@link SwapUnuse}).
 */
final class SwapFault {
    private final PageFrames frames;
    private final VmStat vmstat;
    private final ReclaimOps reclaim;

    SwapFault(PageFrames frames, VmStat vmstat, ReclaimOps reclaim) {
        this.frames = frames;
        this.vmstat = vmstat;
        this.reclaim = reclaim;
    }

    /**
     * Maps the page of the swap entry {@code pte}, found at {@code at}, for a read or a write.
     *
     * @return a {@link FaultResult}: {@link FaultResult#OOM} if the page could not be read for want of memory
     */
    int fault(Mm mm, Vma vma, long page, long pte, boolean write, Walk at, FaultHandler faults) {
        SwapCache swap = reclaim.swapCache();
        long entry = SwapPtes.entry(pte);
        long pfn = swap.lookup(entry);
        int result = FaultResult.MINOR;
        if (pfn < 0) {
            pfn = swap.swapIn(entry, Gfp.GFP_HIGHUSER_MOVABLE);
            if (pfn < 0) {
                return FaultResult.OOM;
            }
            // A swap-in is a wait for memory that reclaim took away (swap_read_folio()'s memstall).
            result = FaultResult.MAJOR | FaultResult.MEMSTALL;
        }
        boolean exclusive = swap.count(entry) == 1 && frames.mapcount(pfn) == 0;
        frames.getPage(pfn);
        frames.incMapcount(pfn);
        if (frames.mapcount(pfn) == 1) {
            vmstat.inc(VmItem.NR_ANON_PAGES);
        }
        faults.ensureAnonVma(vma);
        frames.setMapping(pfn, Rmap.anonMapping(vma), vma.pageIndex(page));
        mm.rssAnon++;
        mm.swapEntries--;
        if (exclusive && write) {
            swap.deleteFromSwapCache(pfn);
            swap.free(entry);
            mm.tables.set(at, (pfn << 12) | FaultHandler.baseBits(vma) | Pte.RW | Pte.DIRTY);
        } else {
            swap.free(entry);
            mm.tables.set(at, (pfn << 12) | FaultHandler.baseBits(vma));
        }
        return result;
    }
}
