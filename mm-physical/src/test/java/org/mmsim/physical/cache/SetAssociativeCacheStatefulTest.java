package org.mmsim.physical.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.mmsim.api.physical.CacheGeometry;
import org.mmsim.api.physical.CacheReplacement;
import org.mmsim.api.physical.CacheSpec;

/**
 * One cache array under random chains of reads, writes and invalidations over a few sets' worth of lines, beside a
 * plain model: per set a list of lines, most recently used first. After every step no set holds a line twice, the
 * array holds what the model holds, and a true-LRU array evicts the line the model has used longest ago. A tree
 * pseudo-LRU array is held to the same contents rule (with its own victims) and to its dirty bits.
 */
class SetAssociativeCacheStatefulTest {
    private static final int SETS = 4;
    private static final int WAYS = 4;

    static final class Model {
        final SetAssociativeCache cache;
        final boolean lru;
        final List<LinkedList<Long>> sets = new ArrayList<>();
        final Set<Long> dirty = new HashSet<>();

        Model(CacheReplacement replacement) {
            cache = new SetAssociativeCache(new CacheSpec("L1d", new CacheGeometry((long) SETS * WAYS * 64, WAYS, 64),
                    replacement));
            lru = replacement == CacheReplacement.LRU;
            for (int i = 0; i < SETS; i++) {
                sets.add(new LinkedList<>());
            }
        }

        void access(long line, boolean write) {
            LinkedList<Long> set = sets.get((int) line % SETS);
            boolean hit = set.remove(line);
            boolean cacheHit = cache.access(line, write);
            assertEquals(hit, cacheHit, "line " + line);
            if (!hit && set.size() == WAYS) {
                long victim = cache.victim();
                assertTrue(set.contains(victim), "the victim " + victim + " was in the set");
                if (lru) {
                    assertEquals(set.getLast(), victim, "true LRU evicts the line used longest ago");
                }
                assertEquals(dirty.remove(victim), cache.victimDirty(), "the victim's dirty bit");
                set.remove(victim);
            } else if (!hit) {
                assertEquals(SetAssociativeCache.EMPTY, cache.victim(), "an empty way is filled first");
            }
            set.addFirst(line);
            if (write) {
                dirty.add(line);
            }
        }

        void invalidate(long line) {
            boolean held = sets.get((int) line % SETS).remove(line);
            assertEquals(held && dirty.remove(line), cache.invalidate(line));
        }

        void check() {
            for (int s = 0; s < SETS; s++) {
                Set<Long> held = new HashSet<>();
                for (int w = 0; w < WAYS; w++) {
                    long line = cache.lineAt(s, w);
                    if (line != SetAssociativeCache.EMPTY) {
                        assertTrue(held.add(line), "set " + s + " holds line " + line + " twice");
                        assertEquals(s, cache.setOf(line), "line " + line + " in its own set");
                    }
                }
                assertEquals(new HashSet<>(sets.get(s)), held, "set " + s);
            }
            for (List<Long> set : sets) {
                for (long line : set) {
                    assertEquals(dirty.contains(line), cache.isDirty(line), "dirty bit of line " + line);
                }
            }
        }
    }

    private static Arbitrary<ActionChain<Model>> chains(CacheReplacement replacement) {
        // Three sets' worth of lines more than the array holds, so sets fill and evict.
        Arbitrary<Long> lines = Arbitraries.longs().between(0, 4L * SETS * WAYS - 1);
        Action.Independent<Model> read = () -> lines.map(l -> Transformer.mutate("read " + l, m -> m.access(l, false)));
        Action.Independent<Model> write = () -> lines.map(l -> Transformer.mutate("write " + l, m -> m.access(l, true)));
        Action.Independent<Model> invalidate = () -> lines.map(l -> Transformer.mutate("invalidate " + l,
                m -> m.invalidate(l)));
        return ActionChain.startWith(() -> new Model(replacement)).withAction(6, read).withAction(3, write)
                .withAction(1, invalidate).withMaxTransformations(200);
    }

    @Provide
    Arbitrary<ActionChain<Model>> lruChains() {
        return chains(CacheReplacement.LRU);
    }

    @Provide
    Arbitrary<ActionChain<Model>> treePlruChains() {
        return chains(CacheReplacement.TREE_PLRU);
    }

    @Property(tries = 60)
    void aTrueLruArrayEvictsTheLineUsedLongestAgoAndNeverHoldsALineTwice(@ForAll("lruChains") ActionChain<Model> chain) {
        chain.withInvariant("contents", Model::check).run();
    }

    @Property(tries = 60)
    void aTreePlruArrayNeverHoldsALineTwice(@ForAll("treePlruChains") ActionChain<Model> chain) {
        chain.withInvariant("contents", Model::check).run();
    }
}
