package org.mmsim.paging.mm;

import com.google.inject.Inject;
import org.mmsim.api.kernel.KernelMappings;
import org.mmsim.api.paging.Pte;
import org.mmsim.paging.mmu.Mmu;
import org.mmsim.paging.pagetable.AddressSpaceTables;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.pagetable.Walk;

/**
 * {@code init_mm}'s page tables as far as the simulation fills them: the vmalloc range. Entries are global and
 * supervisor-only, never executable. The top-level table is allocated with the first mapping (the kernel's
 * direct map and image, set up before any of this, are not modelled); tables are never freed, as the kernel keeps
 * the vmalloc range's page tables once made.
 */
public final class KernelTables implements KernelMappings {
    private final PageTables store;
    private final Mmu mmu;
    private final Walk walk = new Walk();
    private AddressSpaceTables tables;

    @Inject
    public KernelTables(PageTables store, Mmu mmu) {
        this.store = store;
        this.mmu = mmu;
    }

    @Override
    public boolean map(long vaddr, long pfn, boolean writable) {
        if (tables == null) {
            try {
                tables = new AddressSpaceTables(store);
            } catch (IllegalStateException e) {
                return false;
            }
        }
        if (!tables.prepare(vaddr, walk)) {
            return false;
        }
        if (tables.get(walk) != 0) {
            throw new IllegalStateException(String.format("kernel address %#x is mapped already", vaddr));
        }
        tables.set(walk, (pfn << 12) | Pte.PRESENT | (writable ? Pte.RW : 0) | Pte.ACCESSED | Pte.DIRTY | Pte.GLOBAL
                | Pte.NX);
        return true;
    }

    @Override
    public void unmap(long vaddr) {
        if (tables == null || (tables.walk(vaddr, walk) & Pte.PRESENT) == 0) {
            throw new IllegalStateException(String.format("kernel address %#x is not mapped", vaddr));
        }
        tables.set(walk, 0);
        mmu.invalidate(-1L >>> (64 - mmu.cpus()), 0, 0, vaddr);
    }

    @Override
    public long pfnAt(long vaddr) {
        if (tables == null) {
            return -1;
        }
        long entry = tables.walk(vaddr, walk);
        return (entry & Pte.PRESENT) == 0 ? -1 : PageTables.pfnOf(entry);
    }
}
