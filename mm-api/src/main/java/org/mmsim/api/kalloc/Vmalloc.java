package org.mmsim.api.kalloc;

import java.util.List;

/**
 * vmalloc (mm/vmalloc.c): virtually contiguous memory in the kernel's vmalloc range, backed by order-0 frames from
 * anywhere and mapped through the kernel's page tables, each area followed by an unmapped guard page.
 */
public interface Vmalloc {
    /** What {@link #vmalloc} returns when it fails (Linux returns NULL). */
    long FAILED = 0;

    /**
     * {@code vmalloc(size)}: allocates and maps {@code ceil(size / 4096)} pages.
     *
     * @param caller the function asking, as /proc/vmallocinfo names it
     * @return the address, or {@link #FAILED} when there is no room or no memory (nothing is left allocated then, and
     *     the kernel log has {@code warn_alloc()}'s line saying why); a size over the machine's pages fails at once,
     *     before any reclaim or OOM kill, as {@code __vmalloc_node_range()} does
     * @throws IllegalArgumentException for a size of 0 or less, or a null caller
     */
    long vmalloc(long size, String caller);

    /** {@code vzalloc()}: {@link #vmalloc} of zeroed pages. */
    long vzalloc(long size, String caller);

    /**
     * {@code vmap()}: maps frames the caller owns into one area; {@link #vunmap} gives the area back, not the frames.
     *
     * @return the address, or {@link #FAILED}
     * @throws IllegalArgumentException for no frames, a frame the machine does not have ({@code pfn_valid()}), or a
     *     null caller; nothing changes then
     */
    long vmap(long[] pfns, String caller);

    /**
     * {@code vfree()}: unmaps an area {@link #vmalloc} made and frees its pages.
     *
     * @throws IllegalArgumentException if {@code addr} does not start a vmalloc area; nothing changes then
     */
    void vfree(long addr);

    /**
     * {@code vunmap()}: unmaps an area {@link #vmap} made.
     *
     * @throws IllegalArgumentException if {@code addr} does not start a vmap area; nothing changes then
     */
    void vunmap(long addr);

    /** Every area, by address. */
    List<VmapArea> areas();

    /** {@code VMALLOC_START}. */
    long start();

    /** {@code VMALLOC_END}: one past the range. */
    long end();

    /** Pages vmalloc allocated and has not freed ({@code vmalloc_nr_pages()}, VmallocUsed). */
    long usedPages();
}
