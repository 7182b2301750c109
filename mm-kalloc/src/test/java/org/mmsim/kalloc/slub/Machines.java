package org.mmsim.kalloc.slub;

import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;

/** Slab allocators on fake page allocators, for the tests. */
final class Machines {
    static final long PAGE_OFFSET = 0xffff888000000000L;

    final FakePages pages;
    final VmStat vmstat = new VmStat();
    final SlubAllocator slab;

    Machines(int frames, int cpus, String slubDebug) {
        pages = new FakePages(frames);
        SimClock clock = () -> 0;
        slab = new SlubAllocator(pages, vmstat, clock, new SlubConfig(cpus, 1, 8, PAGE_OFFSET, frames, pfn -> 0,
                slubDebug));
    }

    static Machines small() {
        return new Machines(1 << 14, 2, "");
    }
}
