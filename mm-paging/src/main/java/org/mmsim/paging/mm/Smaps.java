package org.mmsim.paging.mm;

import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.paging.MemSizeStats;
import org.mmsim.api.paging.Pte;
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
    // The sums of the VMA being walked: struct mem_size_stats.
    private Vma vma;
    private long resident;
    private long pss;
    private long sharedClean;
    private long sharedDirty;
    private long privateClean;
    private long privateDirty;
    private long referenced;
    private long anonymous;
    private long anonymousThp;
    private long swap;

    Smaps(PageFrames frames, FaultHandler faults) {
        this.frames = frames;
        this.faults = faults;
    }

    /** One VMA as maps and smaps show it, with its figures ({@code show_smap()}). */
    VmaInfo show(Mm mm, Vma vma) {
        this.vma = vma;
        resident = 0;
        pss = 0;
        sharedClean = 0;
        sharedDirty = 0;
        privateClean = 0;
        privateDirty = 0;
        referenced = 0;
        anonymous = 0;
        anonymousThp = 0;
        swap = 0;
        mm.tables.forEach(vma.start, vma.end, this);
        this.vma = null;
        MemSizeStats stats = new MemSizeStats(resident, pss >> PSS_SHIFT, sharedClean, sharedDirty, privateClean,
                privateDirty, referenced, anonymous, anonymousThp, swap);
        FileRef file = vma.file;
        String name = vma.name != null ? vma.name : file != null ? file.path() : "";
        return new VmaInfo(vma.start, vma.end, vma.flags, file == null ? 0 : vma.pgoff * 4096,
                file == null ? "00:00" : file.device(), file == null ? 0 : file.inode(), name, stats,
                faults.huge().eligibleSomewhere(vma));
    }

    /** {@code smaps_page_accumulate()}: {@code size} bytes that {@code mapcount} entries map, each its share. */
    private void accumulate(long size, int mapcount, boolean dirty) {
        pss += (size << PSS_SHIFT) / mapcount;
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
        boolean huge = (entry & Pte.PSE) != 0;
        long size = huge ? HugePmds.SIZE : 4096;
        boolean dirty = (entry & Pte.DIRTY) != 0 || (frames.flags(pfn) & PageFlags.DIRTY) != 0;
        resident += size;
        HugePmds thp = faults.huge();
        if (huge && (frames.mapcount(pfn) > 1 || thp.inPteMappedFolio(pfn))) {
            // A shared huge page: each of its pages by its own map count, its folio's PMDs and its own PTEs.
            int pmds = frames.mapcount(pfn);
            for (int i = 0; i < 1 << HugePmds.ORDER; i++) {
                accumulate(4096, pmds + thp.pteMapcount(pfn, i), dirty);
            }
        } else {
            accumulate(size, Math.max(1, thp.pageMapcount(pfn)), dirty);
        }
        if ((entry & Pte.ACCESSED) != 0) {
            referenced += size;
        }
        if (faults.kindOf(vma, pfn) == FaultHandler.Kind.ANON) {
            anonymous += size;
            if (huge) {
                anonymousThp += size;
            }
        }
    }
}
