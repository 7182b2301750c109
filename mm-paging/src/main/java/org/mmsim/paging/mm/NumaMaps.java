package org.mmsim.paging.mm;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.paging.NumaMapStats;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.pagetable.Walk;

/**
 * {@code show_numa_map()} of fs/proc/task_mmu.c: for each VMA, its policy ({@code __get_vma_policy()}, else the
 * task's) and {@code gather_stats()} over the pages its entries map — the zero page and other special entries left
 * out ({@code vm_normal_page()}), a huge entry counted as all its pages.
 */
final class NumaMaps {
    private final PageFrames frames;
    private final PageAllocator allocator;
    private final int nodes;
    private final Walk walk = new Walk();

    NumaMaps(PageFrames frames, PageAllocator allocator, int nodes) {
        this.frames = frames;
        this.allocator = allocator;
        this.nodes = nodes;
    }

    /** Every VMA of {@code task}'s, in address order. */
    List<NumaMapStats> of(Task task) {
        List<NumaMapStats> lines = new ArrayList<>();
        for (Vma vma : task.mm.vmas.values()) {
            lines.add(gather(task, vma));
        }
        return lines;
    }

    private NumaMapStats gather(Task task, Vma vma) {
        long[] md = new long[7];
        long[] onNode = new long[nodes];
        long pageSize = vma.hugetlb != null ? 4096L << vma.hugetlb.order : 4096;
        long addr = vma.start;
        while (addr < vma.end) {
            long entry = task.mm.tables.walk(addr, walk);
            long size = (entry & Pte.PRESENT) != 0 && (entry & Pte.PSE) != 0 ? 1L << walk.shift : 4096;
            if ((entry & Pte.PRESENT) != 0 && (entry & Pte.SPECIAL) == 0) {
                long pfn = PageTables.pfnOf(entry) + ((addr & (size - 1)) >>> 12);
                // gather_stats() counts a huge page as its small pages, except in a hugetlb VMA's own units.
                long nr = vma.hugetlb != null ? 1 : size >>> 12;
                // A private hugetlb page is anonymous in Linux (hugetlb_add_new_anon_rmap()); the model's is the file's.
                boolean anon = vma.hugetlb != null ? !vma.hugetlb.shared
                        : (frames.mapping(pfn) & PageFrames.ANON_MAPPING) != 0;
                count(md, onNode, pfn, (entry & Pte.DIRTY) != 0, anon, nr);
            }
            addr = (addr & -size) + size;
        }
        return new NumaMapStats(vma.start, Mempolicy.describe(vma.policy != null ? vma.policy : task.mempolicy), md[0],
                md[1], md[2], md[3], md[4], md[5], md[6], onNode, pageSize);
    }

    /** {@code gather_stats()}: pages, anon, dirty, mapcount_max, swapcache, active, writeback, and the node's count. */
    private void count(long[] md, long[] onNode, long pfn, boolean pteDirty, boolean anon, long nr) {
        int flags = frames.flags(pfn);
        md[0] += nr;
        if (pteDirty || (flags & PageFlags.DIRTY) != 0) {
            md[2] += nr;
        }
        if (anon) {
            md[1] += nr;
        }
        md[3] = Math.max(md[3], frames.mapcount(pfn));
        if ((flags & PageFlags.OWNER_PRIV_1) != 0) {
            md[4] += nr;
        }
        if ((flags & (PageFlags.ACTIVE | PageFlags.UNEVICTABLE)) != 0) {
            md[5] += nr;
        }
        if ((flags & PageFlags.WRITEBACK) != 0) {
            md[6] += nr;
        }
        onNode[allocator.pageToNid(pfn)] += nr;
    }
}
