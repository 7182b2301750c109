package org.mmsim.paging.pagetable;

import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.spi.util.LongIntHashMap;

/**
 * Every page-table page of the machine: each is a physical frame from the page allocator (GFP_KERNEL, zeroed, as
 * {@code __pte_alloc()} and friends get them), counted in NR_PAGE_TABLE_PAGES (PageTables in /proc/meminfo), whose
 * entries are kept in an array of longs, with the number of its entries in use so that an emptied table can be
 * freed. A walk reads the arrays; nothing is allocated per access.
 */
public final class PageTables {
    private final PagingMode mode;
    private final PageAllocator allocator;
    private final VmStat vmstat;
    private final LongIntHashMap slotOf = new LongIntHashMap(1 << 10, -1);
    private long[][] entries = new long[1024][];
    private int[] used = new int[1024];
    private int[] freeSlots = new int[1024];
    private int freeCount;
    private int slots;

    public PageTables(PagingMode mode, PageAllocator allocator, VmStat vmstat) {
        this.mode = mode;
        this.allocator = allocator;
        this.vmstat = vmstat;
    }

    public PagingMode mode() {
        return mode;
    }

    /**
     * Allocates a table for level {@code level} (0 is the top).
     *
     * @return its pfn, or -1 if memory is short
     */
    public long allocate(int level) {
        long pfn = allocator.allocPages(Gfp.GFP_KERNEL | Gfp.__GFP_ZERO, 0);
        if (pfn == PageAllocator.NO_PAGE) {
            return -1;
        }
        int slot;
        if (freeCount > 0) {
            slot = freeSlots[--freeCount];
        } else {
            if (slots == entries.length) {
                entries = java.util.Arrays.copyOf(entries, slots * 2);
                used = java.util.Arrays.copyOf(used, slots * 2);
                freeSlots = java.util.Arrays.copyOf(freeSlots, slots * 2);
            }
            slot = slots++;
        }
        entries[slot] = new long[mode.entries(level)];
        used[slot] = 0;
        slotOf.put(pfn, slot);
        vmstat.inc(VmItem.NR_PAGE_TABLE_PAGES);
        return pfn;
    }

    /** Frees an empty table. */
    public void free(long pfn) {
        int slot = slotOf.remove(pfn);
        entries[slot] = null;
        freeSlots[freeCount++] = slot;
        allocator.freePages(pfn, 0);
        vmstat.add(VmItem.NR_PAGE_TABLE_PAGES, -1);
    }

    /** The entries of the table at {@code pfn}. */
    public long[] table(long pfn) {
        return entries[slotOf.get(pfn)];
    }

    /** Sets entry {@code index} of the table at {@code pfn}, keeping its count of entries in use. */
    public void set(long pfn, int index, long entry) {
        int slot = slotOf.get(pfn);
        long[] table = entries[slot];
        if (table[index] == 0 && entry != 0) {
            used[slot]++;
        } else if (table[index] != 0 && entry == 0) {
            used[slot]--;
        }
        table[index] = entry;
    }

    /** How many entries of the table at {@code pfn} are in use. */
    public int used(long pfn) {
        return used[slotOf.get(pfn)];
    }

    /** The pfn an entry points to. */
    public static long pfnOf(long entry) {
        return (entry & Pte.PFN_MASK) >>> 12;
    }
}
