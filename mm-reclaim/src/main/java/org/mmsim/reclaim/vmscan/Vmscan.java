package org.mmsim.reclaim.vmscan;

import com.google.inject.Inject;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.kernel.ReverseMap;
import org.mmsim.api.kernel.SwapCache;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.reclaim.LruList;
import org.mmsim.api.reclaim.Reclaim;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.reclaim.lru.LruLists;
import org.mmsim.reclaim.lru.PolicyPools;
import org.mmsim.reclaim.lru.Workingset;

/**
 * Page reclaim of a node (mm/vmscan.c): {@code shrink_node()} works from priority 12 down, scanning each evictable
 * list's size {@code >> priority} pages, anon against file in the proportion vm.swappiness sets
 * ({@code get_scan_count()}: swappiness for anon, 200 − swappiness for file; anon only when there is swap to go to),
 * in batches of SWAP_CLUSTER_MAX (32). An inactive list found too small against its active list
 * ({@code inactive_is_low()}: inactive × int_sqrt(10 × GiB) < active) is refilled first from the active list's tail
 * ({@code shrink_active_list()}: every page deactivated, its young bits cleared).
 *
 * <p>Each page from an inactive list's tail ({@code shrink_folio_list()}): mlocked pages go to the unevictable
 * list; a page young in some PTE is activated if it is anonymous, was referenced before, or is mapped more than
 * once, else marked referenced and kept ({@code folio_check_references()}); otherwise it is reclaimed. An anonymous
 * page gets a swap slot, its PTEs become the swap entry ({@code try_to_unmap()}), it is written to the slot if dirty
 * and leaves the swap cache, which frees it; a file page is unmapped, written back first if dirty (and kept until
 * that completes), then dropped from the page cache with a workingset shadow entry.
 */
public final class Vmscan implements Reclaim {
    static final int SWAP_CLUSTER_MAX = 32;
    private static final int DEF_PRIORITY = 12;
    private final LruLists lru;
    private final Workingset workingset;
    private final PageFrames frames;
    private final VmStat vmstat;
    private final ReverseMap rmap;
    private final Swap swap;
    private final SwapCache swapCache;
    private final PageCache cache;
    private final long[] batch = new long[SWAP_CLUSTER_MAX];
    private int swappiness = 60;
    /** This scan's {@code may_swap} and {@code may_writepage}. */
    private boolean mayWrite = true;

    @Inject
    public Vmscan(LruLists lru, Workingset workingset, PageFrames frames, VmStat vmstat, ReverseMap rmap, Swap swap,
                  SwapCache swapCache, PageCache cache) {
        this.lru = lru;
        this.workingset = workingset;
        this.frames = frames;
        this.vmstat = vmstat;
        this.rmap = rmap;
        this.swap = swap;
        this.swapCache = swapCache;
        this.cache = cache;
    }

    @Override
    public int swappiness() {
        return swappiness;
    }

    @Override
    public void setSwappiness(int value) {
        if (value < 0 || value > 200) {
            throw new IllegalArgumentException("swappiness " + value + "; expected 0 to 200");
        }
        swappiness = value;
    }

    @Override
    public long reclaimNode(int node, long pages) {
        // memory.reclaim's write: a node that exists (try_to_free_mem_cgroup_pages() takes online nodes only).
        if (node < 0 || node >= lru.nodes() || pages < 0) {
            throw new IllegalArgumentException("reclaim of " + pages + " pages from node " + node + "; expected node 0 to "
                    + (lru.nodes() - 1) + " and 0 pages or more");
        }
        return shrinkNode(node, pages, false);
    }

    @Override
    public boolean reclaimPage(long pfn) {
        if (!lru.pfnValid(pfn)) {
            throw new IllegalArgumentException(String.format("reclaim of pfn %#x: no such frame", pfn));
        }
        int flags = frames.flags(pfn);
        if ((flags & PageFlags.LRU) == 0 || (flags & PageFlags.UNEVICTABLE) != 0) {
            return false;
        }
        if ((flags & PageFlags.ACTIVE) != 0) {
            lru.deactivate(pfn);
            return false;
        }
        boolean file = (flags & PageFlags.SWAPBACKED) == 0;
        vmstat.inc(VmItem.PGSCAN_DIRECT);
        vmstat.inc(file ? VmItem.PGSCAN_FILE : VmItem.PGSCAN_ANON);
        int reclaimed = shrinkFolio(pfn, lru.nodeOf(pfn), file);
        vmstat.add(VmItem.PGSTEAL_DIRECT, reclaimed);
        vmstat.add(file ? VmItem.PGSTEAL_FILE : VmItem.PGSTEAL_ANON, reclaimed);
        return reclaimed == 1;
    }

    /**
     * Reclaims up to {@code target} pages of {@code node}.
     *
     * @param kswapd whether kswapd does it (counted as pgscan_kswapd/pgsteal_kswapd) rather than an allocation
     * @return the pages reclaimed
     */
    public long shrinkNode(int node, long target, boolean kswapd) {
        return shrinkNode(node, target, kswapd, true);
    }

    /**
     * As {@link #shrinkNode(int, long, boolean)}; without {@code mayWrite} (kswapd reclaiming for a watermark boost:
     * scan_control's may_swap and may_writepage off) only clean file pages go.
     */
    public long shrinkNode(int node, long target, boolean kswapd, boolean mayWrite) {
        boolean outer = this.mayWrite;
        this.mayWrite = mayWrite;
        try {
            return shrink(node, target, kswapd);
        } finally {
            this.mayWrite = outer;
        }
    }

    private long shrink(int node, long target, boolean kswapd) {
        long reclaimed = 0;
        for (int priority = DEF_PRIORITY; priority >= 0 && reclaimed < target; priority--) {
            boolean anon = mayWrite && swap.freePages() > 0 && swappiness > 0;
            long anonSize = lru.pages(node, LruList.INACTIVE_ANON) + lru.pages(node, LruList.ACTIVE_ANON);
            long fileSize = lru.pages(node, LruList.INACTIVE_FILE) + lru.pages(node, LruList.ACTIVE_FILE);
            long ap = anon ? swappiness : 0;
            long fp = 200 - swappiness;
            long scanAnon = scanCount(anonSize, priority, ap, ap + fp + 1);
            long scanFile = scanCount(fileSize, priority, fp, ap + fp + 1);
            while ((scanAnon > 0 || scanFile > 0) && reclaimed < target) {
                if (scanAnon > 0) {
                    int nr = (int) Math.min(scanAnon, SWAP_CLUSTER_MAX);
                    scanAnon -= nr;
                    reclaimed += shrinkList(node, false, nr, kswapd);
                }
                if (scanFile > 0) {
                    int nr = (int) Math.min(scanFile, SWAP_CLUSTER_MAX);
                    scanFile -= nr;
                    reclaimed += shrinkList(node, true, nr, kswapd);
                }
            }
        }
        return reclaimed;
    }

    /** A list's share of one priority's scan; the last priorities look at small lists whole. */
    private static long scanCount(long size, int priority, long fraction, long denominator) {
        if (fraction == 0 || size == 0) {
            return 0;
        }
        long scan = (size >> priority) * fraction / denominator;
        return scan == 0 && priority <= 2 ? Math.min(size, SWAP_CLUSTER_MAX) : scan;
    }

    private long shrinkList(int node, boolean file, int nr, boolean kswapd) {
        LruList inactive = file ? LruList.INACTIVE_FILE : LruList.INACTIVE_ANON;
        LruList active = file ? LruList.ACTIVE_FILE : LruList.ACTIVE_ANON;
        if (lru.pools() != null) {
            return shrinkByPolicy(node, file, nr, kswapd);
        }
        if (inactiveIsLow(node, inactive, active)) {
            shrinkActive(node, active, nr);
        }
        return shrinkInactive(node, inactive, nr, kswapd);
    }

    /** {@code inactive_is_low()}: the inactive list is smaller than its share of the type's pages. */
    private boolean inactiveIsLow(int node, LruList inactive, LruList active) {
        long in = lru.pages(node, inactive);
        long act = lru.pages(node, active);
        long gb = (in + act) >> (30 - 12);
        long ratio = gb > 0 ? (long) Math.sqrt(10.0 * gb) : 1;
        return in * ratio < act;
    }

    /** {@code shrink_active_list()}: pages from the active tail go to the inactive list, their young bits cleared. */
    private void shrinkActive(int node, LruList active, int nr) {
        int n = lru.tail(node, active, nr, batch);
        for (int i = 0; i < n; i++) {
            long pfn = batch[i];
            vmstat.inc(VmItem.PGREFILL);
            if (frames.mapcount(pfn) > 0) {
                rmap.referenced(pfn);
            }
            lru.deactivate(pfn);
        }
    }

    private long shrinkInactive(int node, LruList inactive, int nr, boolean kswapd) {
        int n = lru.tail(node, inactive, nr, batch);
        long reclaimed = 0;
        boolean file = inactive.isFile();
        vmstat.add(kswapd ? VmItem.PGSCAN_KSWAPD : VmItem.PGSCAN_DIRECT, n);
        vmstat.add(file ? VmItem.PGSCAN_FILE : VmItem.PGSCAN_ANON, n);
        for (int i = 0; i < n; i++) {
            // A slot taken for an earlier page of the batch may have reclaimed a later one that only the swap cache
            // held (__try_to_reclaim_swap()); the kernel's isolation reference keeps such a folio, here it is gone.
            if ((frames.flags(batch[i]) & PageFlags.LRU) != 0) {
                reclaimed += shrinkFolio(batch[i], node, file);
            }
        }
        vmstat.add(kswapd ? VmItem.PGSTEAL_KSWAPD : VmItem.PGSTEAL_DIRECT, reclaimed);
        vmstat.add(file ? VmItem.PGSTEAL_FILE : VmItem.PGSTEAL_ANON, reclaimed);
        return reclaimed;
    }

    /**
     * Reclaim with a plugin ordering the pages: it names each victim; the page is then checked and reclaimed as
     * {@link #shrinkFolio} does, and one that stays (young, dirty, locked, still mapped) goes back to the plugin as a
     * new page, referenced if it was found young or was activated.
     */
    private long shrinkByPolicy(int node, boolean file, int nr, boolean kswapd) {
        PolicyPools pools = lru.pools();
        long reclaimed = 0;
        int scanned = 0;
        for (; scanned < nr; scanned++) {
            long held = file ? lru.pages(node, LruList.INACTIVE_FILE) + lru.pages(node, LruList.ACTIVE_FILE)
                    : lru.pages(node, LruList.INACTIVE_ANON) + lru.pages(node, LruList.ACTIVE_ANON);
            long pfn = pools.victim(node, file, held);
            if (pfn < 0) {
                break;
            }
            int done = shrinkFolio(pfn, node, file);
            reclaimed += done;
            int flags = frames.flags(pfn);
            if (done == 0 && (flags & PageFlags.LRU) != 0) {
                pools.insert(pfn, node, file);
                if ((flags & (PageFlags.ACTIVE | PageFlags.REFERENCED)) != 0) {
                    pools.hit(pfn, node, file);
                }
            }
        }
        vmstat.add(kswapd ? VmItem.PGSCAN_KSWAPD : VmItem.PGSCAN_DIRECT, scanned);
        vmstat.add(file ? VmItem.PGSCAN_FILE : VmItem.PGSCAN_ANON, scanned);
        vmstat.add(kswapd ? VmItem.PGSTEAL_KSWAPD : VmItem.PGSTEAL_DIRECT, reclaimed);
        vmstat.add(file ? VmItem.PGSTEAL_FILE : VmItem.PGSTEAL_ANON, reclaimed);
        return reclaimed;
    }

    /** {@code shrink_folio_list()} for one page: 1 if it was reclaimed. */
    private int shrinkFolio(long pfn, int node, boolean file) {
        int flags = frames.flags(pfn);
        if ((flags & PageFlags.MLOCKED) != 0) {
            lru.cull(pfn);
            return 0;
        }
        int young = frames.mapcount(pfn) > 0 ? rmap.referenced(pfn) : 0;
        boolean referenced = (flags & PageFlags.REFERENCED) != 0;
        frames.clearFlags(pfn, PageFlags.REFERENCED);
        if (young > 0) {
            if (!file || referenced || young > 1) {
                lru.activate(pfn);
            } else {
                frames.setFlags(pfn, PageFlags.REFERENCED);
                lru.rotate(pfn);
            }
            return 0;
        }
        return file ? reclaimFile(pfn, node) : reclaimAnon(pfn, node);
    }

    private int reclaimAnon(long pfn, int node) {
        long mapping = frames.mapping(pfn);
        if (mapping != 0 && (mapping & PageFrames.ANON_MAPPING) == 0) {
            // A shmem page: shmem_writeout() is not modelled, so it stays.
            lru.rotate(pfn);
            return 0;
        }
        if (swapCache.entryOf(pfn) == 0) {
            if (swapCache.addToSwapCache(pfn) == 0) {
                lru.activate(pfn);
                return 0;
            }
            // A new slot holds nothing yet: the page must be written.
            frames.setFlags(pfn, PageFlags.DIRTY);
        }
        if (frames.mapcount(pfn) > 0 && !rmap.tryToUnmap(pfn, swapCache.entryOf(pfn))) {
            lru.rotate(pfn);
            return 0;
        }
        if ((frames.flags(pfn) & PageFlags.DIRTY) != 0) {
            swapCache.writePage(pfn);
            frames.clearFlags(pfn, PageFlags.DIRTY);
        }
        if (frames.refcount(pfn) != 1) {
            lru.rotate(pfn);
            return 0;
        }
        swapCache.deleteFromSwapCache(pfn, workingset.eviction(node, (frames.flags(pfn) & PageFlags.WORKINGSET) != 0));
        return 1;
    }

    private int reclaimFile(long pfn, int node) {
        if (frames.mapcount(pfn) > 0 && !rmap.tryToUnmap(pfn, 0)) {
            lru.rotate(pfn);
            return 0;
        }
        int flags = frames.flags(pfn);
        if ((flags & PageFlags.WRITEBACK) != 0) {
            lru.rotate(pfn);
            return 0;
        }
        if ((flags & PageFlags.DIRTY) != 0) {
            if (!mayWrite) {
                lru.rotate(pfn);
                return 0;
            }
            // pageout(): the page goes to the disk, and is reclaimed on a later pass once clean.
            cache.writePage(pfn);
            lru.rotate(pfn);
            return 0;
        }
        if (frames.refcount(pfn) != 1) {
            lru.rotate(pfn);
            return 0;
        }
        long shadow = workingset.eviction(node, (flags & PageFlags.WORKINGSET) != 0);
        if (!cache.evict(pfn, shadow)) {
            lru.rotate(pfn);
            return 0;
        }
        return 1;
    }
}
