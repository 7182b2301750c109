package org.mmsim.api.kernel;

/**
 * The kernel's own page tables ({@code init_mm}), as vmalloc and vmap fill them: pages mapped at kernel virtual
 * addresses, global (kept in the TLBs across context switches) and not accessible to user space. Unmapping a page
 * flushes it from every CPU's TLBs ({@code flush_tlb_kernel_range()}).
 */
public interface KernelMappings {
    /**
     * Maps the frame {@code pfn} at the kernel address {@code vaddr} ({@code vmap_pte_range()}), allocating the page
     * tables it needs.
     *
     * @return false if a page table could not be allocated; nothing is mapped then
     * @throws IllegalStateException if {@code vaddr} is mapped already
     */
    boolean map(long vaddr, long pfn, boolean writable);

    /** Unmaps the page at {@code vaddr} and flushes it from every CPU ({@code vunmap_range()}). */
    void unmap(long vaddr);

    /** The frame mapped at {@code vaddr}, or -1 if none is. */
    long pfnAt(long vaddr);
}
