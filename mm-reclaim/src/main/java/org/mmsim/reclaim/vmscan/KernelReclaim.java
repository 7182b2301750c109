package org.mmsim.reclaim.vmscan;

import java.util.List;
import java.util.function.Supplier;
import org.mmsim.api.physical.ReclaimHook;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.reclaim.Lru;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * What the page allocator calls when memory runs short, as the kernel's reclaim answers it: kswapd's wake-up, direct
 * reclaim ({@code try_to_free_pages()}: SWAP_CLUSTER_MAX pages, or the allocation's size if larger, from each node in
 * turn until enough, counting allocstall by the highest zone the allocation may use), the OOM killer when reclaim
 * made no progress, and a freed page leaving its LRU list. Its collaborators are looked up when first used: they
 * need the page allocator, which needs this first.
 */
public final class KernelReclaim implements ReclaimHook {
    private final Supplier<Vmscan> vmscan;
    private final Supplier<Kswapd> kswapd;
    private final Supplier<Lru> lru;
    private final Supplier<OutOfMemory> oom;
    private final VmStat vmstat;
    private final Supplier<List<ZoneType>> zoneTypes;
    private final int nodes;

    /** What runs when reclaim cannot help an allocation that may not fail ({@code out_of_memory()}). */
    @FunctionalInterface
    public interface OutOfMemory {
        /** @return whether memory was freed (a task was killed) */
        boolean outOfMemory(int gfp, int order);
    }

    public KernelReclaim(Supplier<Vmscan> vmscan, Supplier<Kswapd> kswapd, Supplier<Lru> lru, Supplier<OutOfMemory> oom,
                         VmStat vmstat, Supplier<List<ZoneType>> zoneTypes, int nodes) {
        this.vmscan = vmscan;
        this.kswapd = kswapd;
        this.lru = lru;
        this.oom = oom;
        this.vmstat = vmstat;
        this.zoneTypes = zoneTypes;
        this.nodes = nodes;
    }

    @Override
    public void wakeKswapd(int node, int order, int highestZoneIndex, int gfp) {
        kswapd.get().wake(node, highestZoneIndex);
    }

    @Override
    public long directReclaim(int gfp, int order, int highestZoneIndex) {
        switch (zoneTypes.get().get(highestZoneIndex)) {
            case DMA:
                vmstat.inc(VmItem.ALLOCSTALL_DMA);
                break;
            case DMA32:
                vmstat.inc(VmItem.ALLOCSTALL_DMA32);
                break;
            case MOVABLE:
                vmstat.inc(VmItem.ALLOCSTALL_MOVABLE);
                break;
            default:
                vmstat.inc(VmItem.ALLOCSTALL_NORMAL);
        }
        long target = Math.max(Vmscan.SWAP_CLUSTER_MAX, 1L << order);
        long reclaimed = 0;
        for (int node = 0; node < nodes && reclaimed < target; node++) {
            reclaimed += vmscan.get().shrinkNode(node, target - reclaimed, false);
        }
        return reclaimed;
    }

    @Override
    public boolean outOfMemory(int gfp, int order) {
        return oom.get().outOfMemory(gfp, order);
    }

    @Override
    public void releaseLru(long pfn) {
        lru.get().release(pfn);
    }
}
