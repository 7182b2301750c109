package org.mmsim.paging.mm;

import java.util.function.Supplier;
import org.mmsim.api.Thp;
import org.mmsim.api.reclaim.Lru;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.kalloc.PageCache;
import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.physical.PageFrames;
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
 *       a private copy at once ({@code do_cow_fault()});</li>
 *   <li>a write to a present read-only page of a private writable mapping: copy-on-write ({@code do_wp_page()}): the
 *       page is reused if this mapping is its only user, else copied; the zero page is always replaced.</li>
 * </ul>
 * Every fault counts pgfault and the task's min_flt or maj_flt (and pgmajfault); changed entries are invalidated in
 * the TLBs of every CPU running the address space.
 */
public final class FaultHandler {
    /** A handler that found its page-table entry changed while it allocated: the access faults again. */
    private static final int RETRY = -1;

    /** The zero page's frame: the last RAM frame below the legacy hole at 0x9f000. */
    private static final long ZERO_PFN = 0x9e;
    private final PageAllocator allocator;
    private final PageFrames frames;
    private final PageCache pageCache;
    private final VmStat vmstat;
    private final Mmu mmu;
    private final HugePmds huge;
    private final Supplier<Swap> swap;
    private final Supplier<Lru> lru;
    private boolean lastMajorStalled;
    /** {@code fault_around_bytes} (mm/memory.c) in pages: 64 KiB. */
    private static final long FAULT_AROUND_PAGES = 16;
    private final Walk walk = new Walk();
    private final Walk around = new Walk();
    private long writeSequence;
    private long anonVmas;

    public FaultHandler(PageAllocator allocator, PageFrames frames, PageCache pageCache, VmStat vmstat, Mmu mmu,
                        Thp thp, PagingMode paging, Supplier<Swap> swap, Supplier<Lru> lru) {
        this.swap = swap;
        this.lru = lru;
        this.huge = new HugePmds(allocator, frames, vmstat, mmu, thp, paging, lru);
        this.allocator = allocator;
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
     * Handles a fault of {@code task} at {@code vaddr}.
     *
     * @return {@link Processes#MINOR_FAULT}, {@link Processes#MAJOR_FAULT} or {@link Processes#SIGSEGV}
     */
    int handle(Task task, long vaddr, AccessType type, int cpu) {
        Mm mm = task.mm;
        Vma vma = mm.find(vaddr);
        if (vma == null || !permits(vma, type)) {
            return Processes.SIGSEGV;
        }
        lastMajorStalled = false;
        long page = vaddr & -4096L;
        int result;
        do {
            // A fault that found its entry changed when it came back from allocating backs out, and the access
            // faults again (the CPU re-executes the instruction).
            vmstat.inc(VmItem.PGFAULT);
            long entry = mm.tables.walk(page, walk);
            if ((entry & (Pte.PRESENT | Pte.PSE)) == (Pte.PRESENT | Pte.PSE)) {
                // A write to a read-only huge PMD: do_huge_pmd_wp_page() falls back to small pages, split here.
                huge.split(mm, page, page + 4096, true, cpu);
                entry = mm.tables.walk(page, walk);
            }
            if (SwapPtes.isSwap(entry)) {
                result = swapFault(mm, vma, page, entry, type, cpu);
            } else if ((entry & Pte.PRESENT) == 0) {
                result = vma.file == null ? anonymousFault(mm, vma, page, type) : fileFault(mm, vma, page, type);
            } else if (type == AccessType.WRITE && (entry & Pte.RW) == 0) {
                result = writeProtectFault(mm, vma, page, entry, cpu);
            } else {
                // Spurious: the entry already allows it (another CPU fixed it, or a stale TLB entry).
                result = Processes.MINOR_FAULT;
            }
        } while (result == RETRY);
        if (result == Processes.MAJOR_FAULT) {
            vmstat.inc(VmItem.PGMAJFAULT);
            task.majFlt++;
        } else if (result == Processes.MINOR_FAULT) {
            task.minFlt++;
        }
        mm.updateHiwater();
        return result;
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

    private boolean prepare(Mm mm, long page) {
        return mm.tables.prepare(page, walk);
    }

    private int anonymousFault(Mm mm, Vma vma, long page, AccessType type) {
        if (huge.eligible(vma, page)) {
            int result = huge.fault(mm, vma, page, this);
            if (result >= 0) {
                return result;
            }
        }
        if (!prepare(mm, page)) {
            return Processes.SIGSEGV;
        }
        if (type != AccessType.WRITE && !mm.forbidsZeroPage) {
            mm.tables.set(walk, (ZERO_PFN << 12) | (baseBits(vma) & ~Pte.ACCESSED) | Pte.SPECIAL);
            return Processes.MINOR_FAULT;
        }
        long pfn = allocator.allocPages(Gfp.GFP_HIGHUSER_MOVABLE | Gfp.__GFP_ZERO, 0);
        if (pfn == PageAllocator.NO_PAGE) {
            return Processes.SIGSEGV;
        }
        mapAnon(mm, vma, page, pfn);
        return Processes.MINOR_FAULT;
    }

    /** Transparent huge pages. */
    HugePmds huge() {
        return huge;
    }

    /**
     * {@code do_swap_page()}: the page is found in the swap cache (a minor fault) or read from its slot (a major
     * one), and mapped in place of the entry. It is mapped writable only for a write by the entry's last holder
     * (then it leaves the swap cache too: its slot's copy is stale once written); otherwise read-only, so that a
     * write copies it, as another process may still hold the entry or share the page.
     */
    private int swapFault(Mm mm, Vma vma, long page, long pte, AccessType type, int cpu) {
        Swap swap = this.swap.get();
        long entry = SwapPtes.entry(pte);
        long pfn = swap.lookup(entry);
        int result = Processes.MINOR_FAULT;
        if (pfn < 0) {
            pfn = swap.swapIn(entry, Gfp.GFP_HIGHUSER_MOVABLE);
            if (pfn < 0) {
                return Processes.SIGSEGV;
            }
            result = Processes.MAJOR_FAULT;
            // A swap-in is a wait for memory that reclaim took away (swap_read_folio()'s memstall).
            lastMajorStalled = true;
        }
        boolean exclusive = swap.count(entry) == 1 && frames.mapcount(pfn) == 0;
        boolean write = type == AccessType.WRITE;
        frames.getPage(pfn);
        frames.incMapcount(pfn);
        if (frames.mapcount(pfn) == 1) {
            vmstat.inc(VmItem.NR_ANON_PAGES);
        }
        ensureAnonVma(vma);
        frames.setMapping(pfn, Rmap.anonMapping(vma), vma.pageIndex(page));
        mm.rssAnon++;
        mm.swapEntries--;
        if (exclusive && write) {
            swap.deleteFromSwapCache(pfn);
            swap.free(entry);
            mm.tables.set(walk, (pfn << 12) | baseBits(vma) | Pte.RW | Pte.DIRTY);
        } else {
            swap.free(entry);
            mm.tables.set(walk, (pfn << 12) | baseBits(vma));
            if (write) {
                // do_swap_page() goes on to do_wp_page() for a write: the shared page is copied at once.
                int copied = writeProtectFault(mm, vma, page, mm.tables.get(walk), cpu);
                if (copied == Processes.SIGSEGV) {
                    return copied;
                }
            }
        }
        return result;
    }

    /** Whether the last major fault waited for memory (a swap-in, a working-set refault) rather than a cold read. */
    boolean lastMajorStalled() {
        return lastMajorStalled;
    }

    /** The frame of an ordinary page present at {@code page}, or -1 (none, a special mapping, a huge page). */
    long presentPfn(Mm mm, long page) {
        long entry = mm.tables.walk(page, walk);
        if ((entry & Pte.PRESENT) == 0 || (entry & (Pte.SPECIAL | Pte.PSE)) != 0) {
            return -1;
        }
        return PageTables.pfnOf(entry);
    }

    /** The machine's LRU lists. */
    Lru lru() {
        return lru.get();
    }

    /** The machine's swap. */
    Swap swap() {
        return swap.get();
    }

    /**
     * {@code unuse_pte()} for swapoff: brings the page of the swap PTE at {@code vaddr} back, as a read fault would
     * but counted as none.
     *
     * @return false if there was no memory for it
     */
    boolean unuse(Mm mm, Vma vma, long vaddr) {
        long entry = mm.tables.walk(vaddr, walk);
        return !SwapPtes.isSwap(entry) || swapFault(mm, vma, vaddr, entry, AccessType.READ, 0) != Processes.SIGSEGV;
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
    private void mapAnon(Mm mm, Vma vma, long page, long pfn) {
        frames.incMapcount(pfn);
        frames.setFlags(pfn, org.mmsim.api.physical.PageFlags.SWAPBACKED);
        long write = (vma.flags & VmFlags.VM_WRITE) != 0 ? Pte.RW | Pte.DIRTY : 0;
        mm.tables.set(walk, (pfn << 12) | baseBits(vma) | write);
        ensureAnonVma(vma);
        frames.setMapping(pfn, Rmap.anonMapping(vma), vma.pageIndex(page));
        mm.rssAnon++;
        vmstat.inc(VmItem.NR_ANON_PAGES);
        lru.get().addAnon(pfn, (vma.flags & VmFlags.VM_LOCKED) != 0);
    }

    private int fileFault(Mm mm, Vma vma, long page, AccessType type) {
        if (!prepare(mm, page)) {
            return Processes.SIGSEGV;
        }
        boolean write = type == AccessType.WRITE;
        if (!write) {
            faultAround(mm, vma, page);
        }
        long cached = pageCache.getPage(vma.file, vma.pageIndex(page));
        if (cached < 0) {
            return Processes.SIGSEGV;
        }
        int result = pageCache.lastWasMajor() ? Processes.MAJOR_FAULT : Processes.MINOR_FAULT;
        // A refault of a page from the working set (activated on its refault) waits as a memory stall.
        lastMajorStalled = result == Processes.MAJOR_FAULT
                && (frames.flags(cached) & org.mmsim.api.physical.PageFlags.WORKINGSET) != 0;
        if (write && vma.isCow()) {
            long copy = allocator.allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
            if (copy == PageAllocator.NO_PAGE) {
                frames.putPage(cached);
                return Processes.SIGSEGV;
            }
            frames.setContent(copy, frames.content(cached));
            frames.putPage(cached);
            mapAnon(mm, vma, page, copy);
            return result;
        }
        mapFile(mm, vma, cached, walk, writableAtFault(vma, write), write);
        if (write) {
            // do_shared_fault(): fault_dirty_shared_page() marks the page dirty for writeback.
            pageCache.setPageDirty(cached);
        }
        return result;
    }

    /**
     * Whether a fault maps a file page writable: a write to a shared mapping, or any fault on a shared writable
     * mapping of shmem, which has no writeback to notify ({@code vma_wants_writenotify()} is false for it).
     */
    private static boolean writableAtFault(Vma vma, boolean write) {
        if ((vma.flags & VmFlags.VM_SHARED) == 0) {
            return false;
        }
        return write || (vma.file.shmem() && (vma.flags & VmFlags.VM_WRITE) != 0);
    }

    /**
     * {@code do_fault_around()}: before a read fault on a file page is handled, the pages of the same aligned
     * {@code fault_around_bytes} window (64 KiB), within the VMA and the same page table, that the page cache already
     * holds are mapped too ({@code filemap_map_pages()}), so that neighbouring accesses take no fault.
     */
    private void faultAround(Mm mm, Vma vma, long page) {
        long window = FAULT_AROUND_PAGES << 12;
        long from = Math.max(page & -window, vma.start);
        long to = Math.min(Math.min((page & -window) + window, vma.end), (page & -(1L << 21)) + (1L << 21));
        for (long addr = from; addr < to; addr += 4096) {
            if (addr == page) {
                continue;
            }
            if (mm.tables.walk(addr, around) != 0 || around.shift != 12) {
                continue;
            }
            long pfn = pageCache.findPage(vma.file, vma.pageIndex(addr));
            if (pfn >= 0) {
                mapFile(mm, vma, pfn, around, writableAtFault(vma, false), false);
            }
        }
    }

    private int writeProtectFault(Mm mm, Vma vma, long page, long entry, int cpu) {
        long old = PageTables.pfnOf(entry);
        boolean special = (entry & Pte.SPECIAL) != 0;
        if ((vma.flags & VmFlags.VM_SHARED) != 0) {
            mm.tables.set(walk, entry | Pte.RW | Pte.DIRTY);
            mmu.invalidate(mm.cpuMask, cpu, mm.pcid, page);
            if (vma.file != null && !special) {
                // wp_page_shared(): the first write through a shared file mapping dirties the page.
                pageCache.setPageDirty(old);
            }
            return Processes.MINOR_FAULT;
        }
        boolean anon = !special && kindOf(vma, old) == Kind.ANON;
        if (anon && frames.refcount(old) == 1 && frames.mapcount(old) == 1) {
            // wp_page_reuse(): this mapping is the page's only user; it simply becomes writable.
            mm.tables.set(walk, entry | Pte.RW | Pte.DIRTY);
            mmu.invalidate(mm.cpuMask, cpu, mm.pcid, page);
            vmstat.inc(VmItem.PGREUSE);
            return Processes.MINOR_FAULT;
        }
        long copy = allocator.allocPages(Gfp.GFP_HIGHUSER_MOVABLE | (special ? Gfp.__GFP_ZERO : 0), 0);
        if (copy == PageAllocator.NO_PAGE) {
            return Processes.SIGSEGV;
        }
        // wp_page_copy() checks pte_same() under the page-table lock: the allocation may have reclaimed the old page
        // (its entry is now a swap entry) or changed the entry otherwise; then the copy is dropped and the fault retried.
        if (mm.tables.walk(page, walk) != entry) {
            allocator.freePages(copy, 0);
            return RETRY;
        }
        if (!special) {
            frames.setContent(copy, frames.content(old));
            unmapPage(mm, vma, old);
        }
        mapAnon(mm, vma, page, copy);
        mmu.invalidate(mm.cpuMask, cpu, mm.pcid, page);
        return Processes.MINOR_FAULT;
    }

    /** What a mapped page counts as in RSS. */
    enum Kind { ANON, FILE, SHMEM }

    /** The kind of the page {@code pfn} mapped in {@code vma}: shmem by its VMA, anonymous by PG_swapbacked. */
    Kind kindOf(Vma vma, long pfn) {
        if (vma.file != null && vma.file.shmem()) {
            return Kind.SHMEM;
        }
        return (frames.flags(pfn) & org.mmsim.api.physical.PageFlags.SWAPBACKED) != 0 ? Kind.ANON : Kind.FILE;
    }

    /** Maps a page-cache page at {@code at} ({@code do_set_pte()}): one more mapping, counted as file or shmem RSS. */
    void mapFile(Mm mm, Vma vma, long pfn, Walk at, boolean writable, boolean dirty) {
        frames.incMapcount(pfn);
        if (frames.mapcount(pfn) == 1) {
            vmstat.inc(VmItem.NR_MAPPED);
        }
        mm.tables.set(at, (pfn << 12) | baseBits(vma) | (writable ? Pte.RW : 0) | (dirty ? Pte.DIRTY : 0));
        if ((vma.flags & VmFlags.VM_LOCKED) != 0) {
            lru.get().mlock(pfn);
        }
        count(mm, kindOf(vma, pfn), 1);
    }

    /** One more mapping of an already mapped page (fork): map count, reference, RSS. */
    void share(Mm mm, Vma vma, long pfn) {
        frames.incMapcount(pfn);
        frames.getPage(pfn);
        count(mm, kindOf(vma, pfn), 1);
    }

    private static void count(Mm mm, Kind kind, long pages) {
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

    /** One mapping of a page goes away ({@code zap_pte_range()}): map count, RSS and the mapping's reference drop. */
    void unmapPage(Mm mm, Vma vma, long pfn) {
        Kind kind = kindOf(vma, pfn);
        frames.decMapcount(pfn);
        count(mm, kind, -1);
        if (frames.mapcount(pfn) == 0) {
            vmstat.add(kind == Kind.ANON ? VmItem.NR_ANON_PAGES : VmItem.NR_MAPPED, -1);
        }
        frames.putPage(pfn);
    }

    /** Whether an entry maps the zero page or another page with no struct page user to count. */
    boolean isSpecial(long entry) {
        return (entry & Pte.SPECIAL) != 0;
    }

    /** The token a write stores: every write makes new bytes. */
    long nextWrite() {
        return ++writeSequence;
    }

    PageFrames frames() {
        return frames;
    }
}
