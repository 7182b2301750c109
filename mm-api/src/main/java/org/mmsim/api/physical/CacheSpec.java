package org.mmsim.api.physical;

import java.util.Objects;

/**
 * One level of a CPU's cache hierarchy: its name as lscpu prints it ({@code L1d}, {@code L1i}, {@code L2},
 * {@code L3}), its geometry and its replacement policy.
 *
 * @param name the level's name
 * @param geometry size, ways and line size
 * @param replacement which line a full set evicts
 */
public record CacheSpec(String name, CacheGeometry geometry, CacheReplacement replacement) {
    /**
     * Checks the spec.
     *
     * @throws IllegalArgumentException for tree pseudo-LRU over ways that are not a power of two up to 64
     */
    public CacheSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(geometry, "geometry");
        Objects.requireNonNull(replacement, "replacement");
        int ways = geometry.ways();
        if (replacement == CacheReplacement.TREE_PLRU && (Integer.bitCount(ways) != 1 || ways > 64)) {
            throw new IllegalArgumentException(name + ": tree pseudo-LRU needs a power-of-two number of ways up to 64, not "
                    + ways);
        }
    }
}
