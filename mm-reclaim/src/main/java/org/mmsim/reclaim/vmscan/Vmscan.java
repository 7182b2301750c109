package org.mmsim.reclaim.vmscan;

import com.google.inject.Inject;
import org.mmsim.api.kernel.BlockQueue;
import org.mmsim.api.kernel.MemoryHooks;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.kernel.ReverseMap;
import org.mmsim.api.kernel.SwapCache;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.physical.ZoneType;
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
 *
 * <p>Each priority's pass runs the shrinkers too ({@code shrink_slab()}), such as the deferred split of huge pages.
 *
 * <p>Each reclaim is one {@link ScanControl}, built by the entry that starts it and passed down: it bounds the scan to
 * the zones up to its {@code reclaim_idx} (list sizes of those zones only; pages of higher zones skipped and counted
 * as pgskip_*), says whether pages may be written and swapped, and keeps the priority and the pages scanned and
 * reclaimed.
 */
public final class Vmscan implements Reclaim {
    static final int SWAP_CLUSTER_MAX = 32;
    private static final ZoneType[] ZONE_TYPES = ZoneType.values();
    private final LruLists lru;
    private final Workingset workingset;
    private final PageFrames frames;
    private final VmStat vmstat;
    private final ReverseMap rmap;
    private final Swap swap;
    private final SwapCache swapCache;
    private final PageCache cache;
    private final BlockQueue queue;
    private final MemoryHooks shrinkers;
    private final long[] batch = new long[SWAP_CLUSTER_MAX];
    /** Pages of zones above reclaim_idx the last isolation skipped, by zone type ordinal. */
    private final long[] skipped = new long[ZONE_TYPES.length];
    /** Local replacement's scan_control: one page at a time, so one for the machine rather than one per page. */
    private final ScanControl reclaimPage = ScanControl.reclaimPage();
    private int swappiness = 60;

    @Inject
    public Vmscan(LruLists lru, Workingset workingset, PageFrames frames, VmStat vmstat, ReverseMap rmap, Swap swap,
                  SwapCache swapCache, PageCache cache, BlockQueue queue, MemoryHooks shrinkers) {
        this.shrinkers = shrinkers;
        this.lru = lru;
        this.queue = queue;
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
        return shrinkNode(node, ScanControl.proactive(pages));
    }

    @Override
    public boolean reclaimPage(long pfn) {
        if (!lru.zones().pfnValid(pfn)) {
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
        // A swap-out stays in the disk's plug: the caller reclaims a batch, then unplugs (LocalReplacement's caller).
        int reclaimed = shrinkFolio(pfn, lru.nodeOf(pfn), file, reclaimPage);
        account(reclaimPage, file, 1, reclaimed);
        return reclaimed == 1;
    }

    /**
     * {@code shrink_node()} of {@code node} for {@code sc}, priority by priority from 12 ({@code DEF_PRIORITY})
     * down, until {@code sc} has reclaimed its {@code nr_to_reclaim}. A node with no populated zone up to
     * {@code reclaim_idx} is not scanned at all, as {@code shrink_zones()} visits only the zonelist's zones up to it.
     *
     * @return the pages this call reclaimed (they are added to {@code sc.nrReclaimed} too)
     */
    public long shrinkNode(int node, ScanControl sc) {
        if (!lru.zones().hasEligibleZone(node, sc.reclaimIdx)) {
            return 0;
        }
        long before = sc.nrReclaimed;
        for (sc.priority = ScanControl.DEF_PRIORITY; sc.priority >= 0 && sc.nrReclaimed < sc.nrToReclaim
                && !waitsForDisk(sc); sc.priority--) {
            // get_scan_count(): anon only when the scan may swap and there is swap to go to; sizes of eligible zones.
            boolean anon = sc.maySwap && swap.freePages() > 0 && swappiness > 0;
            long anonSize = lru.pages(node, LruList.INACTIVE_ANON, sc.reclaimIdx)
                    + lru.pages(node, LruList.ACTIVE_ANON, sc.reclaimIdx);
            long fileSize = lru.pages(node, LruList.INACTIVE_FILE, sc.reclaimIdx)
                    + lru.pages(node, LruList.ACTIVE_FILE, sc.reclaimIdx);
            long ap = anon ? swappiness : 0;
            long fp = 200 - swappiness;
            long scanAnon = scanCount(anonSize, sc.priority, ap, ap + fp + 1);
            long scanFile = scanCount(fileSize, sc.priority, fp, ap + fp + 1);
            while ((scanAnon > 0 || scanFile > 0) && sc.nrReclaimed < sc.nrToReclaim && !waitsForDisk(sc)) {
                if (scanAnon > 0) {
                    int nr = (int) Math.min(scanAnon, SWAP_CLUSTER_MAX);
                    scanAnon -= nr;
                    shrinkList(node, false, nr, sc);
                }
                if (scanFile > 0) {
                    int nr = (int) Math.min(scanFile, SWAP_CLUSTER_MAX);
                    scanFile -= nr;
                    shrinkList(node, true, nr, sc);
                }
            }
            // shrink_lruvec()'s blk_finish_plug(): the pages swapped out in this pass go to the disk together.
            queue.unplug();
            // shrink_node_memcgs(): the shrinkers after the lists, at this pass's priority.
            shrinkers.shrinkSlab(sc.priority);
        }
        return sc.nrReclaimed - before;
    }

    /**
     * Whether kswapd stops its pass for the disk: its queue is full, and kswapd would sleep for a tag
     * ({@code blk_mq_get_tag()}) before writing more. It comes back on its next pass; an allocation that cannot wait
     * for it reclaims directly, its task waiting for the tag.
     */
    private boolean waitsForDisk(ScanControl sc) {
        return sc.kswapd && queue.congested();
    }

    /**
     * {@code zone_reclaimable_pages()}: the file pages on the LRU lists of {@code zone} (an index into the physical
     * layer's zones), and its anonymous ones when there is swap to put them in ({@code can_reclaim_anon_pages()}).
     */
    public long zoneReclaimablePages(int zone) {
        long pages = lru.zonePages(zone, LruList.INACTIVE_FILE) + lru.zonePages(zone, LruList.ACTIVE_FILE);
        if (swap.freePages() > 0) {
            pages += lru.zonePages(zone, LruList.INACTIVE_ANON) + lru.zonePages(zone, LruList.ACTIVE_ANON);
        }
        return pages;
    }

    /** A list's share of one priority's scan; the last priorities look at small lists whole. */
    private static long scanCount(long size, int priority, long fraction, long denominator) {
        if (fraction == 0 || size == 0) {
            return 0;
        }
        long scan = (size >> priority) * fraction / denominator;
        return scan == 0 && priority <= 2 ? Math.min(size, SWAP_CLUSTER_MAX) : scan;
    }

    private void shrinkList(int node, boolean file, int nr, ScanControl sc) {
        LruList inactive = file ? LruList.INACTIVE_FILE : LruList.INACTIVE_ANON;
        LruList active = file ? LruList.ACTIVE_FILE : LruList.ACTIVE_ANON;
        if (lru.pools() != null) {
            shrinkByPolicy(node, file, nr, sc);
            return;
        }
        if (inactiveIsLow(node, inactive, active)) {
            shrinkActive(node, active, nr, sc);
        }
        shrinkInactive(node, inactive, nr, sc);
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
    private void shrinkActive(int node, LruList active, int nr, ScanControl sc) {
        int n = lru.isolate(node, active, nr, sc.reclaimIdx, batch, skipped);
        vmstat.add(VmItem.PGREFILL, n + countSkipped());
        for (int i = 0; i < n; i++) {
            long pfn = batch[i];
            if (frames.mapcount(pfn) > 0) {
                rmap.referenced(pfn);
            }
            lru.deactivate(pfn);
        }
    }

    private void shrinkInactive(int node, LruList inactive, int nr, ScanControl sc) {
        int n = lru.isolate(node, inactive, nr, sc.reclaimIdx, batch, skipped);
        long reclaimed = 0;
        boolean file = inactive.isFile();
        // isolate_lru_folios(): the pages skipped for their zone count as scanned too.
        long scanned = n + countSkipped();
        for (int i = 0; i < n; i++) {
            // A slot taken for an earlier page of the batch may have reclaimed a later one that only the swap cache
            // held (__try_to_reclaim_swap()); the kernel's isolation reference keeps such a folio, here it is gone.
            if ((frames.flags(batch[i]) & PageFlags.LRU) != 0) {
                reclaimed += shrinkFolio(batch[i], node, file, sc);
            }
        }
        account(sc, file, scanned, reclaimed);
    }

    /** pgscan and pgsteal, by who reclaims and by anon or file; and the scan's own totals. */
    private void account(ScanControl sc, boolean file, long scanned, long reclaimed) {
        vmstat.add(sc.kswapd ? VmItem.PGSCAN_KSWAPD : VmItem.PGSCAN_DIRECT, scanned);
        vmstat.add(file ? VmItem.PGSCAN_FILE : VmItem.PGSCAN_ANON, scanned);
        vmstat.add(sc.kswapd ? VmItem.PGSTEAL_KSWAPD : VmItem.PGSTEAL_DIRECT, reclaimed);
        vmstat.add(file ? VmItem.PGSTEAL_FILE : VmItem.PGSTEAL_ANON, reclaimed);
        sc.nrScanned += scanned;
        sc.nrReclaimed += reclaimed;
    }

    /**
     * Counts the pages {@link LruLists#isolate} skipped as pgskip_* by their zone ({@code __count_zid_vm_events()}) and
     * clears the tally. HighMem has no item here: an x86-64 kernel's /proc/vmstat has no pgskip_high.
     *
     * @return how many were skipped
     */
    private long countSkipped() {
        long total = 0;
        for (ZoneType type : ZONE_TYPES) {
            long n = skipped[type.ordinal()];
            if (n == 0) {
                continue;
            }
            skipped[type.ordinal()] = 0;
            total += n;
            VmItem item = pgskip(type);
            if (item != null) {
                vmstat.add(item, n);
            }
        }
        return total;
    }

    private static VmItem pgskip(ZoneType type) {
        switch (type) {
            case DMA:
                return VmItem.PGSKIP_DMA;
            case DMA32:
                return VmItem.PGSKIP_DMA32;
            case NORMAL:
                return VmItem.PGSKIP_NORMAL;
            case MOVABLE:
                return VmItem.PGSKIP_MOVABLE;
            case DEVICE:
                return VmItem.PGSKIP_DEVICE;
            default:
                return null;
        }
    }

    /**
     * Reclaim with a plugin ordering the pages: it names each victim; the page is then checked and reclaimed as
     * {@link #shrinkFolio} does, and one that stays (young, dirty, locked, still mapped) goes back to the plugin as a
     * new page, referenced if it was found young or was activated.
     */
    private void shrinkByPolicy(int node, boolean file, int nr, ScanControl sc) {
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
            ZoneType zone = lru.zones().type(lru.zones().zoneOf(pfn));
            if (zone.compareTo(sc.reclaimIdx) > 0) {
                // A victim of a zone above reclaim_idx is skipped, as isolate_lru_folios() skips it, and stays.
                skipped[zone.ordinal()]++;
                pools.insert(pfn, node, file);
                continue;
            }
            int done = shrinkFolio(pfn, node, file, sc);
            reclaimed += done;
            int flags = frames.flags(pfn);
            if (done == 0 && (flags & PageFlags.LRU) != 0) {
                pools.insert(pfn, node, file);
                if ((flags & (PageFlags.ACTIVE | PageFlags.REFERENCED)) != 0) {
                    pools.hit(pfn, node, file);
                }
            }
        }
        countSkipped();
        account(sc, file, scanned, reclaimed);
    }

    /** {@code shrink_folio_list()} for one page: 1 if it was reclaimed. */
    private int shrinkFolio(long pfn, int node, boolean file, ScanControl sc) {
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
        return file ? reclaimFile(pfn, node, sc) : reclaimAnon(pfn, node, sc);
    }

    private int reclaimAnon(long pfn, int node, ScanControl sc) {
        long mapping = frames.mapping(pfn);
        if (mapping != 0 && (mapping & PageFrames.ANON_MAPPING) == 0) {
            // A shmem page: shmem_writeout() is not modelled, so it stays.
            lru.rotate(pfn);
            return 0;
        }
        boolean dirty = swapCache.entryOf(pfn) == 0 || (frames.flags(pfn) & PageFlags.DIRTY) != 0;
        if (dirty && !sc.mayWriteSwap()) {
            // Without __GFP_IO (or may_writepage) the page cannot get a slot or be written to it: it stays.
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

    private int reclaimFile(long pfn, int node, ScanControl sc) {
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
            if (!sc.mayWriteFile()) {
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
