package org.mmsim.reclaim.vmscan;

import org.mmsim.api.physical.PhysicalMemory;
import com.google.inject.Inject;
import java.util.List;
import org.mmsim.api.Arch;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.MachineEvents;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.kernel.ReclaimHook;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.kernel.Lru;
import org.mmsim.api.reclaim.OomKiller;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * What the page allocator calls when memory runs short, as the kernel's reclaim answers it: kswapd's wake-up, direct
 * reclaim ({@code try_to_free_pages()}: SWAP_CLUSTER_MAX pages, or the allocation's size if larger, from each node in
 * turn until enough, from the zones up to the highest one the allocation may use, counting allocstall by it), the
 * reclaimable pages of a zone the allocator weighs before it retries ({@code zone_reclaimable_pages()}), the OOM
 * killer when reclaim made no progress, and a freed page leaving its LRU list. Its collaborators are looked up when first used: they
 * need the page allocator, which needs this first.
 */
public final class KernelReclaim implements ReclaimHook {
    private final Vmscan vmscan;
    private final Kswapd kswapd;
    private final Lru lru;
    private final OomKiller oom;
    private final boolean hasDma32;
    private final VmStat vmstat;
    private final MachineEvents events;
    private final List<ZoneType> zoneTypes;
    private final int nodes;

    @Inject
    public KernelReclaim(Vmscan vmscan, Kswapd kswapd, Lru lru, OomKiller oom, VmStat vmstat, MachineEvents events,
                         PhysicalMemory memory, MachineConfig config) {
        this.events = events;
        this.vmscan = vmscan;
        this.kswapd = kswapd;
        this.lru = lru;
        this.oom = oom;
        this.vmstat = vmstat;
        this.zoneTypes = memory.zoneTypes();
        this.nodes = config.nodes();
        // Only x86-64 has ZONE_DMA32; on i386 GFP_DMA32 allocates from ZONE_NORMAL.
        this.hasDma32 = config.arch() == Arch.X86_64;
    }

    @Override
    public void wakeKswapd(int node, int order, int highestZoneIndex, int gfp) {
        events.kswapdWake(node);
        kswapd.wake(node, highestZoneIndex);
    }

    @Override
    public long directReclaim(int gfp, int order, int highestZoneIndex, long nodemask) {
        switch (zoneTypes.get(highestZoneIndex)) {
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
        // try_to_free_pages(): reclaim_idx is gfp_zone(gfp_mask), the highest zone the allocation may use.
        ScanControl sc = ScanControl.tryToFreePages(Math.max(Vmscan.SWAP_CLUSTER_MAX, 1L << order), gfp,
                zoneTypes.get(highestZoneIndex));
        // shrink_zones(): only the nodes of the allocation's nodemask; a memory policy's reclaim stays within it.
        for (int node = 0; node < nodes && sc.nrReclaimed < sc.nrToReclaim; node++) {
            if ((nodemask >>> node & 1) != 0) {
                vmscan.shrinkNode(node, sc);
            }
        }
        events.directReclaim(order, sc.nrReclaimed);
        return sc.nrReclaimed;
    }

    @Override
    public long zoneReclaimablePages(int zone) {
        return vmscan.zoneReclaimablePages(zone);
    }

    /**
     * {@code __alloc_pages_may_oom()}: the checks the allocator leaves to this hook, then {@code out_of_memory()}.
     * A lowmem allocation (below ZONE_NORMAL) never kills: killing frees little of that memory; nor does a
     * __GFP_THISNODE one, as the victim may hold no memory on the node.
     */
    @Override
    public boolean outOfMemory(int gfp, int order, long nodemask) {
        if ((gfp & Gfp.__GFP_DMA) != 0 || hasDma32 && (gfp & Gfp.__GFP_DMA32) != 0 || (gfp & Gfp.__GFP_THISNODE) != 0) {
            return false;
        }
        return oom.outOfMemory(gfp, order, nodemask);
    }

    @Override
    public void releaseLru(long pfn) {
        lru.release(pfn);
    }
}
