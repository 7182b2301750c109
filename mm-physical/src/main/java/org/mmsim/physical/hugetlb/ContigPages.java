package org.mmsim.physical.hugetlb;

import java.util.List;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.physical.buddy.FrameTable;
import org.mmsim.physical.buddy.Zone;

/**
 * {@code alloc_contig_pages()} (mm/page_alloc.c) for gigantic huge pages, larger than the buddy allocator's largest
 * block: the zones are searched, highest first, for a range aligned to its size that lies in one zone and whose
 * pages are all free ({@code pfn_range_valid_contig()}, then {@code alloc_contig_range()}). The range is taken off
 * the free lists as blocks of MAX_PAGE_ORDER, each allocated, so that freeing it ({@code free_contig_range()}) is
 * freeing those blocks. Linux would migrate movable pages in use out of a range; the model takes only ranges already
 * free, so a machine whose free memory is scattered gets no gigantic page where Linux might.
 */
public final class ContigPages {
    private final List<Zone> zones;
    private final FrameTable frames;
    private final PageAllocator allocator;

    public ContigPages(List<Zone> zones, FrameTable frames, PageAllocator allocator) {
        this.zones = zones;
        this.frames = frames;
        this.allocator = allocator;
    }

    /**
     * A free range of {@code 2^order} pages on {@code node} (any node if -1).
     *
     * @return its first pfn, or {@link PageAllocator#NO_PAGE}
     */
    long alloc(int order, int node) {
        // alloc_contig_range() drains the per-CPU lists so that their pages are seen free.
        allocator.drainAllPages();
        int pages = 1 << order;
        for (int i = zones.size() - 1; i >= 0; i--) {
            Zone zone = zones.get(i);
            if (node >= 0 && zone.node() != node) {
                continue;
            }
            for (long start = ((long) zone.start() + pages - 1) & -pages; start + pages <= zone.end(); start += pages) {
                if (free((int) start, pages)) {
                    take(zone, (int) start, pages);
                    return start;
                }
            }
        }
        return PageAllocator.NO_PAGE;
    }

    private boolean free(int start, int pages) {
        for (int pfn = start; pfn < start + pages; ) {
            if (!frames.isBuddy(pfn)) {
                return false;
            }
            pfn += 1 << frames.buddyOrder(pfn);
        }
        return true;
    }

    private void take(Zone zone, int start, int pages) {
        for (int pfn = start; pfn < start + pages; ) {
            pfn += 1 << zone.isolateFreeBlock(pfn);
        }
        for (int pfn = start; pfn < start + pages; pfn += 1 << PageOrder.MAX_PAGE_ORDER) {
            frames.markAllocated(pfn, PageOrder.MAX_PAGE_ORDER);
            for (int p = pfn + 1; p < pfn + (1 << PageOrder.MAX_PAGE_ORDER); p++) {
                frames.setRefcount(p, 0);
                frames.setMapcount(p, 0);
            }
        }
    }

    /** {@code free_contig_range()}: the range's blocks go back to the buddy allocator. */
    void free(long start, int order) {
        for (long pfn = start; pfn < start + (1L << order); pfn += 1L << PageOrder.MAX_PAGE_ORDER) {
            allocator.freePages(pfn, PageOrder.MAX_PAGE_ORDER);
        }
    }
}
