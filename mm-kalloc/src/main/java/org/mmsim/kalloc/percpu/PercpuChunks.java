package org.mmsim.kalloc.percpu;

import java.util.Arrays;
import org.mmsim.api.kalloc.Percpu;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;

/**
 * The per-CPU chunks of the vmalloc-backed allocator (mm/percpu-vm.c). A dynamic chunk has the first chunk's unit
 * size, 1 MiB a unit on a 6.18 x86-64 kernel (the boot log's {@code u1048576}), one unit for each of the first
 * chunk's units; its pages are populated on demand, page by page in every possible CPU's unit
 * ({@code pcpu_alloc_pages()}: {@code alloc_pages_node()} of one page, GFP_KERNEL), while
 * {@code pcpu_nr_populated} counts a page once for all units and {@code pcpu_nr_pages()} multiplies it by
 * {@code pcpu_nr_units}, unused units included, as for the first chunk. Pages come from the current CPU's node (the
 * kernel takes each unit's from its CPU's node). The chunk's vmalloc address space ({@code pcpu_get_vm_areas()})
 * holds no pages of its own and is not modelled.
 */
public final class PercpuChunks implements Percpu {
    /** {@code pcpu_unit_pages}: a 1 MiB unit. */
    static final int UNIT_PAGES = 256;

    private final PageAllocator allocator;
    private final int cpus;
    private final int units;
    private final long firstChunkPages;
    // Each CPU's pages, unit by unit, in the order populated: page p of chunk c is at [c * UNIT_PAGES + p].
    private long[][] pages;
    private long populated;

    /**
     * The dynamic chunks of a machine of {@code cpus} CPUs whose first chunk has {@code units} units and
     * {@code firstChunkPages} pages in all ({@link org.mmsim.api.physical.PhysicalMemory#percpuPages()}).
     */
    public PercpuChunks(PageAllocator allocator, int cpus, int units, long firstChunkPages) {
        this.allocator = allocator;
        this.cpus = cpus;
        this.units = units;
        this.firstChunkPages = firstChunkPages;
        this.pages = new long[cpus][0];
    }

    @Override
    public long nrPages() {
        return firstChunkPages + populated * units;
    }

    @Override
    public int dynamicChunks() {
        return (int) ((populated + UNIT_PAGES - 1) / UNIT_PAGES);
    }

    @Override
    public boolean populate(long more) {
        if (more < 0) {
            throw new IllegalArgumentException("per-CPU pages " + more + "; expected 0 or more");
        }
        long total = populated + more;
        if (pages[0].length < total) {
            // pcpu_create_chunk(): whole chunks of address space, their pages still to come.
            long chunks = (total + UNIT_PAGES - 1) / UNIT_PAGES;
            for (int cpu = 0; cpu < cpus; cpu++) {
                pages[cpu] = Arrays.copyOf(pages[cpu], (int) (chunks * UNIT_PAGES));
            }
        }
        for (long p = populated; p < total; p++) {
            for (int cpu = 0; cpu < cpus; cpu++) {
                long pfn = allocator.allocPages(Gfp.GFP_KERNEL, 0);
                if (pfn == PageAllocator.NO_PAGE) {
                    // pcpu_alloc_pages() frees what it took of the region before it fails.
                    unpopulate(p, cpu);
                    return false;
                }
                pages[cpu][(int) p] = pfn;
            }
        }
        populated = total;
        return true;
    }

    /** Frees the pages populated beyond {@link #populated}, up to page {@code last} of CPU {@code cpu} (excluded). */
    private void unpopulate(long last, int cpu) {
        for (long p = populated; p <= last; p++) {
            for (int c = 0; c < (p < last ? cpus : cpu); c++) {
                allocator.freePages(pages[c][(int) p], 0);
            }
        }
    }
}
