package org.mmsim.kalloc.slub;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import org.mmsim.api.physical.BadPageException;
import org.mmsim.api.physical.PageAllocator;

/**
 * A page allocator for the slab tests: first fit of aligned blocks over a few thousand frames, every block
 * remembered with its order and GFP mask so a test can see what the slab allocator asked for and gave back.
 */
final class FakePages implements PageAllocator {
    final int frames;
    final BitSet taken = new BitSet();
    final Map<Long, Integer> orders = new HashMap<>();
    final Map<Long, Integer> gfps = new HashMap<>();
    /** Blocks that may still be allocated; -1 for no limit. */
    int budget = -1;

    FakePages(int frames) {
        this.frames = frames;
    }

    @Override
    public long allocPages(int gfp, int order) {
        if (budget == 0) {
            return NO_PAGE;
        }
        int size = 1 << order;
        for (int pfn = 0; pfn + size <= frames; pfn += size) {
            if (taken.nextSetBit(pfn) >= pfn + size || taken.nextSetBit(pfn) < 0) {
                taken.set(pfn, pfn + size);
                orders.put((long) pfn, order);
                gfps.put((long) pfn, gfp);
                if (budget > 0) {
                    budget--;
                }
                return pfn;
            }
        }
        return NO_PAGE;
    }

    @Override
    public void freePages(long pfn, int order) {
        Integer had = orders.get(pfn);
        if (had == null || had != order) {
            throw new BadPageException(pfn, order, null, "not allocated at that order");
        }
        orders.remove(pfn);
        gfps.remove(pfn);
        taken.clear((int) pfn, (int) pfn + (1 << order));
    }

    /** Frames allocated now. */
    long used() {
        return taken.cardinality();
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
