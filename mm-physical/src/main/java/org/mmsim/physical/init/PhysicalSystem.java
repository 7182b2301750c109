package org.mmsim.physical.init;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.mmsim.api.physical.FaultAttr;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.kernel.PageMigration;
import org.mmsim.api.kernel.Shrinker;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.physical.alloc.BuddyPageAllocator;
import org.mmsim.physical.buddy.FrameTable;
import org.mmsim.physical.buddy.Zone;
import org.mmsim.physical.compaction.Compactor;
import org.mmsim.physical.failinject.FailPageAlloc;
import org.mmsim.physical.watermark.Watermarks;

/** The booted physical memory of one machine: the zones, their tunables, the allocator, compaction, fault injection. */
public final class PhysicalSystem implements PhysicalMemory, org.mmsim.api.kernel.MemoryHooks {
    private final List<Zone> zones;
    private final List<ZoneInfo> views;
    private final List<ZoneType> types;
    private final int nodes;
    private final FrameTable frames;
    private final Watermarks watermarks;
    private final BuddyPageAllocator allocator;
    private final Compactor compactor;
    private final FailPageAlloc failures;
    private final Frames pageFrames;
    private final long percpuPages;
    private final int percpuUnits;
    private final List<Shrinker> shrinkers = new ArrayList<>();
    private final long kernelPages;
    private final org.mmsim.api.physical.DirectMap directMap;
    private boolean reclaimRegistered;
    private org.mmsim.physical.hugetlb.HugetlbPool hugetlb;

    PhysicalSystem(List<Zone> zones, org.mmsim.physical.memmap.MemoryLayout layout, int nodes, FrameTable frames,
                   Watermarks watermarks,
                   BuddyPageAllocator allocator, Compactor compactor, FailPageAlloc failures,
                   org.mmsim.spi.util.LongPagedArray content, org.mmsim.api.kernel.ReclaimHook reclaim) {
        this.zones = zones;
        this.types = layout.zoneTypes();
        this.percpuPages = layout.percpuPages();
        this.percpuUnits = layout.percpuUnits();
        this.kernelPages = layout.kernelPages();
        this.directMap = layout.directMap();
        this.nodes = nodes;
        this.frames = frames;
        this.watermarks = watermarks;
        this.allocator = allocator;
        this.compactor = compactor;
        this.failures = failures;
        this.pageFrames = new Frames(frames, content, allocator, reclaim);
        List<ZoneInfo> list = new ArrayList<>();
        zones.forEach(z -> list.add(new ZoneView(z, watermarks)));
        this.views = Collections.unmodifiableList(list);
    }

    /** Sets up the hugetlbfs pools of the given orders, empty ({@code hugetlb_init()}, no hugepages= on the command line). */
    void bootHugetlb(int[] orders, org.mmsim.api.stat.VmStat vmstat) {
        hugetlb = new org.mmsim.physical.hugetlb.HugetlbPool(orders, nodes, allocator, pageFrames, vmstat,
                new org.mmsim.physical.hugetlb.ContigPages(zones, frames, allocator), this::nodeOf);
    }

    /** The hugetlbfs pools. */
    public org.mmsim.physical.hugetlb.HugetlbPool hugetlb() {
        return hugetlb;
    }

    private int nodeOf(long pfn) {
        for (Zone zone : zones) {
            if (zone.spans(pfn)) {
                return zone.node();
            }
        }
        throw new IllegalArgumentException("pfn " + pfn + " outside every zone");
    }

    /** The page allocator. */
    public PageAllocator allocator() {
        return allocator;
    }

    /** The per-frame state the other layers share. */
    public org.mmsim.api.kernel.PageFrames pageFrames() {
        return pageFrames;
    }

    /** The frame table. */
    public FrameTable frames() {
        return frames;
    }

    @Override
    public List<ZoneInfo> zones() {
        return views;
    }

    @Override
    public int nodes() {
        return nodes;
    }

    @Override
    public List<ZoneType> zoneTypes() {
        return types;
    }

    @Override
    public long percpuPages() {
        return percpuPages;
    }

    @Override
    public int percpuUnits() {
        return percpuUnits;
    }

    @Override
    public long kernelPages() {
        return kernelPages;
    }

    @Override
    public org.mmsim.api.physical.DirectMap directMap() {
        return directMap;
    }

    @Override
    public long totalRamPages() {
        return zones.stream().mapToLong(Zone::managed).sum();
    }

    @Override
    public long freePages() {
        return zones.stream().mapToLong(Zone::freePages).sum();
    }

    @Override
    public int minFreeKbytes() {
        return watermarks.minFreeKbytes();
    }

    @Override
    public void setMinFreeKbytes(int kbytes) {
        watermarks.setMinFreeKbytes(kbytes);
    }

    @Override
    public int watermarkScaleFactor() {
        return watermarks.watermarkScaleFactor();
    }

    @Override
    public void setWatermarkScaleFactor(int factor) {
        watermarks.setWatermarkScaleFactor(factor);
    }

    @Override
    public int watermarkBoostFactor() {
        return watermarks.watermarkBoostFactor();
    }

    @Override
    public void setWatermarkBoostFactor(int factor) {
        watermarks.setWatermarkBoostFactor(factor);
    }

    @Override
    public void clearWatermarkBoost(int node) {
        for (Zone zone : zones) {
            if (zone.node() == node) {
                zone.clearWatermarkBoost();
            }
        }
    }

    @Override
    public int[] lowmemReserveRatio() {
        return watermarks.lowmemReserveRatio();
    }

    @Override
    public void setLowmemReserveRatio(int[] ratios) {
        watermarks.setLowmemReserveRatio(ratios);
    }

    @Override
    public int percpuPagelistHighFraction() {
        return watermarks.percpuPagelistHighFraction();
    }

    @Override
    public void setPercpuPagelistHighFraction(int fraction) {
        watermarks.setPercpuPagelistHighFraction(fraction);
    }

    @Override
    public FaultAttr failPageAlloc() {
        return failures.attributes();
    }

    @Override
    public void setFailPageAlloc(FaultAttr attributes) {
        if (attributes == null) {
            throw new IllegalArgumentException("fail_page_alloc: null attributes");
        }
        failures.set(attributes);
    }

    @Override
    public long compactMemory() {
        // sysctl_compaction_handler() drains the per-CPU lists first, so freed pages can merge.
        allocator.drainAllPages();
        long migrated = 0;
        for (Zone zone : zones) {
            if (zone.span().populated()) {
                migrated += compactor.compactZone(zone, -1);
            }
        }
        return migrated;
    }

    @Override
    public void registerMigration(PageMigration owner) {
        compactor.register(owner);
    }

    @Override
    public void registerReclaimHook(org.mmsim.api.kernel.ReclaimHook hook) {
        if (reclaimRegistered) {
            throw new IllegalStateException("a reclaim hook is registered already");
        }
        reclaimRegistered = true;
        allocator.registerReclaim(hook);
        pageFrames.registerReclaim(hook);
    }

    @Override
    public void registerShrinker(Shrinker shrinker) {
        shrinkers.add(shrinker);
    }

    @Override
    public long shrinkSlab(int priority) {
        long freed = 0;
        for (Shrinker shrinker : shrinkers) {
            // do_shrink_slab() (mm/shrinker.c): DEFAULT_SEEKS is 2.
            long freeable = shrinker.countObjects();
            long scan = Math.min((freeable >> priority) * 4 / 2, freeable * 2);
            if (scan > 0) {
                freed += shrinker.scanObjects(scan);
            }
        }
        return freed;
    }
}
