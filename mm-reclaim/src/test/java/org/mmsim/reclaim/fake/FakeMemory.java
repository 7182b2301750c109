package org.mmsim.reclaim.fake;

import java.util.Arrays;
import java.util.List;
import org.mmsim.api.kernel.MemoryHooks;
import org.mmsim.api.kernel.PageMigration;
import org.mmsim.api.kernel.ReclaimHook;
import org.mmsim.api.kernel.Shrinker;
import org.mmsim.api.physical.FaultAttr;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.physical.ZoneType;

/**
 * Physical memory as the reclaim tests need it: the zones and their total, and no shrinkers; every tunable and every
 * other hook throws.
 */
public final class FakeMemory implements PhysicalMemory, MemoryHooks {
    private final List<ZoneInfo> zones;
    private final int nodes;

    public FakeMemory(List<? extends ZoneInfo> zones) {
        this.zones = List.copyOf(zones);
        this.nodes = zones.stream().mapToInt(ZoneInfo::node).max().orElse(0) + 1;
    }

    /** One zone (ZONE_NORMAL) of {@code frames} frames per node, the nodes one after another from pfn 0. */
    public static FakeMemory nodes(int nodes, long framesPerNode) {
        FakeZone[] zones = new FakeZone[nodes];
        for (int n = 0; n < nodes; n++) {
            zones[n] = new FakeZone(n, ZoneType.NORMAL, n * framesPerNode, framesPerNode);
        }
        return new FakeMemory(Arrays.asList(zones));
    }

    /**
     * As {@link #nodes(int, long)}, but node 0 starts with a ZONE_DMA32 of {@code dma32} frames, its ZONE_NORMAL
     * after it, as on a PC whose first node holds the memory below 4 GiB.
     */
    public static FakeMemory withDma32(int nodes, long framesPerNode, long dma32) {
        List<FakeZone> zones = new java.util.ArrayList<>();
        zones.add(new FakeZone(0, ZoneType.DMA32, 0, dma32));
        zones.add(new FakeZone(0, ZoneType.NORMAL, dma32, framesPerNode - dma32));
        for (int n = 1; n < nodes; n++) {
            zones.add(new FakeZone(n, ZoneType.NORMAL, n * framesPerNode, framesPerNode));
        }
        return new FakeMemory(zones);
    }

    /** The frames of every zone, as one pfn range from 0. */
    public int frames() {
        return (int) zones.stream().mapToLong(z -> z.startPfn() + z.spanned()).max().orElse(0);
    }

    @Override
    public List<ZoneInfo> zones() {
        return zones;
    }

    @Override
    public int nodes() {
        return nodes;
    }

    @Override
    public List<ZoneType> zoneTypes() {
        return List.of(ZoneType.DMA, ZoneType.DMA32, ZoneType.NORMAL, ZoneType.MOVABLE);
    }

    @Override
    public long totalRamPages() {
        return zones.stream().mapToLong(ZoneInfo::managed).sum();
    }

    @Override
    public long percpuPages() {
        throw unread();
    }

    @Override
    public int percpuUnits() {
        throw unread();
    }

    @Override
    public long kernelPages() {
        throw unread();
    }

    @Override
    public org.mmsim.api.physical.DirectMap directMap() {
        throw unread();
    }

    @Override
    public long freePages() {
        throw unread();
    }

    @Override
    public int minFreeKbytes() {
        throw unread();
    }

    @Override
    public void setMinFreeKbytes(int kbytes) {
        throw unread();
    }

    @Override
    public int watermarkScaleFactor() {
        throw unread();
    }

    @Override
    public void setWatermarkScaleFactor(int factor) {
        throw unread();
    }

    @Override
    public int watermarkBoostFactor() {
        throw unread();
    }

    @Override
    public void setWatermarkBoostFactor(int factor) {
        throw unread();
    }

    @Override
    public void clearWatermarkBoost(int node) {
        throw unread();
    }

    @Override
    public int[] lowmemReserveRatio() {
        throw unread();
    }

    @Override
    public void setLowmemReserveRatio(int[] ratios) {
        throw unread();
    }

    @Override
    public int percpuPagelistHighFraction() {
        throw unread();
    }

    @Override
    public void setPercpuPagelistHighFraction(int fraction) {
        throw unread();
    }

    @Override
    public FaultAttr failPageAlloc() {
        throw unread();
    }

    @Override
    public void setFailPageAlloc(FaultAttr attributes) {
        throw unread();
    }

    @Override
    public long compactMemory() {
        throw unread();
    }

    @Override
    public void registerReclaimHook(ReclaimHook hook) {
        throw unread();
    }

    @Override
    public void registerMigration(PageMigration owner) {
        throw unread();
    }

    @Override
    public void registerShrinker(Shrinker shrinker) {
        throw unread();
    }

    @Override
    public long shrinkSlab(int priority) {
        return 0;
    }

    private static UnsupportedOperationException unread() {
        return new UnsupportedOperationException("not part of what the reclaim layer reads");
    }
}
