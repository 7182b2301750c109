package org.mmsim.physical.buddy;

import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * A zone's free lists ({@code zone->free_area[]}): one doubly linked list of free blocks per order and migrate type,
 * threaded through the frame table's link slots, with a block count per list. Blocks are taken from a list's head;
 * they are added at the head, or at the tail when the allocator expects them to merge soon.
 */
final class FreeArea {
    static final int TYPES = MigrateType.values().length;
    private final FrameTable frames;
    private final VmStat vmstat;
    private final FrameLists lists;
    private final long[] blocks = new long[PageOrder.NR_PAGE_ORDERS * TYPES];
    private final long[] nrFree = new long[PageOrder.NR_PAGE_ORDERS];
    private long freePages;

    FreeArea(FrameTable frames, VmStat vmstat) {
        this.frames = frames;
        this.vmstat = vmstat;
        this.lists = new FrameLists(frames, PageOrder.NR_PAGE_ORDERS * TYPES);
    }

    private static int list(int order, int migratetype) {
        return order * TYPES + migratetype;
    }

    /** Puts a free block on its list ({@code __add_to_free_list()}): the head, or the tail if {@code toTail}. */
    void add(int pfn, int order, int migratetype, boolean toTail) {
        int l = list(order, migratetype);
        frames.makeBuddy(pfn, order);
        lists.add(l, pfn, toTail);
        blocks[l]++;
        nrFree[order]++;
        freePages += 1L << order;
        account(order, 1L << order);
    }

    /** Keeps the machine-wide NR_FREE_PAGES and NR_FREE_PAGES_BLOCKS in step with this zone's lists. */
    private void account(int order, long pages) {
        vmstat.add(VmItem.NR_FREE_PAGES, pages);
        if (order >= PageOrder.PAGEBLOCK_ORDER) {
            vmstat.add(VmItem.NR_FREE_PAGES_BLOCKS, pages);
        }
    }

    /** Takes a free block off its list ({@code del_page_from_free_list()}); it is no longer a buddy head. */
    void remove(int pfn, int order, int migratetype) {
        int l = list(order, migratetype);
        lists.remove(l, pfn);
        frames.clearBuddy(pfn);
        blocks[l]--;
        nrFree[order]--;
        freePages -= 1L << order;
        account(order, -(1L << order));
    }

    /** Moves a free block to the tail of another type's list ({@code move_to_free_list()}). */
    void move(int pfn, int order, int from, int to) {
        remove(pfn, order, from);
        add(pfn, order, to, true);
    }

    /** The block at the head of a list, or {@link FrameTable#NONE}. */
    int first(int order, int migratetype) {
        return lists.head(list(order, migratetype));
    }

    /** The block after {@code pfn} on its list, or {@link FrameTable#NONE}. */
    int next(int pfn) {
        return frames.next(pfn);
    }

    /** Whether a list is empty ({@code free_area_empty()}). */
    boolean isEmpty(int order, int migratetype) {
        return lists.head(list(order, migratetype)) == FrameTable.NONE;
    }

    /** Blocks on one list. */
    long blocks(int order, int migratetype) {
        return blocks[list(order, migratetype)];
    }

    /** Free blocks of one order, all types ({@code free_area[order].nr_free}, what /proc/buddyinfo prints). */
    long nrFree(int order) {
        return nrFree[order];
    }

    /** Free pages in all blocks ({@code NR_FREE_PAGES}). */
    long freePages() {
        return freePages;
    }
}
