package org.mmsim.paging.mm;

import org.mmsim.api.Thp;
import org.mmsim.api.kernel.Lru;
import org.mmsim.api.kernel.SwapCache;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.pagetable.Walk;

/**
 * The page-fault handler ({@code handle_mm_fault()} in mm/memory.c). A fault outside every VMA, or against its
 * protection, is SIGSEGV. Otherwise:
 * <ul>
 *   <li>an anonymous page never touched: a read maps the shared zero page (read-only, not counted in RSS); a write
 *       gets a new zeroed page ({@code do_anonymous_page()});</li>
 *   <li>a file page: found in the page cache, or read from disk (a major fault); a write to a private mapping gets
 *       a private copy at once ({@code do_cow_fault()}): {@link FileFault};</li>
 *   <li>a swap entry: the page is swapped in ({@code do_swap_page()}, {@link SwapFault}), and a write that finds it
 *       shared copies it;</li>
 *   <li>a write to a present read-only page of a private writable mapping: copy-on-write ({@code do_wp_page()}): the
 *       page is reused if this mapping is its only user, else copied; the zero page is always replaced.</li>
 * </ul>
 * Every fault counts pgfault and the task's min_flt or maj_flt (and pgmajfault); changed entries are invalidated in
 * the TLBs of every CPU running the address space. What a fault came to is returned as a {@link FaultResult}.
 */
public final class FaultHandler {
    /** The zero page's frame: the last RAM frame below the legacy hole at 0x9f000. */
    private static final long ZERO_PFN = 0x9e;
    private final PageAllocator allocator;
    /** User pages' allocations, as the memory policies say. */
    private final PolicyAlloc policies;
    private final PageFrames frames;
    private final PageCache pageCache;
    private final VmStat vmstat;
    private final Mmu mmu;
    private final HugePmds huge;
    private final HugetlbMappings hugetlb;
    private final SwapFault swapIn;
    private final FileFault fileFault;
    private final ReclaimOps reclaim;
    private final Walk walk = new Walk();
    private long writeSequence;
    private long anonVmas;

    public FaultHandler(PolicyAlloc policies, PageFrames frames, PageCache pageCache, VmStat vmstat, Mmu mmu,
                        Thp thp, PagingMode paging, ReclaimOps reclaim, org.mmsim.api.kernel.HugetlbPages hugetlbPages,
                        org.mmsim.api.physical.HugetlbPools hugetlbPools) {
        this.reclaim = reclaim;
        this.hugetlb = new HugetlbMappings(hugetlbPages, hugetlbPools, frames, mmu);
        this.policies = policies;
        this.allocator = policies.allocator();
        this.huge = new HugePmds(policies, frames, vmstat, mmu, thp, paging, reclaim);
        this.swapIn = new SwapFault(frames, vmstat, reclaim);
        this.fileFault = new FileFault(policies, frames, pageCache, vmstat);
        this.frames = frames;
        this.pageCache = pageCache;
        this.vmstat = vmstat;
        this.mmu = mmu;
        // empty_zero_page: one page of zeroes every untouched anonymous page maps for reading. It is kernel memory
        // memblock reserved, not a page the allocator hands out (so no pgalloc counts it and MemTotal leaves it out):
        // here a frame of the first MiB, which x86 reserves on every machine and nothing writes.
        if ((frames.flags(ZERO_PFN) & PageFlags.RESERVED) == 0) {
            throw new IllegalStateException("frame " + ZERO_PFN + " for the zero page is not reserved");
        }
    }

    /** The PTE bits a VMA's pages get ({@code vm_get_page_prot()}), before any write permission. */
    static long baseBits(Vma vma) {
        return Pte.PRESENT | Pte.USER | Pte.ACCESSED | ((vma.flags & VmFlags.VM_EXEC) == 0 ? Pte.NX : 0);
    }

    /**
     * Handles a fault of {@code task} at {@code vaddr} that no walk led to: a system call faulting pages in
     * ({@code faultin_page()} for MAP_POPULATE and mlock).
     *
     * @return a {@link FaultResult}
     */
    int handle(Task task, long vaddr, AccessType type, int cpu) {
        task.mm.tables.walk(vaddr & -4096L, walk);
        return handle(task, vaddr, type, cpu, walk);
    }

    /**
     * Handles a fault of {@code task} at {@code vaddr} whose walk ended at {@code found}, the MMU's: the handler
     * starts from the entry found there.
     *
     * @return a {@link FaultResult}
     */
    int handle(Task task, long vaddr, AccessType type, int cpu, Walk found) {
        Mm mm = task.mm;
        policies.setCurrent(task);
        Vma vma = mm.find(vaddr);
        if (vma == null || !permits(vma, type)) {
            return FaultResult.SIGSEGV;
        }
        long page = vaddr & -4096L;
        walk.set(found);
        long entry = mm.tables.get(walk);
        int result;
        if (vma.hugetlb != null) {
            // handle_mm_fault(): a hugetlb VMA's faults are hugetlb_fault()'s.
            vmstat.inc(VmItem.PGFAULT);
            result = hugetlb.fault(task, vma, page, type, cpu);
        } else {
            result = handleEntries(mm, vma, page, entry, type, cpu);
        }
        // mm_account_fault(): a failed fault counts neither way.
        if (FaultResult.isMajor(result)) {
            vmstat.inc(VmItem.PGMAJFAULT);
            task.majFlt++;
        } else if (!FaultResult.isError(result)) {
            task.minFlt++;
        }
        mm.updateHiwater();
        return result;
    }

    /** {@code __handle_mm_fault()}: the entry's handler, again while it backs out because the entry changed. */
    private int handleEntries(Mm mm, Vma vma, long page, long entry, AccessType type, int cpu) {
        int result;
        while (FaultResult.isRetry(result = handleEntry(mm, vma, page, entry, type, cpu))) {
            // The entry changed while the handler allocated: it backed out, and the CPU re-executes the access.
            entry = mm.tables.walk(page, walk);
        }
        return result;
    }

    /** {@code handle_pte_fault()}: what the entry {@link #walk} points at needs. */
    private int handleEntry(Mm mm, Vma vma, long page, long entry, AccessType type, int cpu) {
        vmstat.inc(VmItem.PGFAULT);
        if ((entry & (Pte.PRESENT | Pte.PSE)) == (Pte.PRESENT | Pte.PSE)) {
            if (type == AccessType.WRITE && (entry & Pte.RW) == 0 && huge.reuse(mm, walk, entry, page, cpu)) {
                return FaultResult.MINOR;
            }
            // do_huge_pmd_wp_page() falls back (the huge page has other users): the PMD is split, and the write
            // copies one small page below. Any other fault on a huge PMD splits it too.
            huge.split(mm, page, page + 4096, true, cpu);
            entry = mm.tables.walk(page, walk);
        }
        if (SwapPtes.isSwap(entry)) {
            int result = swapIn.fault(mm, vma, page, entry, type == AccessType.WRITE, walk, this);
            if (type == AccessType.WRITE && !FaultResult.isError(result) && (mm.tables.get(walk) & Pte.RW) == 0) {
                // do_swap_page() goes on to do_wp_page() for a write: a page others may share is copied at once.
                int copied = writeProtectFault(mm, vma, page, mm.tables.get(walk), cpu);
                if (FaultResult.isError(copied)) {
                    return copied;
                }
            }
            return result;
        }
        if ((entry & Pte.PRESENT) == 0) {
            return vma.file == null ? anonymousFault(mm, vma, page, type)
                    : fileFault.fault(mm, vma, page, type == AccessType.WRITE, walk, this);
        }
        if (type == AccessType.WRITE && (entry & Pte.RW) == 0) {
            return writeProtectFault(mm, vma, page, entry, cpu);
        }
        // Spurious: the entry already allows it (another CPU fixed it, or a stale TLB entry).
        return FaultResult.MINOR;
    }

    private static boolean permits(Vma vma, AccessType type) {
        switch (type) {
            case WRITE:
                return (vma.flags & VmFlags.VM_WRITE) != 0;
            case EXECUTE:
                return (vma.flags & VmFlags.VM_EXEC) != 0;
            default:
                return (vma.flags & VmFlags.VM_READ) != 0;
        }
    }

    private int anonymousFault(Mm mm, Vma vma, long page, AccessType type) {
        if (huge.eligible(vma, page)) {
            int result = huge.fault(mm, vma, page, this);
            if (!FaultResult.isFallback(result)) {
                return result;
            }
        }
        if (!mm.tables.prepare(page, walk)) {
            return FaultResult.OOM;
        }
        if (type != AccessType.WRITE && !mm.forbidsZeroPage) {
            mm.tables.set(walk, (ZERO_PFN << 12) | (baseBits(vma) & ~Pte.ACCESSED) | Pte.SPECIAL);
            return FaultResult.MINOR;
        }
        long pfn = policies.alloc(vma, page, Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_ZERO, 0);
        if (pfn == PageAllocator.NO_PAGE) {
            return FaultResult.OOM;
        }
        mapAnon(mm, vma, page, pfn);
        return FaultResult.MINOR;
    }

    /** MAP_HUGETLB mappings. */
    HugetlbMappings hugetlb() {
        return hugetlb;
    }

    /** Transparent huge pages. */
    HugePmds huge() {
        return huge;
    }

    /** The swap-in of faults, which swapoff brings pages back with. */
    SwapFault swapIn() {
        return swapIn;
    }

    /**
     * The frame of an ordinary page present at {@code page}, or -1 (none, a special mapping, a huge page, or a page
     * of one that a PMD elsewhere maps whole).
     */
    long presentPfn(Mm mm, long page) {
        long entry = mm.tables.walk(page, walk);
        if ((entry & Pte.PRESENT) == 0 || (entry & (Pte.SPECIAL | Pte.PSE)) != 0) {
            return -1;
        }
        long pfn = PageTables.pfnOf(entry);
        return huge.inPteMappedFolio(pfn) ? -1 : pfn;
    }

    /** The machine's LRU lists. */
    Lru lru() {
        return reclaim.lru();
    }

    /** The machine's swap cache and slot counts. */
    SwapCache swapCache() {
        return reclaim.swapCache();
    }

    /** Gives {@code vma} an anon_vma on its first anonymous page ({@code anon_vma_prepare()}). */
    void ensureAnonVma(Vma vma) {
        if (vma.anonVma == 0) {
            vma.mm.assignAnonVma(vma, ++anonVmas);
        }
    }

    /**
     * Maps a new anonymous page at the prepared entry ({@code folio_add_new_anon_rmap()}): writable and dirty if the
     * VMA may be written, as {@code do_anonymous_page()} makes it; a read that may not map the zero page gets one too.
     */
    void mapAnon(Mm mm, Vma vma, long page, long pfn) {
        frames.incMapcount(pfn);
        frames.setFlags(pfn, PageFlags.SWAPBACKED);
        long write = (vma.flags & VmFlags.VM_WRITE) != 0 ? Pte.RW | Pte.DIRTY : 0;
        mm.tables.set(walk, (pfn << 12) | baseBits(vma) | write);
        ensureAnonVma(vma);
        frames.setMapping(pfn, Rmap.anonMapping(vma), vma.pageIndex(page));
        mm.rssAnon++;
        vmstat.inc(VmItem.NR_ANON_PAGES);
        reclaim.lru().addAnon(pfn, (vma.flags & VmFlags.VM_LOCKED) != 0);
    }

    private int writeProtectFault(Mm mm, Vma vma, long page, long entry, int cpu) {
        long old = PageTables.pfnOf(entry);
        boolean special = (entry & Pte.SPECIAL) != 0;
        if ((vma.flags & VmFlags.VM_SHARED) != 0) {
            mm.tables.set(walk, entry | Pte.RW | Pte.DIRTY);
            mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, page);
            if (vma.file != null && !special) {
                // wp_page_shared(): the first write through a shared file mapping dirties the page.
                pageCache.setPageDirty(old);
            }
            return FaultResult.MINOR;
        }
        boolean anon = !special && kindOf(vma, old) == Kind.ANON;
        if (anon && frames.refcount(old) == 1 && frames.mapcount(old) == 1) {
            // wp_page_reuse(): this mapping is the page's only user; it simply becomes writable.
            mm.tables.set(walk, entry | Pte.RW | Pte.DIRTY);
            mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, page);
            vmstat.inc(VmItem.PGREUSE);
            return FaultResult.MINOR;
        }
        long copy = policies.alloc(vma, page, Gfp.GFP_HIGHUSER_MOVABLE | (special ? Gfp.__GFP_ZERO : 0), 0);
        if (copy == PageAllocator.NO_PAGE) {
            return FaultResult.OOM;
        }
        // wp_page_copy() checks pte_same() under the page-table lock: the allocation may have reclaimed the old page
        // (its entry is now a swap entry) or changed the entry otherwise; then the copy is dropped and the fault retried.
        if (mm.tables.walk(page, walk) != entry) {
            allocator.freePages(copy, 0);
            return FaultResult.RETRY;
        }
        if (!special) {
            frames.setContent(copy, frames.content(old));
            unmapPage(mm, vma, old);
        }
        mapAnon(mm, vma, page, copy);
        mmu.invalidate(mm.cpuMask, cpu, mm.ctxId, page);
        return FaultResult.MINOR;
    }

    /** What a mapped page counts as in RSS. */
    enum Kind { ANON, FILE, SHMEM }

    /** The kind of the page {@code pfn} mapped in {@code vma}: shmem by its VMA, anonymous by PG_swapbacked. */
    Kind kindOf(Vma vma, long pfn) {
        if (vma.file != null && vma.file.shmem()) {
            return Kind.SHMEM;
        }
        return (frames.flags(pfn) & PageFlags.SWAPBACKED) != 0 ? Kind.ANON : Kind.FILE;
    }

    /**
     * One more mapping of an already mapped page (fork): map count, reference (the folio's, for a page of a huge
     * page a PMD maps elsewhere), RSS.
     */
    void share(Mm mm, Vma vma, long pfn) {
        if (!huge.mapPte(pfn)) {
            frames.incMapcount(pfn);
            frames.getPage(pfn);
        }
        count(mm, kindOf(vma, pfn), 1);
    }

    /** Counts {@code pages} more (or fewer) of {@code kind} in the RSS of {@code mm} ({@code add_mm_counter()}). */
    static void count(Mm mm, Kind kind, long pages) {
        switch (kind) {
            case ANON:
                mm.rssAnon += pages;
                break;
            case SHMEM:
                mm.rssShmem += pages;
                break;
            default:
                mm.rssFile += pages;
        }
    }

    /**
     * One mapping of a page goes away ({@code zap_pte_range()}): map count, RSS and the mapping's reference drop (the
     * folio's, for a page of a huge page a PMD maps elsewhere, which that PMD keeps).
     */
    void unmapPage(Mm mm, Vma vma, long pfn) {
        Kind kind = kindOf(vma, pfn);
        count(mm, kind, -1);
        if (huge.unmapPte(pfn)) {
            return;
        }
        frames.decMapcount(pfn);
        if (frames.mapcount(pfn) == 0) {
            vmstat.add(kind == Kind.ANON ? VmItem.NR_ANON_PAGES : VmItem.NR_MAPPED, -1);
        }
        frames.putPage(pfn);
    }

    /** The token a write stores: every write makes new bytes. */
    long nextWrite() {
        return ++writeSequence;
    }

    PageFrames frames() {
        return frames;
    }

    /** The allocations of user pages by memory policy. */
    PolicyAlloc policies() {
        return policies;
    }

    VmStat vmstat() {
        return vmstat;
    }
}
