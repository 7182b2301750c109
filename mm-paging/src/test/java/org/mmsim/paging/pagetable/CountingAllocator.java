package org.mmsim.paging.pagetable;

import java.util.HashSet;
import java.util.Set;
import org.mmsim.api.physical.BadPageException;
import org.mmsim.api.physical.PageAllocator;

/** A page allocator for page-table tests: hands out numbered frames and knows which are out, up to a limit. */
final class CountingAllocator implements PageAllocator {
    private final Set<Long> out = new HashSet<>();
    private final long limit;
    private long next = 0x100;

    CountingAllocator(long limit) {
        this.limit = limit;
    }

    @Override
    public long allocPages(int gfp, int order) {
        if (out.size() >= limit) {
            return NO_PAGE;
        }
        long pfn = next++;
        out.add(pfn);
        return pfn;
    }

    @Override
    public void freePages(long pfn, int order) {
        if (!out.remove(pfn)) {
            throw new BadPageException(pfn, order, "test", "not allocated");
        }
    }

    @Override
    public void splitPage(long pfn, int order) {
        throw new UnsupportedOperationException("page tables never split a block");
    }

    @Override
    public void drainAllPages() {
    }

    @Override
    public void setCurrentCpu(int cpu) {
    }

    int allocated() {
        return out.size();
    }
}
