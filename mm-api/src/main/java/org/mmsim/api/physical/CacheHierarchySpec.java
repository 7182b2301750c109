package org.mmsim.api.physical;

import java.util.Objects;
import java.util.Optional;

/**
 * The caches one CPU reaches memory through: split first-level instruction and data caches, an optional second
 * level, and the last level (the L3 a node's CPUs share on real parts, here one CPU's view of it). Every level is
 * write-back and write-allocate. An inclusive last level holds every line of the levels inside it: when it evicts a
 * line it invalidates their copies too (back-invalidation, as Intel's inclusive L3s until Skylake-SP); a
 * non-inclusive one does not. The prefetcher, when on, watches first-level data misses and fetches the next line, or
 * the line one stride on when the last misses repeat a stride.
 *
 * @param l1i the first-level instruction cache
 * @param l1d the first-level data cache
 * @param l2 the second level, or empty
 * @param llc the last level
 * @param inclusive whether the last level is inclusive
 * @param prefetch whether the next-line/stride prefetcher is on
 */
public record CacheHierarchySpec(CacheSpec l1i, CacheSpec l1d, Optional<CacheSpec> l2, CacheSpec llc, boolean inclusive,
                                 boolean prefetch) {
    /**
     * Checks the spec.
     *
     * @throws IllegalArgumentException if the levels' line sizes differ (a line moves between levels whole)
     */
    public CacheHierarchySpec {
        Objects.requireNonNull(l1i, "l1i");
        Objects.requireNonNull(l1d, "l1d");
        Objects.requireNonNull(l2, "l2");
        Objects.requireNonNull(llc, "llc");
        int line = llc.geometry().lineSize();
        if (l1i.geometry().lineSize() != line || l1d.geometry().lineSize() != line
                || l2.map(c -> c.geometry().lineSize() != line).orElse(false)) {
            throw new IllegalArgumentException("every level of a hierarchy needs the same line size; the last level has "
                    + line + " B lines");
        }
    }
}
