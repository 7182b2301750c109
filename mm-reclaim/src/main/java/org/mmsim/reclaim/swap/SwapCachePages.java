package org.mmsim.reclaim.swap;

import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.kernel.Lru;
import org.mmsim.api.kernel.SwapEntry;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.spi.util.LongPagedArray;

/**
 * The swap cache (mm/swap_state.c): the pages that are in memory and in a slot at once. A page in it has
 * PG_swapcache ({@link #PG_SWAPCACHE}), its entry ({@code folio->swap}), and one reference the cache holds; its slot
 * has {@code SWAP_HAS_CACHE}. It counts in NR_FILE_PAGES as well as NR_SWAPCACHE, as Linux accounts it (so
 * meminfo's Cached leaves it out again).
 */
final class SwapCachePages {
    /** PG_swapcache: PG_owner_priv_1 on a swap-backed page (include/linux/page-flags.h). */
    static final int PG_SWAPCACHE = PageFlags.OWNER_PRIV_1;
    /** PG_readahead: PG_reclaim's bit, set on pages swap readahead brought in and not yet asked for. */
    static final int PG_READAHEAD = PageFlags.RECLAIM;

    private final PageFrames frames;
    private final VmStat vmstat;
    private final SwapAreas areas;
    private final Lru lru;
    /** {@code folio->swap} by pfn (0: not in the swap cache). */
    private final LongPagedArray entryOf;
    private final long maxPfn;
    private long pages;

    SwapCachePages(PageFrames frames, VmStat vmstat, SwapAreas areas, long maxPfn, Lru lru) {
        this.frames = frames;
        this.vmstat = vmstat;
        this.areas = areas;
        this.lru = lru;
        this.maxPfn = maxPfn;
        this.entryOf = new LongPagedArray(maxPfn + 1);
    }

    /** The LRU lists the pages swap brings in join. */
    Lru lru() {
        return lru;
    }

    /** Pages in the swap cache. */
    long pages() {
        return pages;
    }

    /** The entry of page {@code pfn}, or 0. */
    long entryOf(long pfn) {
        return pfn >= 0 && pfn <= maxPfn ? entryOf.get(pfn) : 0;
    }

    /**
     * Puts {@code pfn} in the cache for the slot {@code offset} of {@code si}, which has {@code SWAP_HAS_CACHE}
     * ({@code swap_cache_add_folio()}). The caller hands over the reference the cache keeps.
     */
    void add(SwapInfo si, long offset, long pfn) {
        si.setCache(offset, pfn);
        entryOf.set(pfn, SwapEntry.of(si.type, offset));
        frames.setFlags(pfn, PG_SWAPCACHE);
        vmstat.inc(VmItem.NR_FILE_PAGES);
        vmstat.inc(VmItem.NR_SWAPCACHED);
        pages++;
    }

    /**
     * Takes {@code pfn} out of the cache ({@code __delete_from_swap_cache()}, then {@code put_swap_folio()} and the
     * cache's {@code folio_put()}): its slot is freed if no page-table entry holds it, and the page if nothing else
     * does.
     *
     * @param dirty whether the page must be written again if reclaimed (it no longer has a copy in swap), as
     *     {@code folio_free_swap()} marks it
     */
    void delete(SwapInfo si, long offset, long pfn, boolean dirty) {
        frames.clearFlags(pfn, PG_SWAPCACHE);
        if (dirty) {
            frames.setFlags(pfn, PageFlags.DIRTY);
        }
        entryOf.set(pfn, 0);
        vmstat.add(VmItem.NR_FILE_PAGES, -1);
        vmstat.add(VmItem.NR_SWAPCACHED, -1);
        pages--;
        si.clearCache(offset);
        areas.update(si);
        // The last reference frees the page, which leaves its LRU list on the way (the free path's release).
        frames.putPage(pfn);
    }

    /**
     * {@code __try_to_reclaim_swap()} with TTRS_ANYWAY: the slot {@code offset} is held by its swap-cache page alone,
     * which gives it up (a mapped page stays mapped, dirty; an unmapped one is freed).
     */
    void reclaim(SwapInfo si, long offset) {
        long pfn = si.cachePage(offset);
        if (pfn >= 0) {
            delete(si, offset, pfn, true);
        }
    }
}
