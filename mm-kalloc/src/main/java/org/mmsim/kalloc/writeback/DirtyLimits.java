package org.mmsim.kalloc.writeback;

import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * The global dirty limits of mm/page-writeback.c: how much memory can be dirty ({@code global_dirtyable_memory()})
 * and the two thresholds {@code domain_dirty_limits()} takes from vm.dirty_ratio and vm.dirty_background_ratio.
 *
 * <p>Dirtyable memory is the free pages above {@code totalreserve_pages} (each zone's largest lowmem reserve plus
 * its high watermark, capped at its managed pages: {@code calculate_totalreserve_pages()} in mm/page_alloc.c), plus
 * the pages on the file LRU lists, plus one; on a 32-bit machine the free HighMem above its high watermark is taken
 * out ({@code highmem_dirtyable_memory()}, vm.highmem_is_dirtyable = 0). The file LRU is not kept yet (the reclaim
 * layer will keep it): until then it is every page-cache page that is neither shmem nor swap cache, which is what
 * the file LRU holds. HighMem's file pages are not taken out: the cache does not count pages per zone.
 */
public final class DirtyLimits {
    /** {@code PAGE_SIZE}: the ratios are kept in 1/4096ths for precision, as domain_dirty_limits() does. */
    private static final long PAGE_SIZE = 4096;
    private final PhysicalMemory memory;
    private final VmStat vmstat;
    private int dirtyRatio = 20;
    private int backgroundRatio = 10;

    public DirtyLimits(PhysicalMemory memory, VmStat vmstat) {
        this.memory = memory;
        this.vmstat = vmstat;
    }

    int dirtyRatio() {
        return dirtyRatio;
    }

    int backgroundRatio() {
        return backgroundRatio;
    }

    void setDirtyRatio(int percent) {
        dirtyRatio = percent(percent, "vm.dirty_ratio");
    }

    void setBackgroundRatio(int percent) {
        backgroundRatio = percent(percent, "vm.dirty_background_ratio");
    }

    private static int percent(int value, String name) {
        // proc_dointvec_minmax with SYSCTL_ZERO and SYSCTL_ONE_HUNDRED (kernel/sysctl tables in page-writeback.c).
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(name + " " + value + "; expected 0 to 100");
        }
        return value;
    }

    /** {@code calculate_totalreserve_pages()}: what the page allocator keeps back, all zones. */
    long totalreservePages() {
        long total = 0;
        for (ZoneInfo zone : memory.zones()) {
            long max = 0;
            // lowmem_reserve[j] is 0 for j up to the zone's own index, so the maximum over all j is the kernel's.
            for (long reserve : zone.protection()) {
                max = Math.max(max, reserve);
            }
            max += zone.watermark(2);
            total += Math.min(max, zone.managed());
        }
        return total;
    }

    /** {@code global_dirtyable_memory()}. */
    long dirtyableMemory() {
        long x = vmstat.get(VmItem.NR_FREE_PAGES);
        x -= Math.min(x, totalreservePages());
        x += Math.max(0, vmstat.get(VmItem.NR_FILE_PAGES) - vmstat.get(VmItem.NR_SHMEM) - vmstat.get(VmItem.NR_SWAPCACHED));
        x -= highmemDirtyable(x);
        return x + 1;
    }

    private long highmemDirtyable(long total) {
        long x = 0;
        for (ZoneInfo zone : memory.zones()) {
            if (zone.type() == ZoneType.HIGHMEM && zone.populated()) {
                long free = zone.freePages();
                x += free - Math.min(free, zone.watermark(2));
            }
        }
        return Math.min(x, total);
    }

    /** {@code domain_dirty_limits()} of the global domain for a task that is not real-time: {background, dirty}. */
    long[] limits() {
        long available = dirtyableMemory();
        long ratio = dirtyRatio * PAGE_SIZE / 100;
        long bgRatio = backgroundRatio * PAGE_SIZE / 100;
        long thresh = ratio * available / PAGE_SIZE;
        long bgThresh = bgRatio * available / PAGE_SIZE;
        if (bgThresh >= thresh) {
            bgThresh = thresh / 2;
        }
        // The throttling code keeps limits in 32 bits: 16 TiB of dirty pages at most.
        thresh = Math.min(thresh, 0xFFFF_FFFFL);
        if (bgThresh >= thresh) {
            bgThresh = thresh / 2;
        }
        return new long[] {bgThresh, thresh};
    }
}
