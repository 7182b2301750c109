package org.mmsim.physical.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
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
import org.mmsim.api.CpuSpec;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.api.physical.CacheHierarchySpec;
import org.mmsim.api.physical.CacheReplacement;
import org.mmsim.api.physical.CacheSpec;

/**
 * Four CPUs, two to a last level, with tiny caches (L1s of 4 lines, L2 of 8, L3 of 16) under random chains of loads,
 * stores, modifies, fetches and page-walker loads over 48 lines, with the prefetcher on or off. After every step: no
 * array holds a line twice; no two CPUs hold a line Modified, and a line Modified in one CPU is in no other CPU's
 * private levels (MESI); an inclusive last level holds every line of the private levels of the CPUs it covers.
 */
class MachineCachesStatefulTest {
    static final class Run {
        final MachineCaches m;
        final boolean inclusive;

        Run(boolean inclusive, boolean prefetch) {
            this.inclusive = inclusive;
            CacheHierarchySpec spec = new CacheHierarchySpec(
                    new CacheSpec("L1i", new CacheGeometry(256, 2, 64), CacheReplacement.LRU),
                    new CacheSpec("L1d", new CacheGeometry(256, 2, 64), CacheReplacement.TREE_PLRU),
                    Optional.of(new CacheSpec("L2", new CacheGeometry(512, 4, 64), CacheReplacement.TREE_PLRU)),
                    new CacheSpec("L3", new CacheGeometry(1024, 4, 64), CacheReplacement.LRU), inclusive, prefetch);
            MachineConfig config = MachineConfig.builder().cpus(4)
                    .cpu(CpuSpec.defaults().withCaches(spec)).build();
            CpuSpec cpu = config.cpu();
            config = config.toBuilder().cpu(new CpuSpec(cpu.model(), true, cpu.mhz(), spec, 2, cpu.l1Cycles(), cpu.l2Cycles(),
                    cpu.llcCycles(), cpu.dramNanos())).build();
            m = new MachineCaches(config, new long[] {config.ramBytes() >>> 12});
        }

        void check() {
            CpuCacheHierarchy[] cpus = m.hierarchies();
            for (CpuCacheHierarchy h : cpus) {
                for (SetAssociativeCache a : h.arrays()) {
                    lines(a);
                }
            }
            for (SetAssociativeCache llc : m.llcs()) {
                lines(llc);
            }
            for (long line = 0; line < 64; line++) {
                int owner = -1;
                for (int c = 0; c < cpus.length; c++) {
                    if (cpus[c].holdsModified(line)) {
                        assertTrue(owner < 0, "CPUs " + owner + " and " + c + " both hold line " + line + " Modified");
                        owner = c;
                    }
                }
                for (int c = 0; owner >= 0 && c < cpus.length; c++) {
                    if (c != owner) {
                        for (SetAssociativeCache a : cpus[c].arrays().subList(0, 3)) {
                            assertFalse(a.contains(line), "CPU " + owner + " holds line " + line + " Modified and CPU "
                                    + c + "'s " + a.name() + " a copy");
                        }
                    }
                }
            }
            if (inclusive) {
                for (int c = 0; c < cpus.length; c++) {
                    SetAssociativeCache llc = m.llcs()[m.groupOf(c)];
                    for (SetAssociativeCache inner : cpus[c].arrays().subList(0, 3)) {
                        for (long line : lines(inner)) {
                            assertTrue(llc.contains(line), "CPU " + c + "'s " + inner.name() + " holds line " + line
                                    + ", its L3 does not");
                        }
                    }
                }
            }
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
        Action.Independent<Run> access = () -> Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(CacheHierarchy.FETCH, CacheHierarchy.MODIFY),
                Arbitraries.longs().between(0, 48 * 64 - 1), Arbitraries.of(1, 8, 16))
                .as((cpu, kind, address, size) -> Transformer.mutate("cpu " + cpu + " access " + kind + " " + address
                        + "," + size, r -> r.m.access(cpu, kind, address, size)));
        Action.Independent<Run> walk = () -> Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.longs().between(0, 48 * 8 - 1))
                .as((cpu, entry) -> Transformer.mutate("cpu " + cpu + " walk load " + entry * 8,
                        r -> r.m.walkLoad(cpu, entry * 8, 8)));
        return Arbitraries.of(true, false).flatMap(prefetch -> ActionChain.startWith(() -> new Run(inclusive, prefetch))
                .withAction(4, access).withAction(1, walk).withMaxTransformations(300));
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
    void mesiHoldsAndAnInclusiveL3HoldsEveryLineOfTheCpusItCovers(@ForAll("inclusiveChains") ActionChain<Run> chain) {
        chain.withInvariant("coherence and inclusion", Run::check).run();
    }

    @Property(tries = 60)
    void mesiHoldsWithANonInclusiveL3(@ForAll("nonInclusiveChains") ActionChain<Run> chain) {
        chain.withInvariant("coherence", Run::check).run();
    }
}
