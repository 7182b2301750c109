package org.mmsim.physical.buddy;

import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.PageOrder;

/**
 * One CPU's cache of free pages for one zone ({@code struct per_cpu_pages}): lists per order up to
 * PAGE_ALLOC_COSTLY_ORDER and pcp migrate type, plus two for pageblock-order (THP) blocks, so that most small
 * allocations and frees never touch the buddy lists. An empty list is refilled with {@code batch} pages at once
 * ({@code rmqueue_bulk()}); when the list holds {@code high} pages or more, {@code batch} pages go back to the buddy
 * lists, oldest first ({@code free_pcppages_bulk()}). Pages here count as allocated in NR_FREE_PAGES, as in Linux.
 *
 * <p>Simplified: {@code high} stays at {@code high_min} once set (6.18 tunes it between high_min and high_max as
 * the CPU's allocation pattern changes), and a refill takes one batch (6.18 scales it up for CPUs that allocate
 * in bursts).
 */
public final class PerCpuPages {
    private static final int LOW_ORDER_LISTS = (PageOrder.PAGE_ALLOC_COSTLY_ORDER + 1) * MigrateType.PCPTYPES;
    private static final int LISTS = LOW_ORDER_LISTS + 2;

    private final Zone zone;
    private final FrameTable frames;
    private final FrameLists lists;
    private int count;
    private int batch;
    private int high;
    private int highMin;
    private int highMax;

    PerCpuPages(Zone zone, FrameTable frames) {
        this.zone = zone;
        this.frames = frames;
        this.lists = new FrameLists(frames, LISTS);
    }

    void configure(int batch, int highMin, int highMax) {
        this.batch = batch;
        this.highMin = highMin;
        this.highMax = highMax;
        if (high != 0) {
            high = Math.max(highMin, Math.min(high, highMax));
        }
    }

    /** Whether blocks of {@code order} go through the per-CPU lists ({@code pcp_allowed_order()}). */
    public static boolean allowed(int order) {
        return order <= PageOrder.PAGE_ALLOC_COSTLY_ORDER || order == PageOrder.PAGEBLOCK_ORDER;
    }

    private static int list(int order, int migratetype) {
        if (order <= PageOrder.PAGE_ALLOC_COSTLY_ORDER) {
            return order * MigrateType.PCPTYPES + migratetype;
        }
        return LOW_ORDER_LISTS + (migratetype == MigrateType.MOVABLE.ordinal() ? 1 : 0);
    }

    /**
     * Takes a block of {@code order} ({@code rmqueue_pcplist()}), refilling an empty list from the buddy lists.
     *
     * @return its first pfn, or {@link FrameTable#NONE}
     */
    public int allocate(int order, int migratetype, boolean noFragment) {
        int l = list(order, migratetype);
        if (lists.head(l) == FrameTable.NONE) {
            int refill = order == 0 ? batch : Math.max(batch >> order, 2);
            for (int i = 0; i < refill; i++) {
                int pfn = zone.rmqueue(order, migratetype, noFragment);
                if (pfn == FrameTable.NONE) {
                    break;
                }
                link(l, pfn, order, true);
            }
            if (lists.head(l) == FrameTable.NONE) {
                return FrameTable.NONE;
            }
        }
        int pfn = lists.head(l);
        unlink(l, pfn);
        return pfn;
    }

    /**
     * Caches a freed block ({@code free_unref_page()}). {@code high} starts at 0 and settles within
     * [high_min, high_max] at the first free ({@code nr_pcp_high()}); past it, {@code batch} pages go back.
     */
    public void free(int pfn, int order, int migratetype) {
        int l = list(order, migratetype);
        link(l, pfn, order, false);
        high = Math.max(highMin, Math.min(high, highMax));
        if (count >= high) {
            release(batch, l);
        }
    }

    /** Returns every cached block to the buddy lists ({@code drain_pages_zone()}). */
    public void drain() {
        release(Integer.MAX_VALUE, 0);
    }

    /** Returns at least {@code pages} pages, oldest first, visiting the lists round robin from {@code from}. */
    private void release(int pages, int from) {
        int freed = 0;
        int empty = 0;
        int l = from;
        while (freed < pages && count > 0 && empty < LISTS) {
            int pfn = lists.tail(l);
            if (pfn == FrameTable.NONE) {
                empty++;
            } else {
                empty = 0;
                int order = frames.pcpOrder(pfn);
                unlink(l, pfn);
                zone.freeBlock(pfn, order);
                freed += 1 << order;
            }
            l = (l + 1) % LISTS;
        }
    }

    private void link(int l, int pfn, int order, boolean atTail) {
        frames.makePcp(pfn, order);
        lists.add(l, pfn, atTail);
        count += 1 << order;
    }

    private void unlink(int l, int pfn) {
        lists.remove(l, pfn);
        count -= 1 << frames.pcpOrder(pfn);
        frames.clearPcp(pfn);
    }

    /** Pages on the lists ({@code count:} in /proc/zoneinfo). */
    public int count() {
        return count;
    }

    public int high() {
        return high;
    }

    public int batch() {
        return batch;
    }

    public int highMin() {
        return highMin;
    }

    public int highMax() {
        return highMax;
    }
}
