package org.mmsim.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchySpec;
import org.mmsim.api.physical.CacheReplacement;
import org.mmsim.api.physical.CacheSpec;

/**
 * The processor under the pages: each CPU's caches, the CPUs one last-level cache serves, the clock, and what a load
 * costs at each level of the memory hierarchy (the latencies a pointer chase measures on the part, as lmbench's
 * {@code lat_mem_rd} or Intel's Memory Latency Checker report them).
 *
 * @param model the preset's name: the part whose identity (vendor, family, model name) the CPU reports
 * @param custom whether a key has changed the preset's caches or latencies
 * @param mhz the core clock, cycles per microsecond
 * @param caches one CPU's caches
 * @param llcCpus the CPUs that share one last-level cache (a socket's, or an AMD core complex's), at most a node's
 * @param l1Cycles a first-level hit's latency in cycles
 * @param l2Cycles a second-level hit's
 * @param llcCycles a last-level hit's
 * @param dramNanos a load from local DRAM, in nanoseconds
 */
public record CpuSpec(String model, boolean custom, int mhz, CacheHierarchySpec caches, int llcCpus, int l1Cycles, int l2Cycles,
                      int llcCycles, int dramNanos) {
    /** The presets, the default first. */
    public static final List<String> PRESETS = List.of("skylake-sp", "zen4");

    /** Checks the values. */
    public CpuSpec {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(caches, "caches");
        if (mhz < 1 || llcCpus < 1 || l1Cycles < 1 || l2Cycles < l1Cycles || llcCycles < l2Cycles || dramNanos < 1) {
            throw new IllegalArgumentException("cpu " + model + ": expected a positive clock, latencies growing level by "
                    + "level and at least one CPU a last-level cache");
        }
    }

    /** The default: {@code skylake-sp}. */
    public static CpuSpec defaults() {
        return preset(PRESETS.get(0));
    }

    /**
     * A preset. {@code skylake-sp} is a 16-core Xeon Gold 6142 (2.6 GHz): 32 KiB 8-way L1d and L1i, 1 MiB 16-way L2,
     * a 22 MiB 11-way non-inclusive L3 the socket shares, 4/14/68 cycles and 90 ns to DRAM. {@code zen4} is a Ryzen 9
     * 7950X core (4.5 GHz): 32 KiB 8-way L1d and L1i, 1 MiB 8-way L2, a 32 MiB 16-way L3 (a victim cache, so
     * non-inclusive) that the 8 cores of a complex share, 4/14/50 cycles and 80 ns to DRAM. The first levels use
     * tree pseudo-LRU, which needs a power of two of ways; the 11-way L3 true LRU.
     *
     * @throws IllegalArgumentException for another name, naming the presets
     */
    public static CpuSpec preset(String name) {
        switch (name) {
            case "skylake-sp":
                return new CpuSpec(name, false, 2600, new CacheHierarchySpec(plru("L1i", 32 << 10, 8), plru("L1d", 32 << 10, 8),
                        Optional.of(plru("L2", 1 << 20, 16)),
                        new CacheSpec("L3", new CacheGeometry(22L << 20, 11, 64), CacheReplacement.LRU), false, true),
                        16, 4, 14, 68, 90);
            case "zen4":
                return new CpuSpec(name, false, 4500, new CacheHierarchySpec(plru("L1i", 32 << 10, 8), plru("L1d", 32 << 10, 8),
                        Optional.of(plru("L2", 1 << 20, 8)), plru("L3", 32L << 20, 16), false, true), 8, 4, 14, 50, 80);
            default:
                throw new IllegalArgumentException(org.mmsim.spi.NearestName.unknown("cpu", name, PRESETS));
        }
    }

    private static CacheSpec plru(String name, long size, int ways) {
        return new CacheSpec(name, new CacheGeometry(size, ways, 64), CacheReplacement.TREE_PLRU);
    }

    /** This CPU with other caches: a custom one. */
    public CpuSpec withCaches(CacheHierarchySpec value) {
        return new CpuSpec(model, true, mhz, value, llcCpus, l1Cycles, l2Cycles, llcCycles, dramNanos);
    }

    /** This CPU with other latencies: a custom one. */
    public CpuSpec withLatencies(int l1, int l2, int llc, int dram) {
        return new CpuSpec(model, true, mhz, caches, llcCpus, l1, l2, llc, dram);
    }
}
