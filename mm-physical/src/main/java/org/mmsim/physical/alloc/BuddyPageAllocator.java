package org.mmsim.physical.alloc;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.physical.BadPageException;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.kernel.ReclaimHook;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.buddy.FrameTable;
import org.mmsim.physical.buddy.Pageblocks;
import org.mmsim.physical.buddy.PerCpuPages;
import org.mmsim.physical.buddy.Zone;
import org.mmsim.physical.compaction.Compactor;
import org.mmsim.physical.failinject.FailPageAlloc;
import org.mmsim.physical.watermark.Watermarks;

/**
 * The page allocator's entry points as mm/page_alloc.c runs them. {@code alloc_pages()}: fault injection; the fast
 * path over the zonelist against the low watermark ({@code get_page_from_freelist()}); then the slow path
 * ({@link Slowpath}: kswapd, the min watermark, compaction, direct reclaim, the retry decisions and the OOM killer,
 * each step only where the GFP flags allow it). {@code __free_pages()}: the checks of {@code free_pages_prepare()},
 * then the per-CPU list or the buddy lists.
 */
public final class BuddyPageAllocator implements PageAllocator {
    /** Frame flags that must be clear when a page is freed ({@code PAGE_FLAGS_CHECK_AT_FREE}). */
    private static final int CHECK_AT_FREE = PageFlags.LRU | PageFlags.LOCKED | PageFlags.PRIVATE | PageFlags.PRIVATE_2
            | PageFlags.WRITEBACK | PageFlags.RESERVED | PageFlags.ACTIVE | PageFlags.UNEVICTABLE | PageFlags.MLOCKED;

    private final List<Zone> zones;
    private final List<ZoneType> types;
    private final int nodes;
    private final int cpus;
    private final FrameTable frames;
    private final Pageblocks pageblocks;
    private final VmStat vmstat;
    /** Reclaim, as the reclaim layer registers it once it is up ({@link #registerReclaim}). */
    private ReclaimHook reclaim;
    private final FailPageAlloc failures;
    private final org.mmsim.spi.util.LongPagedArray content;
    /** For each node, the zones an allocation there may fall back to: its own, highest first, then other nodes'. */
    private final int[][] zonelists;
    private final Slowpath slowpath;
    private final NumaStats numa;
    private int cpu;

    public BuddyPageAllocator(List<Zone> zones, List<ZoneType> types, org.mmsim.api.NodeDistances distances, int cpus,
                              FrameTable frames,
                              Pageblocks pageblocks, VmStat vmstat, ReclaimHook reclaim, FailPageAlloc failures,
                              Compactor compactor, org.mmsim.spi.util.LongPagedArray content) {
        this.zones = zones;
        this.types = types;
        this.nodes = distances.nodes();
        this.cpus = cpus;
        this.frames = frames;
        this.pageblocks = pageblocks;
        this.vmstat = vmstat;
        this.reclaim = reclaim;
        this.failures = failures;
        this.content = content;
        boolean[] withCpus = new boolean[nodes];
        for (int c = 0; c < cpus; c++) {
            withCpus[nodeOfCpu(c)] = true;
        }
        this.zonelists = Zonelists.build(zones, types.size(), distances, withCpus);
        this.numa = new NumaStats(vmstat);
        this.slowpath = new Slowpath(this, eligibleZones(), types.size(), new DirectCompaction(compactor, vmstat), vmstat);
    }

    /**
     * For each node and each highest zone type an allocation may ask for ({@code node * types + highest}), the zones of
     * the node's zonelist it may use, in the zonelist's order ({@code for_each_zone_zonelist()} up to
     * {@code highest_zoneidx}).
     */
    private Zone[][] eligibleZones() {
        int perNode = types.size();
        Zone[][] eligible = new Zone[nodes * perNode][];
        for (int node = 0; node < nodes; node++) {
            for (int highest = 0; highest < perNode; highest++) {
                List<Zone> list = new ArrayList<>();
                for (int index : zonelists[node]) {
                    if (index % perNode <= highest) {
                        list.add(zones.get(index));
                    }
                }
                eligible[node * perNode + highest] = list.toArray(new Zone[0]);
            }
        }
        return eligible;
    }

    /** The node the CPU belongs to: CPUs are spread over the nodes in equal runs. */
    int nodeOfCpu(int c) {
        return org.mmsim.api.MachineConfig.nodeOfCpu(c, cpus, nodes);
    }

    @Override
    public void setCurrentCpu(int c) {
        if (c < 0 || c >= cpus) {
            throw new IllegalArgumentException("cpu " + c + "; expected 0 to " + (cpus - 1));
        }
        cpu = c;
    }

    @Override
    public long allocPages(int gfp, int order) {
        return alloc(gfp, order, nodeOfCpu(cpu), ALL_NODES);
    }

    @Override
    public long allocPages(int gfp, int order, int preferredNid, long nodemask) {
        if (preferredNid < 0 || preferredNid >= nodes) {
            throw new BadPageException(-1, order, null, "node " + preferredNid + " out of range; expected 0 to "
                    + (nodes - 1));
        }
        if ((nodemask & machineNodes()) == 0) {
            throw new BadPageException(-1, order, null, "nodemask " + Long.toHexString(nodemask)
                    + " has no node of the machine (0 to " + (nodes - 1) + ")");
        }
        return alloc(gfp, order, preferredNid, nodemask);
    }

    /** The mask of the machine's nodes. */
    private long machineNodes() {
        return nodes == Long.SIZE ? ALL_NODES : (1L << nodes) - 1;
    }

    @Override
    public int numaNodeId() {
        return nodeOfCpu(cpu);
    }

    @Override
    public int pageToNid(long pfn) {
        return zoneOf(pfn, 0).node();
    }

    @Override
    public void countInterleaveHit(long pfn) {
        numa.interleaveHit(zoneOf(pfn, 0));
    }

    /** {@code __alloc_pages()}: the fast path over the preferred node's zonelist within the mask, then the slow path. */
    private long alloc(int gfp, int order, int node, long nodemask) {
        if (order < 0 || order > PageOrder.MAX_PAGE_ORDER) {
            throw new BadPageException(-1, order, null, "order out of range; expected 0 to " + PageOrder.MAX_PAGE_ORDER);
        }
        int highest;
        try {
            highest = GfpZones.highestZone(gfp, types);
        } catch (IllegalArgumentException e) {
            throw new BadPageException(-1, order, null, e.getMessage());
        }
        if (failures.shouldFail(gfp, order)) {
            return NO_PAGE;
        }
        int migratetype = GfpZones.migratetype(gfp);
        int pfn = FrameTable.NONE;
        // alloc_flags_nofragment(): the fast path may wake kswapd too, for a zone a fallback boosted.
        int fast = ALLOC_WMARK_LOW | ((gfp & Gfp.__GFP_KSWAPD_RECLAIM) != 0 ? AllocFlags.ALLOC_KSWAPD : 0);
        if (noFragment(highest, node, nodemask)) {
            pfn = getPageFromFreelist(order, fast | AllocFlags.ALLOC_NOFRAGMENT, highest, migratetype, node, nodemask);
        }
        if (pfn == FrameTable.NONE) {
            pfn = getPageFromFreelist(order, fast, highest, migratetype, node, nodemask);
        }
        if (pfn == FrameTable.NONE) {
            pfn = slowpath.allocate(gfp, order, highest, migratetype, node, nodemask);
        }
        if (pfn == FrameTable.NONE) {
            return NO_PAGE;
        }
        if ((gfp & Gfp.__GFP_ZERO) != 0) {
            // prep_new_page() clears the pages: their content is zeroes. Without __GFP_ZERO they keep whatever they held.
            for (int p = pfn; p < pfn + (1 << order); p++) {
                content.set(p, 0);
            }
        }
        return pfn;
    }

    private static final int ALLOC_WMARK_LOW = Watermarks.LOW;

    /**
     * {@code alloc_flags_nofragment()}: when the first zone an allocation would use is Normal and the machine has
     * ZONE_DMA32, first try every zone without fragmenting pageblocks: a lower zone is better than a mixed block.
     */
    private boolean noFragment(int highest, int node, long nodemask) {
        if (!types.contains(ZoneType.DMA32)) {
            return false;
        }
        for (int index : zonelists[node]) {
            Zone zone = zones.get(index);
            if (zone.index() % types.size() <= highest && (nodemask >>> zone.node() & 1) != 0) {
                return zone.type() == ZoneType.NORMAL;
            }
        }
        return false;
    }

    /**
     * {@code get_page_from_freelist()}: the first zone of the node's zonelist, no higher than allowed and on a node of
     * the mask ({@code for_each_zone_zonelist_nodemask()}), above its watermark.
     */
    int getPageFromFreelist(int order, int allocFlags, int highest, int migratetype, int node, long nodemask) {
        Zone preferred = null;
        for (int index : zonelists[node]) {
            Zone zone = zones.get(index);
            if (zone.index() % types.size() > highest || (nodemask >>> zone.node() & 1) == 0) {
                continue;
            }
            if (preferred == null) {
                preferred = zone;
            }
            long mark = zone.watermark(allocFlags & AllocFlags.ALLOC_WMARK_MASK) + zone.watermarkBoost();
            if (!watermarkFast(zone, order, mark, highest, allocFlags)) {
                continue;
            }
            int pfn = rmqueue(zone, order, migratetype, (allocFlags & AllocFlags.ALLOC_NOFRAGMENT) != 0);
            if ((allocFlags & AllocFlags.ALLOC_KSWAPD) != 0 && zone.takeBoosted()) {
                // rmqueue(): a boosted zone wakes kswapd now, as the node may be balanced overall.
                reclaim.wakeKswapd(zone.node(), 0, zone.index() % types.size(), 0);
            }
            if (pfn != FrameTable.NONE) {
                prepNewPage(zone, pfn, order);
                numa.zoneStatistics(preferred, zone, nodeOfCpu(cpu));
                return pfn;
            }
        }
        return FrameTable.NONE;
    }

    private int rmqueue(Zone zone, int order, int migratetype, boolean noFragment) {
        if (PerCpuPages.allowed(order)) {
            return zone.pcp(cpu).allocate(order, migratetype, noFragment);
        }
        return zone.rmqueue(order, migratetype, noFragment);
    }

    /** {@code zone_watermark_fast()}: order 0 needs only free pages above mark plus the lowmem reserve. */
    private boolean watermarkFast(Zone zone, int order, long mark, int highest, int allocFlags) {
        long free = zone.freePages();
        if (order == 0 && free > mark + zone.lowmemReserve(highest)) {
            return true;
        }
        return AllocFlags.watermarkOk(zone, order, mark, highest, allocFlags, free);
    }

    /** {@code prep_new_page()}: the block is allocated, one reference, unmapped; pgalloc counts its pages. */
    private void prepNewPage(Zone zone, int pfn, int order) {
        frames.markAllocated(pfn, order);
        for (int p = pfn + 1; p < pfn + (1 << order); p++) {
            frames.setRefcount(p, 0);
            frames.setMapcount(p, 0);
        }
        VmItem counter = pgalloc(zone.type());
        if (counter != null) {
            vmstat.add(counter, 1L << order);
        }
    }

    private static VmItem pgalloc(ZoneType type) {
        switch (type) {
            case DMA:
                return VmItem.PGALLOC_DMA;
            case DMA32:
                return VmItem.PGALLOC_DMA32;
            case NORMAL:
                return VmItem.PGALLOC_NORMAL;
            case MOVABLE:
                return VmItem.PGALLOC_MOVABLE;
            default:
                // An x86-64 kernel's /proc/vmstat has no pgalloc_high; HighMem allocations go uncounted there.
                return null;
        }
    }

    @Override
    public void freePages(long pfnLong, int order) {
        Zone zone = zoneOf(pfnLong, order);
        int pfn = (int) pfnLong;
        String name = zone.type().kernelName();
        if (order < 0 || order > PageOrder.MAX_PAGE_ORDER) {
            throw new BadPageException(pfn, order, name, "order out of range; expected 0 to " + PageOrder.MAX_PAGE_ORDER);
        }
        if (frames.isBuddy(pfn) || frames.isPcp(pfn)) {
            throw new BadPageException(pfn, order, name, "page is already free");
        }
        int allocated = frames.allocatedOrder(pfn);
        if (allocated < 0) {
            throw new BadPageException(pfn, order, name, (frames.flags(pfn) & PageFlags.RESERVED) != 0
                    ? "page is reserved, never handed out by the allocator" : "not the first page of an allocated block");
        }
        if (allocated != order) {
            throw new BadPageException(pfn, order, name, "freed with order " + order + ", allocated with order " + allocated);
        }
        for (int p = pfn; p < pfn + (1 << order); p++) {
            if (frames.mapcount(p) != 0) {
                throw new BadPageException(p, order, name, "nonzero mapcount (" + frames.mapcount(p) + ")");
            }
            if ((frames.flags(p) & CHECK_AT_FREE) != 0) {
                throw new BadPageException(p, order, name, "PAGE_FLAGS_CHECK_AT_FREE flag(s) set: "
                        + PageFlags.describe(frames.flags(p) & CHECK_AT_FREE));
            }
        }
        if (frames.refcount(pfn) != 1) {
            throw new BadPageException(pfn, order, name, "nonzero _refcount after the allocation's reference ("
                    + (frames.refcount(pfn) - 1) + " more held)");
        }
        frames.clearAllocated(pfn);
        for (int p = pfn; p < pfn + (1 << order); p++) {
            frames.clear(p, PageFlags.MASK);
        }
        vmstat.add(VmItem.PGFREE, 1L << order);
        if (PerCpuPages.allowed(order)) {
            zone.pcp(cpu).free(pfn, order, pageblocks.type(pfn));
        } else {
            zone.freeBlock(pfn, order);
        }
    }

    /** The zone a pfn belongs to, or a {@link BadPageException} for a pfn outside every zone or not RAM. */
    @Override
    public void splitPage(long pfnLong, int order) {
        Zone zone = zoneOf(pfnLong, order);
        int pfn = (int) pfnLong;
        if (frames.allocatedOrder(pfn) != order) {
            throw new BadPageException(pfn, order, zone.type().kernelName(), "split of a block not allocated with order "
                    + order + " (" + frames.allocatedOrder(pfn) + ")");
        }
        int refs = frames.refcount(pfn);
        for (int p = pfn; p < pfn + (1 << order); p++) {
            int mapped = frames.mapcount(p);
            int pageFlags = frames.flags(p) & PageFlags.MASK;
            frames.markAllocated(p, 0);
            frames.set(p, pageFlags);
            frames.setMapcount(p, mapped);
        }
        frames.setRefcount(pfn, refs);
    }

    Zone zoneOf(long pfn, int order) {
        if (pfn < 0 || pfn >= frames.frames()) {
            throw new BadPageException(pfn, order, null, "pfn outside every zone");
        }
        int index = pageblocks.zone((int) pfn);
        if (index >= zones.size() || !zones.get(index).spans(pfn)) {
            throw new BadPageException(pfn, order, null, "pfn outside every zone");
        }
        return zones.get(index);
    }

    @Override
    public void drainAllPages() {
        for (Zone zone : zones) {
            for (int c = 0; c < zone.cpus(); c++) {
                zone.pcp(c).drain();
            }
        }
    }

    /** The reclaim the allocator calls now. */
    ReclaimHook reclaim() {
        return reclaim;
    }

    /** Replaces the reclaim the allocator was booted with ({@code NoReclaim}) by the reclaim layer's. */
    public void registerReclaim(ReclaimHook hook) {
        this.reclaim = java.util.Objects.requireNonNull(hook, "hook");
    }
}
