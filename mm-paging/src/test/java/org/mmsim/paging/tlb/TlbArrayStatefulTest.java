package org.mmsim.paging.tlb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/**
 * One TLB array under random chains of lookups, inserts and invalidations, against an exact model: per set, a list
 * of entries from least to most recently used. Every lookup returns what the model does, every eviction is the one
 * the model makes, and the counters agree.
 */
class TlbArrayStatefulTest {
    private static final int GLOBAL = -1;
    private static final int[][] GEOMETRIES = {{8, 2}, {4, 4}, {4, 1}, {12, 3}};

    record Entry(long vpn, int owner, long payload) {
        boolean matches(long vpn, int pcid) {
            return this.vpn == vpn && (owner == pcid || owner == GLOBAL);
        }
    }

    static final class Both {
        final TlbArray tlb;
        final int ways;
        final int sets;
        final Map<Long, List<Entry>> model = new HashMap<>();
        long hits;
        long misses;
        long evictions;
        long nextPayload = 1;

        Both(int entries, int ways) {
            tlb = new TlbArray(entries, ways);
            this.ways = ways;
            this.sets = entries / ways;
        }

        @Override
        public String toString() {
            return tlb.entries() + " entries, " + ways + " ways";
        }

        List<Entry> set(long vpn) {
            return model.computeIfAbsent(Math.floorMod(vpn, (long) sets), s -> new ArrayList<>());
        }

        void lookup(long vpn, int pcid) {
            List<Entry> set = set(vpn);
            long expected = TlbArray.MISS;
            for (Entry e : set) {
                if (e.matches(vpn, pcid)) {
                    expected = e.payload;
                    set.remove(e);
                    set.add(e);
                    break;
                }
            }
            if (expected == TlbArray.MISS) {
                misses++;
            } else {
                hits++;
            }
            assertEquals(expected, tlb.lookup(vpn, pcid), "lookup " + vpn + " pcid " + pcid);
        }

        void insert(long vpn, int pcid, boolean global) {
            long payload = nextPayload++;
            List<Entry> set = set(vpn);
            set.removeIf(e -> e.vpn == vpn && (global || e.owner == GLOBAL || e.owner == pcid));
            if (set.size() == ways) {
                set.remove(0);
                evictions++;
            }
            set.add(new Entry(vpn, global ? GLOBAL : pcid, payload));
            tlb.insert(vpn, pcid, global, payload);
        }

        void invalidatePage(long vpn, int pcid) {
            set(vpn).removeIf(e -> e.matches(vpn, pcid));
            tlb.invalidatePage(vpn, pcid);
        }

        void invalidatePcid(int pcid) {
            model.values().forEach(set -> set.removeIf(e -> e.owner == pcid));
            tlb.invalidatePcid(pcid);
        }

        void flushNonGlobal() {
            model.values().forEach(set -> set.removeIf(e -> e.owner != GLOBAL));
            tlb.flushNonGlobal();
        }

        void flushAll() {
            model.clear();
            tlb.flushAll();
        }
    }

    // Few pages, so sets fill and pages recur; negative VPNs and the extremes index by their low bits too.
    private static Arbitrary<Long> vpns() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-4, 12), Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40));
    }

    private static Arbitrary<Integer> pcids() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, 2), Arbitraries.just(TlbArray.MAX_PCID));
    }

    @Provide
    Arbitrary<ActionChain<Both>> chains() {
        Action.Independent<Both> lookup = () -> vpns().flatMap(v -> pcids().map(p ->
                Transformer.mutate("lookup " + v + " pcid " + p, b -> b.lookup(v, p))));
        Action.Independent<Both> insert = () -> vpns().flatMap(v -> pcids().flatMap(p -> Arbitraries.of(false, false, true)
                .map(g -> Transformer.mutate("insert " + v + " pcid " + p + (g ? " global" : ""), b -> b.insert(v, p, g)))));
        Action.Independent<Both> invalidatePage = () -> vpns().flatMap(v -> pcids().map(p ->
                Transformer.mutate("invlpg " + v + " pcid " + p, b -> b.invalidatePage(v, p))));
        Action.Independent<Both> invalidatePcid = () -> pcids().map(p ->
                Transformer.mutate("invpcid " + p, b -> b.invalidatePcid(p)));
        Action.Independent<Both> flushNonGlobal = () -> Arbitraries.just(Transformer.mutate("flush non-global", Both::flushNonGlobal));
        Action.Independent<Both> flushAll = () -> Arbitraries.just(Transformer.mutate("flush all", Both::flushAll));
        return Arbitraries.of(GEOMETRIES).flatMap(g -> ActionChain.startWith(() -> new Both(g[0], g[1]))
                .withAction(8, lookup).withAction(6, insert).withAction(2, invalidatePage).withAction(1, invalidatePcid)
                .withAction(1, flushNonGlobal).withAction(1, flushAll).withMaxTransformations(150));
    }

    @Property(tries = 200)
    void behavesLikeAnLruModel(@ForAll("chains") ActionChain<Both> chain) {
        chain.withInvariant("same contents and counters", b -> {
            int valid = 0;
            for (List<Entry> set : b.model.values()) {
                valid += set.size();
            }
            assertEquals(valid, b.tlb.validEntries());
            assertTrue(valid <= b.tlb.entries());
            assertEquals(b.hits, b.tlb.hits());
            assertEquals(b.misses, b.tlb.misses());
            assertEquals(b.evictions, b.tlb.evictions());
        }).run();
    }
}
