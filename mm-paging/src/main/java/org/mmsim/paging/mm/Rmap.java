package org.mmsim.paging.mm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.api.paging.Pte;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.paging.pagetable.PageTables;
import org.mmsim.paging.pagetable.Walk;

/**
 * Reverse mapping (mm/rmap.c): which VMAs may map a page. A page names its mapping and index ({@link PageFrames#mapping},
 * {@link PageFrames#index}); the VMAs of an anon_vma (all the VMAs fork made of one, which share its identity here)
 * or of a file's {@code i_mmap} are kept by that mapping, and each gives the address the page would have in it:
 * {@code vma.start + (index - vma.pgoff) * 4096}, if that falls inside the VMA ({@code vma_address()}).
 */
final class Rmap {
    private final Map<Long, List<Vma>> byMapping = new HashMap<>();

    /** What {@link #forEach} calls for each VMA that may map the page, with the page's address in it. */
    @FunctionalInterface
    interface Visitor {
        void visit(Vma vma, long vaddr);
    }

    /** The mapping a VMA's anonymous pages name. */
    static long anonMapping(Vma vma) {
        return PageFrames.ANON_MAPPING | vma.anonVma;
    }

    /** A VMA joined its address space: it maps its file's pages, and its anon_vma's if it has one. */
    void add(Vma vma) {
        if (vma.file != null) {
            byMapping.computeIfAbsent(vma.file.inode(), k -> new ArrayList<>()).add(vma);
        }
        if (vma.anonVma != 0) {
            addAnon(vma);
        }
    }

    /** A VMA in an address space got its anon_vma ({@code anon_vma_prepare()}). */
    void addAnon(Vma vma) {
        byMapping.computeIfAbsent(anonMapping(vma), k -> new ArrayList<>()).add(vma);
    }

    /** A VMA left its address space. */
    void remove(Vma vma) {
        if (vma.file != null) {
            removeFrom(vma.file.inode(), vma);
        }
        if (vma.anonVma != 0) {
            removeFrom(anonMapping(vma), vma);
        }
    }

    private void removeFrom(long mapping, Vma vma) {
        List<Vma> list = byMapping.get(mapping);
        if (list != null) {
            list.removeIf(v -> v == vma);
            if (list.isEmpty()) {
                byMapping.remove(mapping);
            }
        }
    }

    /**
     * Whether a VM_LOCKED VMA other than {@code except} maps page {@code pfn}, found at {@code index} of
     * {@code mapping}: then the page stays mlocked when {@code except} lets it go (its {@code mlock_count}).
     */
    boolean lockedElsewhere(long pfn, long mapping, long index, Vma except, Walk walk) {
        List<Vma> list = byMapping.get(mapping);
        if (list == null) {
            return false;
        }
        for (Vma vma : list) {
            long vaddr = vma.start + ((index - vma.pgoff) << 12);
            if (vma != except && (vma.flags & VmFlags.VM_LOCKED) != 0 && vaddr >= vma.start && vaddr < vma.end) {
                long entry = vma.mm.tables.walk(vaddr, walk);
                if ((entry & Pte.PRESENT) != 0 && PageTables.pfnOf(entry) == pfn) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Calls {@code visitor} for each VMA whose range holds the page {@code index} of {@code mapping}. */
    void forEach(long mapping, long index, Visitor visitor) {
        List<Vma> list = byMapping.get(mapping);
        if (list == null) {
            return;
        }
        for (Vma vma : list.toArray(new Vma[0])) {
            long vaddr = vma.start + ((index - vma.pgoff) << 12);
            if (vaddr >= vma.start && vaddr < vma.end) {
                visitor.visit(vma, vaddr);
            }
        }
    }
}
