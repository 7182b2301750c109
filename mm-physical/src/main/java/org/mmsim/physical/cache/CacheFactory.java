package org.mmsim.physical.cache;

import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheHierarchySpec;
import org.mmsim.api.physical.CpuCaches;
import org.mmsim.api.physical.MemoryHierarchy;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ZoneInfo;

/**
 * The physical layer's {@link CpuCaches}: builds the model's hierarchies and cachegrind's, and the machine's
 * {@link MemoryHierarchy}.
 */
public final class CacheFactory implements CpuCaches {
    /** A factory; it holds nothing. */
    public CacheFactory() {
    }

    @Override
    public CacheHierarchy hierarchy(CacheHierarchySpec spec) {
        return new CpuCacheHierarchy(spec);
    }

    @Override
    public CacheHierarchy cachegrind(CacheGeometry i1, CacheGeometry d1, CacheGeometry ll) {
        return new CachegrindCaches(i1, d1, ll);
    }

    /**
     * The caches and memory of a machine booted with {@code config}, whose nodes' memory {@code memory} describes.
     *
     * @throws IllegalArgumentException if the caches cannot be built
     */
    public static MemoryHierarchy machine(MachineConfig config, PhysicalMemory memory) {
        long[] nodeEnds = new long[config.nodes()];
        for (ZoneInfo zone : memory.zones()) {
            nodeEnds[zone.node()] = Math.max(nodeEnds[zone.node()], zone.startPfn() + zone.spanned());
        }
        return new MachineCaches(config, nodeEnds);
    }
}
