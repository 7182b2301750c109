package org.mmsim.paging.mm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mmsim.api.Thp;
import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.SyscallException;
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
 * <p>Fork shares a huge PMD whole ({@code copy_huge_pmd()}): write-protected in both, one map count and one reference
 * more on the head, a table deposited for the child. A write to a write-protected huge PMD reuses the page if it is
 * the only reference, else splits this PMD into 512 PTEs and copies the one small page written
 * ({@code do_huge_pmd_wp_page()} falls back; 6.18 allocates no huge page for copy-on-write). The folio stays whole
 * while any PMD maps it: the per-page counts of its PTEs are {@link PteMappedThps}'s, and AnonHugePages
 * (NR_ANON_THPS) counts it once however many PMDs map it.
 *
 * <p>A folio that no PMD maps any more stays whole while PTEs map its pages (a PMD split by munmap, mprotect or
 * madvise of part of it, or by a write after fork); once PTEs map only part of it ({@code __folio_remove_rmap()}:
 * partially mapped), it is queued for the deferred split, counted in thp_deferred_split_page, and split by the
 * queue's shrinker ({@link DeferredSplit}) when reclaim or {@code drop_caches} runs it, counted in thp_split_page;
 * its pages no PTE maps are freed then. A folio left with no mapping at all is freed whole. khugepaged, which
 * collapses small pages into huge ones, is not modelled; nor is reclaim of a huge page, which stays off the LRU lists
 * until split.
 */
final class HugePmds {
    static final int SHIFT = 21;
    static final long SIZE = 1L << SHIFT;
    static final int ORDER = SHIFT - 12;

    private final PageAllocator allocator;
    private final PolicyAlloc policies;
    private final PageFrames frames;
    private final VmStat vmstat;
    private final Mmu mmu;
    private final Thp mode;
    private final boolean supported;
    private final Walk at = new Walk();
    private final ReclaimOps reclaim;
    private final PteMappedThps ptes = new PteMappedThps();
    private final DeferredSplit deferred = new DeferredSplit(this);

    HugePmds(PolicyAlloc policies, PageFrames frames, VmStat vmstat, Mmu mmu, Thp mode, PagingMode paging,
             ReclaimOps reclaim) {
        this.reclaim = reclaim;
        this.policies = policies;
        this.allocator = policies.allocator();
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
        long pfn = policies.alloc(vma, start, Gfp.GFP_TRANSHUGE_LIGHT | Gfp.__GFP_ZERO
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

    /**
     * {@code __split_huge_pmd_locked()}: the PMD at {@code start} becomes the deposited table's 512 PTEs, each mapping
     * its page of the folio with the PMD's bits; the folio's one PMD mapping and reference become 512 PTE ones.
     */
    private void splitPmd(Mm mm, long start, int cpu) {
        long entry = mm.tables.walk(start, at);
        long table = mm.deposits.remove(start);
        long head = PageTables.pfnOf(entry);
        mm.tables.splitInto(at, table);
        frames.decMapcount(head);
        ptes.mapAll(head);
        for (int i = 1; i < 1 << ORDER; i++) {
            frames.getPage(head);
            // PG_swapbacked is the folio's: each page mapped on its own shows it.
            frames.setFlags(head + i, PageFlags.SWAPBACKED);
        }
        vmstat.inc(VmItem.THP_SPLIT_PMD);
        mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, start, SHIFT);
        if (frames.mapcount(head) == 0) {
            // The last PMD mapping went; every page is still mapped, by these PTEs at least: the folio stays whole.
            vmstat.add(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES, -1);
        }
    }

    /** The deferred split queue, whose shrinker the paging layer registers. */
    DeferredSplit deferredSplit() {
        return deferred;
    }

    /** {@code deferred_split_folio()} of a partly mapped folio: queued, and counted the first time. */
    private void deferSplit(long head) {
        if (deferred.add(head)) {
            vmstat.inc(VmItem.THP_DEFERRED_SPLIT_PAGE);
        }
    }

    /** {@code deferred_split_scan()}'s split of a queued folio, which no PMD maps and PTEs map in part. */
    void splitQueued(long head) {
        splitFolio(head, ptes.remove(head));
    }

    /**
     * {@code __split_huge_page()} of a folio no PMD maps: 512 small pages, each mapped and referenced by as many PTEs
     * as {@code counts} says and going on the LRU lists (a huge page is kept off them until split); a page no PTE
     * maps is freed.
     */
    private void splitFolio(long head, int[] counts) {
        int refs = frames.refcount(head);
        allocator.splitPage(head, ORDER);
        long mapping = frames.mapping(head);
        long index = frames.index(head);
        Lru lru = reclaim.lru();
        for (int i = 0; i < 1 << ORDER; i++) {
            long p = head + i;
            int mapped = counts[i];
            // splitPage() left the head with the folio's references and each other page with one.
            int have = i == 0 ? refs : 1;
            for (; have > Math.max(1, mapped); have--) {
                frames.putPage(p);
            }
            for (; have < mapped; have++) {
                frames.getPage(p);
            }
            if (mapped == 0) {
                frames.putPage(p);
                continue;
            }
            for (int m = 0; m < mapped; m++) {
                frames.incMapcount(p);
            }
            frames.setMapping(p, mapping, index + i);
            lru.addAnon(p, false);
        }
        vmstat.inc(VmItem.THP_SPLIT_PAGE);
    }

    /**
     * Unmaps a whole huge PMD that {@code zap} met ({@code zap_huge_pmd()}): its deposit goes, and the folio loses a
     * mapping and a reference. With its last PMD mapping it leaves AnonHugePages; PTEs elsewhere may still map some
     * of its pages (after fork), and then it is split ({@code deferred_split_folio()} if only part is mapped).
     */
    void zap(Mm mm, long start, long table, int index, long entry, int cpu) {
        mm.tables.set(table, index, 0);
        mm.tables.freeDeposit(mm.deposits.remove(start));
        long head = PageTables.pfnOf(entry);
        frames.decMapcount(head);
        mm.rssAnon -= 1 << ORDER;
        if (frames.mapcount(head) == 0) {
            // __folio_remove_rmap(): NR_ANON_MAPPED loses the pages no PTE maps; with none, the folio is freed whole
            // as its last reference goes below.
            int mapped = ptes.mappedPages(head);
            vmstat.add(VmItem.NR_ANON_PAGES, -((1 << ORDER) - mapped));
            vmstat.add(VmItem.NR_ANON_TRANSPARENT_HUGEPAGES, -1);
            if (mapped > 0 && mapped < 1 << ORDER) {
                deferSplit(head);
            }
        }
        frames.putPage(head);
        mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, start, SHIFT);
    }

    /**
     * {@code copy_huge_pmd()} for fork: the child {@code to} maps the huge page of {@code entry} at {@code start}
     * too, both PMDs write-protected (the child's old), with a table deposited for the child's own later split.
     *
     * @throws SyscallException ENOMEM without memory for the child's table
     */
    void copy(Mm from, Mm to, long start, long table, int index, long entry) {
        long deposit = to.tables.allocateDeposit();
        if (deposit < 0 || !to.tables.prepare(start, SHIFT, at)) {
            if (deposit >= 0) {
                to.tables.freeDeposit(deposit);
            }
            throw new SyscallException("ENOMEM", "fork: no memory for page tables");
        }
        long shared = entry & ~Pte.RW;
        from.tables.set(table, index, shared);
        to.tables.set(at, shared & ~Pte.ACCESSED);
        to.deposits.put(start, deposit);
        long head = PageTables.pfnOf(entry);
        frames.incMapcount(head);
        frames.getPage(head);
        to.rssAnon += 1 << ORDER;
    }

    /**
     * {@code do_huge_pmd_wp_page()}'s reuse: a write to the write-protected huge PMD {@code found} points at makes it
     * writable if its page has no other reference (the other side of a fork exited or split away).
     *
     * @return whether it did; if not, the caller splits the PMD and copies one small page
     */
    boolean reuse(Mm mm, Walk found, long entry, long page, int cpu) {
        if (frames.refcount(PageTables.pfnOf(entry)) != 1) {
            return false;
        }
        mm.tables.set(found, entry | Pte.RW | Pte.DIRTY | Pte.ACCESSED);
        mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, page & -SIZE, SHIFT);
        return true;
    }

    /** Whether {@code pfn} is a page of a huge folio that PTEs map and that is still whole. */
    boolean inPteMappedFolio(long pfn) {
        return ptes.headOf(pfn) >= 0;
    }

    /**
     * One PTE more maps {@code pfn} (fork), if it is a page of a huge folio a PMD still maps: its count and the
     * folio's reference.
     *
     * @return whether it was such a page (else the caller counts the frame itself)
     */
    boolean mapPte(long pfn) {
        long head = ptes.headOf(pfn);
        if (head < 0) {
            return false;
        }
        ptes.map(head, pfn);
        frames.getPage(head);
        return true;
    }

    /**
     * One PTE less maps {@code pfn}, if it is a page of a huge folio that is still whole. While a PMD maps the folio,
     * that PMD keeps its pages counted in NR_ANON_MAPPED; without one, a page no PTE maps any more leaves
     * NR_ANON_MAPPED, the folio then partly mapped is queued for the deferred split, and a folio no PTE maps is
     * freed whole with its last reference.
     *
     * @return whether it was such a page (else the caller counts the frame itself)
     */
    boolean unmapPte(long pfn) {
        long head = ptes.headOf(pfn);
        if (head < 0) {
            return false;
        }
        boolean unmapped = ptes.unmap(head, pfn);
        if (unmapped && frames.mapcount(head) == 0) {
            vmstat.add(VmItem.NR_ANON_PAGES, -1);
            if (ptes.headOf(head) < 0) {
                deferred.remove(head);
            } else {
                deferSplit(head);
            }
        }
        frames.putPage(head);
        return true;
    }

    /**
     * {@code folio_precise_page_mapcount()}: the entries mapping page {@code pfn}, the PMDs mapping its whole folio
     * included.
     */
    int pageMapcount(long pfn) {
        long head = ptes.headOf(pfn);
        return head < 0 ? frames.mapcount(pfn) : frames.mapcount(head) + ptes.mapcount(head, pfn);
    }

    /** The PTE count of page {@code i} of the folio headed by {@code head}, its PMD mappings left out. */
    int pteMapcount(long head, int i) {
        return ptes.mapcount(head, head + i);
    }
}
