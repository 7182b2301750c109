package org.mmsim.api.kalloc;

/**
 * One area of the vmalloc space ({@code struct vm_struct}) as /proc/vmallocinfo shows it.
 *
 * @param start the first address
 * @param size the bytes reserved, the guard page after the area included (as vmallocinfo counts them)
 * @param caller the function that asked for it, as {@code %pS} prints it
 * @param pages the frames mapped in it
 * @param kind {@code vmalloc} for pages vmalloc allocated, {@code vmap} for pages a caller gave
 * @param pagesPerNode how many of the pages lie on each NUMA node
 */
public record VmapArea(long start, long size, String caller, int pages, String kind, int[] pagesPerNode) {
    /** One past the last byte, guard page included. */
    public long end() {
        return start + size;
    }
}
