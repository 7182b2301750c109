package org.mmsim.paging.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmsim.api.Thp;
import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.kernel.Lru;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.pagetable.Walk;

/**
 * Transparent huge pages of anonymous memory (mm/huge_memory.c): a fault in a 2 MiB-aligned range that lies wholly
 * inside an eligible VMA, with no page table below its PMD yet, maps one order-9 page through the PMD's PS bit
 * ({@code do_huge_pmd_anonymous_page()}), keeping a page table deposited for a later split. Eligible: private
 * anonymous memory when the machine's THP mode is {@code always}, or {@code madvise} and the VMA has
 * MADV_HUGEPAGE, and never with MADV_NOHUGEPAGE. Reads allocate too, as with {@code use_zero_page} 0.
 *
 * <p>A huge PMD that an operation covers only in part (munmap, mprotect, madvise) is split into 512 PTEs and its
 * page into 512 pages at once; Linux splits the folio later (the deferred split queue), which frees the same memory
 * by the time anyone looks. Before fork copies a VMA, and before mremap moves one, its huge PMDs are split too: the
 * copy and the move then work page by page (Linux shares or moves the PMD whole; a later write to a shared huge page
 * splits it in Linux as well). khugepaged, which collapses small pages into huge ones, is not modelled.
 */
final class HugePmds {
    static final int SHIFT = 21;
    static final long SIZE = 1L << SHIFT;
    static final int ORDER = SHIFT - 12;

    private final PageAllocator allocator;
    private final PageFrames frames;
    private final VmStat vmstat;
    private final Mmu mmu;
    private final Thp mode;
    private final boolean supported;
    private final Walk at = new Walk();
    private final ReclaimOps reclaim;

    HugePmds(PageAllocator allocator, PageFrames frames, VmStat vmstat, Mmu mmu, Thp mode, PagingMode paging,
             ReclaimOps reclaim) {
        this.reclaim = reclaim;
        this.allocator = allocator;
        this.frames = frames;
        this.vmstat = vmstat;
        this.mmu = mmu;
        this.mode = mode;
        // HAVE_ARCH_TRANSPARENT_HUGEPAGE: x86-64, and i386 with PAE; two-level i386 has no 2 MiB PMD.
        this.supported = paging != PagingMode.I386_2LEVEL;
    }

    /** Whether the machine has huge PMDs at all. */
    boolean supported() {
        return supported;
    }

    /** Whether a fault at {@code page} may map a huge page ({@code thp_vma_allowable_order()}). */
    boolean eligible(Vma vma, long page) {
        long start = page & -SIZE;
        return allowed(vma) && start >= vma.start && start + SIZE <= vma.end;
    }

    /** Whether some fault in {@code vma} may map a huge page: smaps' THPeligible. */
    boolean eligibleSomewhere(Vma vma) {
        long first = (vma.start + SIZE - 1) & -SIZE;
        return allowed(vma) && first + SIZE <= vma.end;
    }

    private boolean allowed(Vma vma) {
        if (!supported || vma.file != null || (vma.flags & (VmFlags.VM_SHARED | VmFlags.VM_NOHUGEPAGE)) != 0) {
            return false;
        }
        return mode == Thp.ALWAYS || (mode == Thp.MADVISE && (vma.flags & VmFlags.VM_HUGEPAGE) != 0);
    }

    /**
     * Maps a huge page at the PMD covering {@code page}, if that PMD is empty.
     *
     * @return {@link FaultResult#MINOR}, or {@link FaultResult#FALLBACK} to fall back to a small page
     */
    int fault(Mm mm, Vma vma, long page, FaultHandler faults) {
        long start = page & -SIZE;
        if (mm.tables.walk(start, at) != 0 || at.shift < SHIFT) {
            // A page table is there already: small pages, until khugepaged (not modelled) would collapse them.
            return FaultResult.FALLBACK;
        }
        boolean madvised = (vma.flags & VmFlags.VM_HUGEPAGE) != 0;
        // vma_thp_gfp_mask() with defrag = madvise: only a madvised VMA's fault may reclaim for its huge page.
        long pfn = allocator.allocPages(Gfp.GFP_TRANSHUGE_LIGHT | Gfp.__GFP_ZERO
                | (madvised ? Gfp.__GFP_DIRECT_RECLAIM : 0), ORDER);
        if (pfn == PageAllocator.NO_PAGE) {
            vmstat.inc(VmItem.THP_FAULT_FALLBACK);
            return FaultResult.FALLBACK;
        }
        long deposit = mm.tables.allocateDeposit();
        if (deposit < 0 || !mm.tables.prepare(start, SHIFT, at)) {
            if (deposit >= 0) {
                mm.tables.freeDeposit(deposit);
            }
            allocator.freePages(pfn, ORDER);
            vmstat.inc(VmItem.THP_FAULT_FALLBACK);
            return FaultResult.FALLBACK;
        }
        mm.deposits.put(start, deposit);
        frames.incMapcount(pfn);
        frames.setFlags(pfn, PageFlags.SWAPBACKED);
        // map_anon_folio_pmd(): maybe_pmd_mkwrite(), writable only if the VMA may be written (a read faults in too).
        long write = (vma.flags & VmFlags.VM_WRITE) != 0 ? Pte.RW : 0;
        mm.tables.set(at, (pfn << 12) | FaultHandler.baseBits(vma) | write | Pte.DIRTY | Pte.PSE);
        faults.ensureAnonVma(vma);
        frames.setMapping(pfn, Rmap.anonMapping(vma), vma.pageIndex(start));
        mm.rssAnon += 1 << ORDER;
        vmstat.add(VmItem.NR_ANON_PAGES, 1 << ORDER);
        vmstat.inc(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES);
        vmstat.inc(VmItem.THP_FAULT_ALLOC);
        return FaultResult.MINOR;
    }

    /**
     * Splits the huge PMDs of {@code [from, to)}: every one with {@code all}, else those the range covers only in
     * part ({@code split_huge_pmd()} as munmap, mprotect and madvise call it at their edges).
     */
    void split(Mm mm, long from, long to, boolean all, int cpu) {
        List<Long> starts = new ArrayList<>();
        for (Map.Entry<Long, Long> e : mm.deposits.subMap(from - SIZE + 1, true, to, false).entrySet()) {
            long start = e.getKey();
            if (all || start < from || start + SIZE > to) {
                starts.add(start);
            }
        }
        for (long start : starts) {
            splitPmd(mm, start, cpu);
        }
    }

    private void splitPmd(Mm mm, long start, int cpu) {
        long entry = mm.tables.walk(start, at);
        long table = mm.deposits.remove(start);
        long head = PageTables.pfnOf(entry);
        mm.tables.splitInto(at, table);
        // __split_huge_page(): the folio becomes 512 pages, each mapped once by its new PTE.
        allocator.splitPage(head, ORDER);
        long mapping = frames.mapping(head);
        long index = frames.index(head);
        for (long p = head + 1; p < head + (1 << ORDER); p++) {
            frames.incMapcount(p);
            frames.setFlags(p, PageFlags.SWAPBACKED);
            frames.setMapping(p, mapping, index + (p - head));
        }
        // lru_add_split_folio(): the small pages go on the LRU lists (a huge page is kept off them until split).
        Lru lru = reclaim.lru();
        for (long p = head; p < head + (1 << ORDER); p++) {
            lru.addAnon(p, false);
        }
        vmstat.add(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES, -1);
        vmstat.inc(VmItem.THP_SPLIT_PMD);
        vmstat.inc(VmItem.THP_SPLIT_PAGE);
        mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, start, SHIFT);
    }

    /** Unmaps a whole huge PMD that {@code zap} met ({@code zap_huge_pmd()}): the page and its deposit go. */
    void zap(Mm mm, long start, long table, int index, long entry, int cpu) {
        mm.tables.set(table, index, 0);
        mm.tables.freeDeposit(mm.deposits.remove(start));
        long head = PageTables.pfnOf(entry);
        frames.decMapcount(head);
        mm.rssAnon -= 1 << ORDER;
        vmstat.add(VmItem.NR_ANON_PAGES, -(1 << ORDER));
        vmstat.add(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES, -1);
        frames.putPage(head);
        mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, start, SHIFT);
    }
}
