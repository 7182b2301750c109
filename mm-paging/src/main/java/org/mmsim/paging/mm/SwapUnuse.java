package org.mmsim.paging.mm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.mmsim.api.kernel.SwapEntry;
import org.mmsim.paging.pagetable.Walk;

/**
 * Swapoff's return of pages to memory (mm/swapfile.c, {@code try_to_unuse()}): every process's page tables are
 * searched for entries of the swap area going away ({@code unuse_mm()}, {@code unuse_vma()}), and each such page is
 * swapped in and mapped in place of its entry as a read fault would map it, but counted as none
 * ({@code unuse_pte()}).
 */
final class SwapUnuse {
    private final FaultHandler faults;
    private final Walk walk = new Walk();

    SwapUnuse(FaultHandler faults) {
        this.faults = faults;
    }

    /**
     * {@code try_to_unuse()} of swap area {@code type} over {@code tasks}.
     *
     * @return false if memory ran out before every page was back (those back stay back)
     */
    boolean tryToUnuse(Collection<Task> tasks, int type) {
        for (Task task : new ArrayList<>(tasks)) {
            for (Vma vma : task.mm.vmaList()) {
                if (vma.anonVma != 0 && !unuseVma(task.mm, vma, type)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code unuse_vma()}: the entries of one VMA that hold an entry of area {@code type}. */
    private boolean unuseVma(Mm mm, Vma vma, int type) {
        List<Long> held = new ArrayList<>();
        mm.tables.forEach(vma.start, vma.end, (vaddr, table, index, entry) -> {
            if (SwapPtes.isSwap(entry) && SwapEntry.type(SwapPtes.entry(entry)) == type) {
                held.add(vaddr);
            }
        });
        for (long vaddr : held) {
            if (FaultResult.isError(unusePte(mm, vma, vaddr))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code unuse_pte()}: brings back the page of the entry at {@code vaddr}, if it still holds one (the allocations
     * of the swap-ins before it may have changed the tables).
     */
    private int unusePte(Mm mm, Vma vma, long vaddr) {
        long entry = mm.tables.walk(vaddr, walk);
        if (!SwapPtes.isSwap(entry)) {
            return FaultResult.MINOR;
        }
        return faults.swapIn().fault(mm, vma, vaddr, entry, false, walk, faults);
    }
}
