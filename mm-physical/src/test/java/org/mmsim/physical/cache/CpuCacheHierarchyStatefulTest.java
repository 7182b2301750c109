package org.mmsim.physical.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheHierarchySpec;
import org.mmsim.api.physical.CacheReplacement;
import org.mmsim.api.physical.CacheSpec;

/**
 * A small hierarchy (L1i and L1d of 4 lines, a tree pseudo-LRU L2 of 8, an LRU last level of 16) under random chains
 * of fetches, loads, stores and modifies, some straddling two lines, with the prefetcher on or off. After every step
 * no array holds a line twice; an inclusive last level holds every line of the arrays inside it; the first levels
 * counted one reference an access.
 */
class CpuCacheHierarchyStatefulTest {
    static CacheHierarchySpec spec(boolean inclusive, boolean prefetch) {
        return new CacheHierarchySpec(
                new CacheSpec("L1i", new CacheGeometry(256, 2, 64), CacheReplacement.LRU),
                new CacheSpec("L1d", new CacheGeometry(256, 2, 64), CacheReplacement.LRU),
                Optional.of(new CacheSpec("L2", new CacheGeometry(512, 4, 64), CacheReplacement.TREE_PLRU)),
                new CacheSpec("L3", new CacheGeometry(1024, 4, 64), CacheReplacement.LRU), inclusive, prefetch);
    }

    static final class Run {
        final CpuCacheHierarchy caches;
        final boolean inclusive;
        long accesses;

        Run(boolean inclusive, boolean prefetch) {
            this.inclusive = inclusive;
            caches = new CpuCacheHierarchy(spec(inclusive, prefetch));
        }

        void access(int kind, long address, int size) {
            int level = caches.access(kind, address, size);
            assertTrue(level >= 1 && level <= 4, "served by level " + level);
            accesses++;
        }

        void check() {
            List<SetAssociativeCache> arrays = caches.arrays();
            for (SetAssociativeCache a : arrays) {
                lines(a);
            }
            if (inclusive) {
                Set<Long> last = lines(arrays.get(arrays.size() - 1));
                for (SetAssociativeCache inner : arrays.subList(0, arrays.size() - 1)) {
                    for (long line : lines(inner)) {
                        assertTrue(last.contains(line), inner.name() + " holds line " + line + ", the L3 does not");
                    }
                }
            }
            long references = caches.stats().get(0).references() + caches.stats().get(1).references();
            assertEquals(accesses, references, "one first-level reference an access");
        }

        private static Set<Long> lines(SetAssociativeCache a) {
            Set<Long> lines = new HashSet<>();
            for (int s = 0; s < a.sets(); s++) {
                for (int w = 0; w < a.ways(); w++) {
                    long line = a.lineAt(s, w);
                    if (line != SetAssociativeCache.EMPTY) {
                        assertTrue(lines.add(line), a.name() + " holds line " + line + " twice");
                    }
                }
            }
            return lines;
        }
    }

    private static Arbitrary<ActionChain<Run>> chains(boolean inclusive) {
        // 64 lines: four times the last level, so every level evicts.
        Action.Independent<Run> access = () -> Combinators.combine(
                Arbitraries.integers().between(CacheHierarchy.FETCH, CacheHierarchy.MODIFY),
                Arbitraries.longs().between(0, 64 * 64 - 1), Arbitraries.of(1, 4, 8, 16))
                .as((kind, address, size) -> Transformer.mutate("access " + kind + " " + address + "," + size,
                        r -> r.access(kind, address, size)));
        return Arbitraries.of(true, false).flatMap(prefetch -> ActionChain.startWith(() -> new Run(inclusive, prefetch))
                .withAction(access).withMaxTransformations(300));
    }

    @Provide
    Arbitrary<ActionChain<Run>> inclusiveChains() {
        return chains(true);
    }

    @Provide
    Arbitrary<ActionChain<Run>> nonInclusiveChains() {
        return chains(false);
    }

    @Property(tries = 60)
    void anInclusiveLastLevelHoldsEveryLineOfTheLevelsItCovers(@ForAll("inclusiveChains") ActionChain<Run> chain) {
        chain.withInvariant("inclusion", Run::check).run();
    }

    @Property(tries = 40)
    void aNonInclusiveHierarchyNeverHoldsALineTwiceInOneArray(@ForAll("nonInclusiveChains") ActionChain<Run> chain) {
        chain.withInvariant("contents", Run::check).run();
    }
}
