package org.mmsim.tools.scenario;

import java.util.Optional;
import org.mmsim.api.CpuSpec;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchySpec;
import org.mmsim.api.physical.CacheReplacement;
import org.mmsim.api.physical.CacheSpec;
import org.mmsim.tools.units.Sizes;

/**
 * The cache keys of a {@code machine} line, in the style of the TLB keys: {@code l1d=32K/8} (size and ways, the
 * preset's 64-byte lines), {@code l2=none}, {@code prefetch=off}, {@code l3_inclusive=on}, {@code cache_latency=4/14/68}.
 */
final class CacheKeys {
    private CacheKeys() {
    }

    /** The CPU with one cache level or the prefetcher changed. */
    static CpuSpec apply(CpuSpec cpu, String key, String value) {
        CacheHierarchySpec h = cpu.caches();
        switch (key) {
            case "prefetch":
                return cpu.withCaches(new CacheHierarchySpec(h.l1i(), h.l1d(), h.l2(), h.llc(), h.inclusive(),
                        onOff(key, value)));
            case "l3_inclusive":
                // Intel's L3s were inclusive until Skylake-SP; AMD's are victim caches: neither preset's is.
                return cpu.withCaches(new CacheHierarchySpec(h.l1i(), h.l1d(), h.l2(), h.llc(), onOff(key, value),
                        h.prefetch()));
            case "l2":
                Optional<CacheSpec> l2 = value.equals("none") ? Optional.empty()
                        : Optional.of(level("L2", key, value, h.l2().orElse(h.l1d())));
                return cpu.withCaches(new CacheHierarchySpec(h.l1i(), h.l1d(), l2, h.llc(), h.inclusive(), h.prefetch()));
            case "l1d":
                return cpu.withCaches(new CacheHierarchySpec(h.l1i(), level("L1d", key, value, h.l1d()), h.l2(), h.llc(),
                        h.inclusive(), h.prefetch()));
            case "l1i":
                return cpu.withCaches(new CacheHierarchySpec(level("L1i", key, value, h.l1i()), h.l1d(), h.l2(), h.llc(),
                        h.inclusive(), h.prefetch()));
            default:
                return cpu.withCaches(new CacheHierarchySpec(h.l1i(), h.l1d(), h.l2(), level("L3", key, value, h.llc()),
                        h.inclusive(), h.prefetch()));
        }
    }

    /**
     * One level from {@code SIZE/WAYS}, with {@code like}'s line size; tree pseudo-LRU where the ways allow it, as
     * the presets' first levels, else true LRU.
     */
    private static CacheSpec level(String name, String key, String value, CacheSpec like) {
        String[] parts = value.split("/", -1);
        long size;
        int ways;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            size = Sizes.parse(parts[0]);
            ways = Integer.parseInt(parts[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " '" + value + "'; expected SIZE/WAYS, such as 32K/8", e);
        }
        CacheGeometry geometry;
        try {
            geometry = new CacheGeometry(size, ways, like.geometry().lineSize());
        } catch (IllegalArgumentException e) {
            // The geometry's message names it in cachegrind's SIZE,WAYS,LINE form: say what the key said instead.
            String why = e.getMessage();
            throw new IllegalArgumentException(key + " '" + value + "': " + why.substring(why.indexOf(": ") + 2), e);
        }
        boolean plru = Integer.bitCount(ways) == 1 && ways <= 64;
        return new CacheSpec(name, geometry, plru ? CacheReplacement.TREE_PLRU : CacheReplacement.LRU);
    }

    private static boolean onOff(String key, String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(key + " '" + value + "'; expected on or off");
        };
    }

    /** The CPU with {@code L1/L2/L3} cycles of latency. */
    static CpuSpec latencies(CpuSpec cpu, String value) {
        String[] parts = value.split("/", -1);
        try {
            if (parts.length != 3) {
                throw new NumberFormatException();
            }
            return cpu.withLatencies(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    cpu.dramNanos());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cache_latency '" + value + "'; expected L1/L2/L3 cycles, such as 4/14/68",
                    e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cache_latency '" + value + "'; expected cycles growing level by level, "
                    + "such as 4/14/68", e);
        }
    }
}
