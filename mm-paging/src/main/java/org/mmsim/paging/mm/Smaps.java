package org.mmsim.paging.mm;

import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.paging.MemSizeStats;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.paging.pagetable.AddressSpaceTables;
import org.mmsim.paging.pagetable.PageTables;

/**
 * The figures of /proc/PID/smaps (fs/proc/task_mmu.c): {@code smaps_pte_range()} walks a VMA's entries and
 * {@code smaps_account()} sums each present page into a {@code struct mem_size_stats}, each swap entry into Swap. It
 * only reads: no entry, bit or counter changes.
 */
final class Smaps implements AddressSpaceTables.EntryVisitor {
    /** {@code PSS_SHIFT}: the proportional set size is summed with 12 bits of fraction, as the kernel sums it. */
    private static final int PSS_SHIFT = 12;

    private final PageFrames frames;
    private final FaultHandler faults;
    // The VMA being walked, and whether it is VM_LOCKED.
    private Vma vma;
    private boolean locked;
    // The sums: struct mem_size_stats, the proportional ones with PSS_SHIFT bits of fraction.
    private long resident;
    private long pss;
    private long pssDirty;
    private long pssAnon;
    private long pssFile;
    private long pssShmem;
    private long pssLocked;
    private long sharedClean;
    private long sharedDirty;
    private long privateClean;
    private long privateDirty;
    private long referenced;
    private long anonymous;
    private long anonymousThp;
    private long swap;
    private long sharedHugetlb;
    private long privateHugetlb;

    Smaps(PageFrames frames, FaultHandler faults) {
        this.frames = frames;
        this.faults = faults;
    }

    /** One VMA as maps and smaps show it, with its figures ({@code show_smap()}). */
    VmaInfo show(Mm mm, Vma vma) {
        reset();
        gather(mm, vma);
        FileRef file = vma.file;
        String name = vma.name != null ? vma.name : file != null ? file.path() : "";
        if (vma.hugetlb != null) {
            // The unlinked hugetlbfs file of the kernel's internal mount (00:11 on the sample machine).
            return new VmaInfo(vma.start, vma.end, vma.flags, vma.pgoff * 4096, "00:11", vma.hugetlb.inode, name,
                    stats(), false, vma.hugetlb.size());
        }
        return new VmaInfo(vma.start, vma.end, vma.flags, file == null ? 0 : vma.pgoff * 4096,
                file == null ? "00:00" : file.device(), file == null ? 0 : file.inode(), name, stats(),
                faults.huge().eligibleSomewhere(vma), 4096);
    }

    /** The figures of every VMA of {@code mm} in one sum ({@code show_smaps_rollup()}). */
    MemSizeStats rollup(Mm mm) {
        reset();
        for (Vma v : mm.vmas.values()) {
            gather(mm, v);
        }
        return stats();
    }

    private void reset() {
        resident = 0;
        pss = 0;
        pssDirty = 0;
        pssAnon = 0;
        pssFile = 0;
        pssShmem = 0;
        pssLocked = 0;
        sharedClean = 0;
        sharedDirty = 0;
        privateClean = 0;
        privateDirty = 0;
        referenced = 0;
        anonymous = 0;
        anonymousThp = 0;
        swap = 0;
        sharedHugetlb = 0;
        privateHugetlb = 0;
    }

    /** {@code smap_gather_stats()}: adds one VMA's entries to the sums. */
    private void gather(Mm mm, Vma v) {
        vma = v;
        locked = (v.flags & VmFlags.VM_LOCKED) != 0;
        mm.tables.forEach(v.start, v.end, this);
        vma = null;
    }

    /** The sums, the proportional ones cut to whole bytes ({@code mss->pss >> PSS_SHIFT}). */
    private MemSizeStats stats() {
        return new MemSizeStats(resident, pss >> PSS_SHIFT, pssDirty >> PSS_SHIFT, pssAnon >> PSS_SHIFT,
                pssFile >> PSS_SHIFT, pssShmem >> PSS_SHIFT, sharedClean, sharedDirty, privateClean, privateDirty,
                referenced, anonymous, anonymousThp, swap, pssLocked >> PSS_SHIFT, sharedHugetlb, privateHugetlb);
    }

    /**
     * {@code smaps_page_accumulate()}: {@code size} bytes of a page of {@code kind} that {@code mapcount} entries map:
     * each mapper's share, summed by the page's kind, dirtiness and lock.
     */
    private void accumulate(long size, int mapcount, boolean dirty, FaultHandler.Kind kind) {
        long share = (size << PSS_SHIFT) / mapcount;
        pss += share;
        if (kind == FaultHandler.Kind.ANON) {
            pssAnon += share;
        } else if (kind == FaultHandler.Kind.SHMEM) {
            pssShmem += share;
        } else {
            pssFile += share;
        }
        if (locked) {
            pssLocked += share;
        }
        if (dirty) {
            pssDirty += share;
        }
        if (mapcount > 1) {
            if (dirty) {
                sharedDirty += size;
            } else {
                sharedClean += size;
            }
        } else if (dirty) {
            privateDirty += size;
        } else {
            privateClean += size;
        }
    }

    /** {@code smaps_pte_entry()} and {@code smaps_account()} of one entry. */
    @Override
    public void visit(long vaddr, long table, int index, long entry) {
        if (SwapPtes.isSwap(entry)) {
            swap += 4096;
            return;
        }
        if ((entry & Pte.PRESENT) == 0 || (entry & Pte.SPECIAL) != 0) {
            return;
        }
        long pfn = PageTables.pfnOf(entry);
        if (vma.hugetlb != null) {
            // smaps_hugetlb_range(): a hugetlb page is in no Rss or Pss figure, only shared or private by its mappers.
            if (frames.mapcount(pfn) > 1) {
                sharedHugetlb += vma.hugetlb.size();
            } else {
                privateHugetlb += vma.hugetlb.size();
            }
            return;
        }
        boolean huge = (entry & Pte.PSE) != 0;
        long size = huge ? HugePmds.SIZE : 4096;
        boolean dirty = (entry & Pte.DIRTY) != 0 || (frames.flags(pfn) & PageFlags.DIRTY) != 0;
        resident += size;
        FaultHandler.Kind kind = faults.kindOf(vma, pfn);
        HugePmds thp = faults.huge();
        if (huge && (frames.mapcount(pfn) > 1 || thp.inPteMappedFolio(pfn))) {
            // A shared huge page: each of its pages by its own map count, its folio's PMDs and its own PTEs.
            int pmds = frames.mapcount(pfn);
            for (int i = 0; i < 1 << HugePmds.ORDER; i++) {
                accumulate(4096, pmds + thp.pteMapcount(pfn, i), dirty, kind);
            }
        } else {
            accumulate(size, Math.max(1, thp.pageMapcount(pfn)), dirty, kind);
        }
        if ((entry & Pte.ACCESSED) != 0) {
            referenced += size;
        }
        if (kind == FaultHandler.Kind.ANON) {
            anonymous += size;
            if (huge) {
                anonymousThp += size;
            }
        }
    }
}
