package org.mmsim.physical.cache;

import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheHierarchySpec;
import org.mmsim.api.physical.CpuCaches;

/** The physical layer's {@link CpuCaches}: builds the model's hierarchies and cachegrind's. */
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
}
