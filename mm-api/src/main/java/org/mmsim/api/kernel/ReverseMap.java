package org.mmsim.api.kernel;

/**
 * Reverse mapping (mm/rmap.c): from a frame to the page-table entries that map it, through the page's mapping and
 * index (an anon_vma or a file). Reclaim asks whether a page was referenced and unmaps it through here.
 */
public interface ReverseMap {
    /** What {@link #forEachMapping} calls for each entry that maps the frame. */
    @FunctionalInterface
    interface MappingVisitor {
        /**
         * @param pid the process
         * @param vaddr the page's address in it (of the huge page, for one mapped through a PMD)
         * @param entry the page-table entry
         */
        void visit(int pid, long vaddr, long entry);
    }

    /** Visits every page-table entry that maps {@code pfn} ({@code rmap_walk()}). */
    void forEachMapping(long pfn, MappingVisitor visitor);

    /**
     * {@code folio_referenced()}: how many of the entries that map {@code pfn} had their Accessed bit set, clearing
     * it in each. As on x86, the TLBs are not flushed: a translation they still hold keeps the page looking unused
     * until it is evicted from them.
     */
    int referenced(long pfn);

    /**
     * {@code try_to_unmap()}: removes {@code pfn} from every entry that maps it, flushing the TLBs of the CPUs that
     * run each address space. An anonymous page's entries become {@code swapEntry} (each one a reference to it); a
     * file page's become empty, and a dirty bit found in one marks the page dirty in the page cache. A huge page is
     * split first.
     *
     * @param swapEntry the page's swap entry for an anonymous page, 0 for a file page
     * @return whether the page is mapped nowhere now
     */
    boolean tryToUnmap(long pfn, long swapEntry);
}
