package org.mmsim.spi.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;

/** The map behaves exactly like {@link HashMap} under any chain of puts, removes and clears. */
class LongIntHashMapTest {
    static final class Both {
        final LongIntHashMap map = new LongIntHashMap(2, -1);
        final Map<Long, Integer> model = new HashMap<>();
    }

    // Few distinct keys, many colliding in a small table, plus the free-key sentinel 0 and the extremes.
    private static Arbitrary<Long> keys() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-20, 40), Arbitraries.of(0L, Long.MIN_VALUE, Long.MAX_VALUE),
                Arbitraries.longs().between(0, 20).map(k -> k << 32));
    }

    @Provide
    Arbitrary<ActionChain<Both>> chains() {
        Action.Independent<Both> put = () -> Arbitraries.integers().between(0, 1000).flatMap(v -> keys().map(k ->
                Transformer.mutate("put " + k + "=" + v, b -> assertEquals(orMissing(b.model.put(k, v)), b.map.put(k, v)))));
        Action.Independent<Both> remove = () -> keys().map(k ->
                Transformer.mutate("remove " + k, b -> assertEquals(orMissing(b.model.remove(k)), b.map.remove(k))));
        Action.Independent<Both> clear = () -> Arbitraries.just(Transformer.mutate("clear", b -> {
            b.map.clear();
            b.model.clear();
        }));
        return ActionChain.startWith(Both::new).withAction(6, put).withAction(4, remove).withAction(1, clear)
                .withMaxTransformations(300);
    }

    private static int orMissing(Integer value) {
        return value == null ? -1 : value;
    }

    @Property(tries = 200)
    void behavesLikeAHashMap(@ForAll("chains") ActionChain<Both> chain) {
        chain.withInvariant("same size and contents", b -> {
            assertEquals(b.model.size(), b.map.size());
            for (long k = -20; k <= 40; k++) {
                assertEquals(orMissing(b.model.get(k)), b.map.get(k), "key " + k);
                assertEquals(b.model.containsKey(k), b.map.containsKey(k), "key " + k);
            }
            for (long k : b.model.keySet()) {
                assertEquals((int) b.model.get(k), b.map.get(k), "key " + k);
            }
        }).run();
    }
}
