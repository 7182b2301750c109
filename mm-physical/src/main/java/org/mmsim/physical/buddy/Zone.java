package org.mmsim.physical.buddy;

import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.memmap.ZoneSpan;

/**
 * One zone of one node ({@code struct zone}) and the buddy allocator over its frames (mm/page_alloc.c): free lists
 * per order and migrate type, splitting ({@code expand()}), merging with the buddy at {@code pfn ^ (1 << order)}
 * ({@code __free_one_page()}), and claiming or stealing from another migrate type's pageblocks ({@code __rmqueue()}).
 * Claiming from a fallback type below a pageblock's order boosts the watermarks ({@code boost_watermark()}) and
 * flags the zone, so that the allocation wakes kswapd. Simplified: the allocated pages of a pageblock count as
 * neither movable nor alike when deciding whether to claim it; the flag is set whatever the allocation's flags (Linux
 * sets it for one that may wake kswapd; the allocator here wakes kswapd only for such a one).
 * Watermarks, the lowmem reserve and the per-CPU lists are kept here and set by the watermark code.
 */
public final class Zone {
    private static final int MAX = PageOrder.MAX_PAGE_ORDER;
    private static final int PAGEBLOCK = PageOrder.PAGEBLOCK_ORDER;
    /** {@code fallbacks[]}: the types each of the three pcp types may steal from, in order. */
    private static final int[][] FALLBACKS = {
        {MigrateType.RECLAIMABLE.ordinal(), MigrateType.MOVABLE.ordinal()},
        {MigrateType.RECLAIMABLE.ordinal(), MigrateType.UNMOVABLE.ordinal()},
        {MigrateType.UNMOVABLE.ordinal(), MigrateType.MOVABLE.ordinal()},
    };

    private final int index;
    private final ZoneSpan span;
    private final FrameTable frames;
    private final Pageblocks pageblocks;
    private final FreeArea free;
    private final int start;
    private final int end;
    private long managed;
    /** WMARK_MIN, WMARK_LOW, WMARK_HIGH, WMARK_PROMO ({@code zone->_watermark[]}). */
    private final long[] watermark = new long[4];
    private long watermarkBoost;
    private int watermarkBoostFactor = 15000;
    /** {@code ZONE_BOOSTED_WATERMARK}: a boost is waiting for kswapd. */
    private boolean boosted;
    private long[] lowmemReserve = new long[0];
    private PerCpuPages[] pcp = new PerCpuPages[0];
    /** numa_hit, numa_miss, numa_foreign, numa_interleave, numa_local, numa_other of this zone. */
    private final long[] numa = new long[6];

    public Zone(int index, ZoneSpan span, FrameTable frames, Pageblocks pageblocks, VmStat vmstat) {
        this.index = index;
        this.span = span;
        this.frames = frames;
        this.pageblocks = pageblocks;
        this.free = new FreeArea(frames, vmstat);
        this.start = (int) span.startPfn();
        this.end = (int) span.endPfn();
        this.managed = span.managed();
    }

    /** The zone's index among all zones of the machine. */
    public int index() {
        return index;
    }

    public ZoneSpan span() {
        return span;
    }

    public int node() {
        return span.node();
    }

    public ZoneType type() {
        return span.type();
    }

    /** Whether {@code pfn} lies in this zone's span. */
    public boolean spans(long pfn) {
        return pfn >= start && pfn < end;
    }

    /** Pages the buddy allocator manages ({@code zone_managed_pages()}). */
    public long managed() {
        return managed;
    }

    /** Free pages in the buddy lists ({@code NR_FREE_PAGES}); per-CPU lists not included. */
    public long freePages() {
        return free.freePages();
    }

    /** Free blocks of {@code order}, all types: a column of /proc/buddyinfo. */
    public long nrFree(int order) {
        return free.nrFree(order);
    }

    /** Free blocks of {@code order} and {@code migratetype}: a cell of /proc/pagetypeinfo. */
    public long nrFree(int order, int migratetype) {
        return free.blocks(order, migratetype);
    }

    /** Free pages in blocks of pageblock order or more ({@code NR_FREE_PAGES_BLOCKS}). */
    public long freePagesInBlocks() {
        long pages = 0;
        for (int o = PAGEBLOCK; o <= MAX; o++) {
            pages += free.nrFree(o) << o;
        }
        return pages;
    }

    /** Pageblocks of each migrate type that start in this zone: the second table of /proc/pagetypeinfo. */
    public long[] pageblockCounts() {
        // pagetypeinfo_showblockcount_print() steps a pageblock at a time from the zone's first pfn, skipping holes.
        long[] counts = new long[FreeArea.TYPES];
        for (long pfn = start; pfn < end; pfn += Pageblocks.PAGES) {
            if (pageblocks.zone((int) pfn) == index) {
                counts[pageblocks.type((int) pfn)]++;
            }
        }
        return counts;
    }

    /** {@code zone->_watermark[mark]}, without the boost. */
    public long watermark(int mark) {
        return watermark[mark];
    }

    /** Sets the watermarks ({@code __setup_per_zone_wmarks()}). */
    public void setWatermarks(long min, long low, long high, long promo) {
        watermark[0] = min;
        watermark[1] = low;
        watermark[2] = high;
        watermark[3] = promo;
        watermarkBoost = 0;
    }

    public long watermarkBoost() {
        return watermarkBoost;
    }

    /** {@code vm.watermark_boost_factor}, as the watermark code sets it. */
    public void setWatermarkBoostFactor(int factor) {
        watermarkBoostFactor = factor;
    }

    /** kswapd reclaimed for the boost: it is spent. */
    public void clearWatermarkBoost() {
        watermarkBoost = 0;
    }

    /** Tests and clears {@code ZONE_BOOSTED_WATERMARK}: whether the allocation that found it must wake kswapd. */
    public boolean takeBoosted() {
        boolean was = boosted;
        boosted = false;
        return was;
    }

    /**
     * {@code boost_watermark()}: a fallback below a pageblock raises the boost by a pageblock, up to
     * {@code watermark_boost_factor} of the high watermark (at least a pageblock); not in a zone of fewer than four
     * pageblocks, nor before the watermarks are set.
     */
    private void boostWatermark() {
        if (watermarkBoostFactor == 0 || (long) Pageblocks.PAGES * 4 > managed) {
            return;
        }
        long maxBoost = watermark[2] * watermarkBoostFactor / 10000;
        if (maxBoost == 0) {
            return;
        }
        maxBoost = Math.max(Pageblocks.PAGES, maxBoost);
        watermarkBoost = Math.min(watermarkBoost + Pageblocks.PAGES, maxBoost);
        boosted = true;
    }

    /** The lowmem reserve against allocations whose highest zone is {@code zoneIndex} ({@code lowmem_reserve[]}). */
    public long lowmemReserve(int zoneIndex) {
        return lowmemReserve[zoneIndex];
    }

    /** The whole reserve array, as /proc/zoneinfo's protection line prints it. */
    public long[] lowmemReserve() {
        return lowmemReserve.clone();
    }

    public void setLowmemReserve(long[] reserve) {
        lowmemReserve = reserve.clone();
    }

    /** The per-CPU page lists of {@code cpu}. */
    public PerCpuPages pcp(int cpu) {
        return pcp[cpu];
    }

    /** Creates or resizes the per-CPU lists ({@code zone_set_pageset_high_and_batch()}). */
    public void setPcp(int cpus, int batch, int highMin, int highMax) {
        if (pcp.length != cpus) {
            pcp = new PerCpuPages[cpus];
            for (int c = 0; c < cpus; c++) {
                pcp[c] = new PerCpuPages(this, frames);
            }
        }
        for (PerCpuPages p : pcp) {
            p.configure(batch, highMin, highMax);
        }
    }

    /** Adds one to a NUMA counter of this zone (index as in {@link #numaStats()}). */
    public void countNuma(int stat) {
        numa[stat]++;
    }

    /** numa_hit, numa_miss, numa_foreign, numa_interleave, numa_local, numa_other. */
    public long[] numaStats() {
        return numa.clone();
    }

    /** The number of CPUs with lists. */
    public int cpus() {
        return pcp.length;
    }

    /** Hands the frames of {@code [from, to)} to the allocator at boot, in the largest aligned blocks (memblock_free_all). */
    public void freeBootMemory(long from, long to) {
        long pfn = from;
        while (pfn < to) {
            int order = pfn == 0 ? MAX : Math.min(MAX, Long.numberOfTrailingZeros(pfn));
            while (pfn + (1L << order) > to) {
                order--;
            }
            // __free_pages_core(): every page of the block stops being reserved.
            for (long p = pfn; p < pfn + (1L << order); p++) {
                frames.clear((int) p, org.mmsim.api.physical.PageFlags.RESERVED);
            }
            freeOneBlock((int) pfn, order, pageblocks.type((int) pfn), true);
            pfn += 1L << order;
        }
    }

    /**
     * Takes the smallest free block of {@code order} or more from the {@code migratetype} lists, splitting it down
     * ({@code __rmqueue_smallest()}).
     *
     * @return the first pfn of a block of {@code order}, or {@link FrameTable#NONE}
     */
    int rmqueueSmallest(int order, int migratetype) {
        for (int current = order; current <= MAX; current++) {
            int pfn = free.first(current, migratetype);
            if (pfn != FrameTable.NONE) {
                free.remove(pfn, current, migratetype);
                expand(pfn, order, current, migratetype);
                return pfn;
            }
        }
        return FrameTable.NONE;
    }

    /** Gives back the upper halves of a block split from {@code high} down to {@code low} ({@code expand()}). */
    private void expand(int pfn, int low, int high, int migratetype) {
        int size = 1 << high;
        while (high > low) {
            high--;
            size >>= 1;
            free.add(pfn + size, high, migratetype, false);
        }
    }

    /**
     * Takes a block of {@code order} ({@code __rmqueue()} of Linux 6.15 and later): from its own type's lists; else
     * by claiming a whole pageblock of a fallback type; else, unless {@code noFragment}, by stealing a single block
     * of a fallback type.
     *
     * @param noFragment ALLOC_NOFRAGMENT: claim only blocks of a pageblock or more, and never steal, so an allocation
     *     prefers another zone to fragmenting this one
     * @return the first pfn, or {@link FrameTable#NONE} if the zone has no suitable block
     */
    public int rmqueue(int order, int migratetype, boolean noFragment) {
        int pfn = rmqueueSmallest(order, migratetype);
        if (pfn != FrameTable.NONE || migratetype >= MigrateType.PCPTYPES) {
            return pfn;
        }
        pfn = rmqueueClaim(order, migratetype, noFragment);
        if (pfn == FrameTable.NONE && !noFragment) {
            pfn = rmqueueSteal(order, migratetype);
        }
        return pfn;
    }

    /**
     * {@code __rmqueue_claim()}: the largest free block of a fallback type first; its pageblocks change type to
     * {@code startType} if the block is a pageblock or more, or if at least half of its pageblock is free (then every
     * free block there moves over). A movable request claims only from blocks of half a pageblock's order or more.
     */
    private int rmqueueClaim(int order, int startType, boolean noFragment) {
        int minOrder = noFragment && order < PAGEBLOCK ? PAGEBLOCK : order;
        for (int current = MAX; current >= minOrder; current--) {
            if (!shouldTryClaim(current, startType)) {
                break;
            }
            int fallback = firstFallback(current, startType);
            if (fallback < 0) {
                continue;
            }
            int pfn = free.first(current, fallback);
            if (current >= PAGEBLOCK) {
                free.remove(pfn, current, fallback);
                for (int block = pfn; block < pfn + (1 << current); block += Pageblocks.PAGES) {
                    pageblocks.setType(block, startType);
                }
                expand(pfn, order, current, startType);
                return pfn;
            }
            // try_to_claim_block(): a fallback this small fragments; reclaim harder to make it less likely.
            boostWatermark();
            int blockStart = pfn & -Pageblocks.PAGES;
            if (blockStart < start || blockStart + Pageblocks.PAGES > end) {
                continue;
            }
            if (freePagesIn(blockStart) >= Pageblocks.PAGES / 2) {
                moveFreeBlocks(blockStart, fallback, startType);
                pageblocks.setType(blockStart, startType);
                return rmqueueSmallest(order, startType);
            }
        }
        return FrameTable.NONE;
    }

    /**
     * {@code __rmqueue_steal()}: the smallest free block of a fallback type; the request takes it, the rest of it
     * stays on the fallback type's lists, and the pageblock keeps its type.
     */
    private int rmqueueSteal(int order, int startType) {
        for (int current = order; current <= MAX; current++) {
            int fallback = firstFallback(current, startType);
            if (fallback >= 0) {
                int pfn = free.first(current, fallback);
                free.remove(pfn, current, fallback);
                expand(pfn, order, current, fallback);
                return pfn;
            }
        }
        return FrameTable.NONE;
    }

    /** {@code find_suitable_fallback()}: the first type of {@code fallbacks[startType]} with a free block of this order. */
    private int firstFallback(int order, int startType) {
        for (int type : FALLBACKS[startType]) {
            if (!free.isEmpty(order, type)) {
                return type;
            }
        }
        return -1;
    }

    /** {@code should_try_claim_block()}: big blocks, and unmovable or reclaimable requests, may claim a pageblock. */
    private static boolean shouldTryClaim(int order, int startType) {
        return order >= PAGEBLOCK / 2 || startType == MigrateType.RECLAIMABLE.ordinal()
                || startType == MigrateType.UNMOVABLE.ordinal();
    }

    /** Free pages in one pageblock, as {@code prep_move_freepages_block()} counts them. */
    private long freePagesIn(int blockStart) {
        long freeInBlock = 0;
        for (int p = blockStart; p < blockStart + Pageblocks.PAGES; ) {
            if (frames.isBuddy(p)) {
                int o = frames.buddyOrder(p);
                freeInBlock += 1L << o;
                p += 1 << o;
            } else {
                p++;
            }
        }
        return freeInBlock;
    }

    /** Moves every free block of one pageblock to another type's lists ({@code __move_freepages_block()}). */
    private void moveFreeBlocks(int blockStart, int from, int to) {
        for (int p = blockStart; p < blockStart + Pageblocks.PAGES; ) {
            if (frames.isBuddy(p)) {
                int o = frames.buddyOrder(p);
                free.move(p, o, from, to);
                p += 1 << o;
            } else {
                p++;
            }
        }
    }

    /**
     * Frees a block, merging it with its buddy for as long as the buddy is free and of the same order
     * ({@code __free_one_page()}). Blocks of two pageblocks merge only if their types may mix (both among the pcp
     * types); the merged block takes the freed block's type. A block whose next-larger buddy is free goes to the
     * tail of its list, since it will likely merge soon ({@code buddy_merge_likely()}).
     *
     * @param toTail put the result at the tail regardless (boot-time freeing does, FPI_TO_TAIL)
     */
    void freeOneBlock(int pfn, int order, int migratetype, boolean toTail) {
        while (order < MAX) {
            int buddy = pfn ^ (1 << order);
            if (buddy < start || buddy >= end || !frames.isBuddy(buddy) || frames.buddyOrder(buddy) != order) {
                break;
            }
            int buddyType = pageblocks.type(buddy);
            if (order >= PAGEBLOCK && buddyType != migratetype
                    && (buddyType >= MigrateType.PCPTYPES || migratetype >= MigrateType.PCPTYPES)) {
                break;
            }
            free.remove(buddy, order, buddyType);
            if (buddyType != migratetype) {
                pageblocks.setType(buddy, migratetype);
            }
            pfn &= buddy;
            order++;
        }
        free.add(pfn, order, migratetype, toTail || mergeLikely(pfn, order));
    }

    private boolean mergeLikely(int pfn, int order) {
        if (order >= MAX - 1) {
            return false;
        }
        int higherBuddy = (pfn & ~(1 << order)) ^ (1 << (order + 1));
        return higherBuddy >= start && higherBuddy < end && frames.isBuddy(higherBuddy)
                && frames.buddyOrder(higherBuddy) == order + 1;
    }

    /** Frees a block back to the buddy lists with its pageblock's type ({@code free_one_page()}). */
    public void freeBlock(int pfn, int order) {
        freeOneBlock(pfn, order, pageblocks.type(pfn), false);
    }

    /**
     * Takes the free block that starts at {@code pfn} off its list for the caller's own use, as compaction's free
     * scanner isolates free pages ({@code __isolate_free_page()}).
     *
     * @return its order, or -1 if no free block starts there
     */
    public int isolateFreeBlock(int pfn) {
        if (!frames.isBuddy(pfn)) {
            return -1;
        }
        int order = frames.buddyOrder(pfn);
        free.remove(pfn, order, pageblocks.type(pfn));
        return order;
    }

    /** Whether a free block of {@code order} or more is on a pcp type's list ({@code compact_finished()}'s test). */
    public boolean hasFreeBlock(int order) {
        for (int o = order; o <= MAX; o++) {
            for (int mt = 0; mt < MigrateType.PCPTYPES; mt++) {
                if (!free.isEmpty(o, mt)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The zone's first pfn. */
    public int start() {
        return start;
    }

    /** One past the zone's last pfn. */
    public int end() {
        return end;
    }

    FreeArea freeArea() {
        return free;
    }

    FrameTable frames() {
        return frames;
    }

    Pageblocks pageblocks() {
        return pageblocks;
    }
}
