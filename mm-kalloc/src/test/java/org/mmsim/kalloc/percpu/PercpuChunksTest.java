package org.mmsim.kalloc.percpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;

/** The dynamic per-CPU chunks against mm/percpu.c's counts, on a page allocator that can run out. */
class PercpuChunksTest {
    /** Order-0 pages, at most {@code budget} at once; remembers which are out and with which GFP mask. */
    private static final class Pages implements PageAllocator {
        final Set<Long> out = new HashSet<>();
        int budget;
        long next;

        Pages(int budget) {
            this.budget = budget;
        }

        @Override
        public long allocPages(int gfp, int order) {
            assertEquals(0, order, "pcpu_alloc_pages() takes one page at a time");
            assertEquals(Gfp.GFP_KERNEL, gfp);
            if (out.size() == budget) {
                return NO_PAGE;
            }
            out.add(next);
            return next++;
        }

        @Override
        public void freePages(long pfn, int order) {
            assertTrue(out.remove(pfn), "page " + pfn + " was not out");
        }

        @Override
        public void splitPage(long pfn, int order) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void drainAllPages() {
        }

        @Override
        public void setCurrentCpu(int cpu) {
        }
    }

    @Test
    void percpuIsThePopulatedPagesTimesTheUnitsAndEachCpuTakesItsOwn() {
        Pages pages = new Pages(10_000);
        // 3 CPUs in 4 units (the fourth unused), 57 pages each in the first chunk.
        PercpuChunks percpu = new PercpuChunks(pages, 3, 4, 4 * 57);
        assertEquals(4 * 57, percpu.nrPages());
        assertEquals(0, percpu.dynamicChunks());
        assertTrue(percpu.populate(62));
        assertEquals(4 * (57 + 62), percpu.nrPages(), "pcpu_nr_populated * pcpu_nr_units");
        assertEquals(3 * 62, pages.out.size(), "only the possible CPUs' units get pages");
        assertEquals(1, percpu.dynamicChunks());
        assertTrue(percpu.populate(256 - 62 + 1));
        assertEquals(2, percpu.dynamicChunks(), "a full chunk of 1 MiB units makes a second");
        assertEquals(4 * (57 + 257), percpu.nrPages());
    }

    @Test
    void withoutTheMemoryNothingChanges() {
        Pages pages = new Pages(2 * 10 + 7);
        PercpuChunks percpu = new PercpuChunks(pages, 2, 2, 2 * 57);
        assertTrue(percpu.populate(10));
        assertFalse(percpu.populate(5), "7 pages left, 10 needed");
        assertEquals(20, pages.out.size(), "the 7 taken were given back");
        assertEquals(2 * (57 + 10), percpu.nrPages());
        assertThrows(IllegalArgumentException.class, () -> percpu.populate(-1));
        assertTrue(percpu.populate(3));
        assertEquals(2 * (57 + 13), percpu.nrPages());
    }
}
