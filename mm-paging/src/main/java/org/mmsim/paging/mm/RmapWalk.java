package org.mmsim.paging.mm;

import java.util.function.IntSupplier;
import org.mmsim.api.kernel.PageCache;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.kernel.ReverseMap;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.pagetable.Walk;

/**
 * The walks of reverse mapping (mm/rmap.c, {@code rmap_walk()}): from a frame, through its mapping and index, to each
 * VMA that may map it ({@link Rmap}), and there to the page-table entry, which counts only if it maps that frame.
 * Reclaim asks through them whether a page was referenced and unmaps it.
 */
final class RmapWalk implements ReverseMap {
    private final Rmap rmap;
    private final PageFrames frames;
    private final FaultHandler faults;
    private final PageCache pageCache;
    private final Mmu mmu;
    private final IntSupplier cpu;
    private final Walk walk = new Walk();

    /** @param cpu the CPU the walk runs on ({@code smp_processor_id()}) */
    RmapWalk(Rmap rmap, PageFrames frames, FaultHandler faults, PageCache pageCache, Mmu mmu, IntSupplier cpu) {
        this.rmap = rmap;
        this.frames = frames;
        this.faults = faults;
        this.pageCache = pageCache;
        this.mmu = mmu;
        this.cpu = cpu;
    }

    /** Whether {@code entry} maps the page {@code pfn} and not the zero page or another special one. */
    private static boolean maps(long entry, long pfn) {
        return (entry & Pte.PRESENT) != 0 && (entry & Pte.SPECIAL) == 0 && PageTables.pfnOf(entry) == pfn;
    }

    @Override
    public boolean tryToUnmap(long pfn, long swapEntry) {
        rmap.forEach(frames.mapping(pfn), frames.index(pfn), (vma, vaddr) -> {
            Mm mm = vma.mm;
            long entry = mm.tables.walk(vaddr, walk);
            if (!maps(entry, pfn)) {
                return;
            }
            int on = cpu.getAsInt();
            if ((entry & Pte.PSE) != 0) {
                // try_to_unmap() splits a PMD-mapped folio: the huge page becomes 512 small ones first.
                faults.huge().split(mm, vaddr, vaddr + 4096, true, on);
                entry = mm.tables.walk(vaddr, walk);
            }
            if (swapEntry != 0) {
                faults.swapCache().duplicate(swapEntry);
                mm.tables.set(walk, SwapPtes.of(swapEntry));
                mm.swapEntries++;
            } else {
                mm.tables.set(walk, 0);
                if ((entry & Pte.DIRTY) != 0) {
                    pageCache.setPageDirty(pfn);
                }
            }
            mmu.invalidate(mm.cpuMask, on, mm.ctxId, vaddr);
            faults.unmapPage(mm, vma, pfn);
        });
        return frames.mapcount(pfn) == 0;
    }

    /**
     * {@code try_to_migrate()} then {@code remove_migration_ptes()}, with nothing in between: every entry that maps
     * {@code from} maps {@code to} instead, with the same bits, each mapping's reference and map count moving along
     * ({@code to} holds its allocation's reference for the first), and the TLBs of the CPUs that run it flushed.
     */
    void migrate(long from, long to) {
        boolean[] first = {true};
        rmap.forEach(frames.mapping(from), frames.index(from), (vma, vaddr) -> {
            Mm mm = vma.mm;
            long entry = mm.tables.walk(vaddr, walk);
            if (!maps(entry, from)) {
                return;
            }
            mm.tables.set(walk, (to << 12) | (entry & ~Pte.PFN_MASK));
            mmu.invalidate(mm.cpuMask, cpu.getAsInt(), mm.ctxId, vaddr);
            if (!first[0]) {
                frames.getPage(to);
            }
            first[0] = false;
            frames.incMapcount(to);
            frames.decMapcount(from);
            frames.putPage(from);
        });
    }

    @Override
    public void forEachMapping(long pfn, MappingVisitor visitor) {
        rmap.forEach(frames.mapping(pfn), frames.index(pfn), (vma, vaddr) -> {
            long entry = vma.mm.tables.walk(vaddr, walk);
            if (maps(entry, pfn)) {
                visitor.visit(vma.mm.owner, vaddr, entry);
            }
        });
    }

    @Override
    public int referenced(long pfn) {
        int[] young = {0};
        rmap.forEach(frames.mapping(pfn), frames.index(pfn), (vma, vaddr) -> {
            long entry = vma.mm.tables.walk(vaddr, walk);
            if (maps(entry, pfn) && (entry & Pte.ACCESSED) != 0) {
                // ptep_clear_flush_young() on x86 clears the bit and leaves the TLBs alone.
                vma.mm.tables.set(walk, entry & ~Pte.ACCESSED);
                young[0]++;
            }
        });
        return young[0];
    }
}
