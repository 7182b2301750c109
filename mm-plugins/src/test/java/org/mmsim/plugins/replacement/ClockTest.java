package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.testkit.ReplacementHarness;

class ClockTest {
    private static List<Long> victims(int capacity, long... requests) {
        ReplacementHarness harness = new ReplacementHarness(new Clock(), new PolicySettings(capacity, 1, PolicyArguments.none()));
        for (long key : requests) {
            harness.access(key);
        }
        return harness.victims();
    }

    @Example
    void theReferenceThatBringsAPageInDoesNotSetItsBit() {
        // A B: both bits clear. A hit sets A's. C: the hand clears A and takes B, whose bit was never set. Had new pages
        // started referenced, the hand would have cleared A and B and come back round to A.
        assertEquals(List.of(2L), victims(2, 1, 2, 1, 3));
    }

    @Example
    void allPagesReferencedDegeneratesToFifoUnlikeLru() {
        // A B C, then hits on C, B, A: every bit set. D: the hand clears all three and comes back to A, the oldest; LRU
        // would take C, the least recently used.
        assertEquals(List.of(1L), victims(3, 1, 2, 3, 3, 2, 1, 4));
    }

    @Example
    void aWorkedSweep() {
        // Capacity 3. A B C; the circle, from the hand: A B C.
        // A hit: A=1.  D: clear A, take B; the hand rests on C; D joins just behind it: C A D.
        // C hit: C=1.  E: clear C, take A; hand on D: D C E.
        // F: D (0) goes; hand on C: C E F.  G: C was cleared by the sweep for E, so it goes.
        assertEquals(List.of(2L, 1L, 4L, 3L), victims(3, 1, 2, 3, 1, 4, 3, 5, 6, 7));
    }

    @Example
    void aNewPageIsExaminedLastOfAll() {
        // A B C D; A hit. E: clear A, take B; hand on C; E joins behind the hand: C D A E. Four more misses take C, D,
        // then A (cleared), and only then E.
        assertEquals(List.of(2L, 3L, 4L, 1L, 5L), victims(4, 1, 2, 3, 4, 1, 5, 6, 7, 8, 9));
    }

    /** FIFO with reinsertion, as libCacheSim keeps CLOCK: a list, oldest first, with a bit per key. */
    static final class Model implements VictimModelCheck.Model {
        private final int capacity;
        private final LinkedList<Long> queue = new LinkedList<>();
        private final Map<Long, Boolean> referenced = new HashMap<>();

        Model(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public Long access(long key) {
            if (referenced.containsKey(key)) {
                referenced.put(key, true);
                return null;
            }
            Long victim = null;
            if (queue.size() == capacity) {
                while (referenced.get(queue.getFirst())) {
                    long spared = queue.removeFirst();
                    referenced.put(spared, false);
                    queue.addLast(spared);
                }
                victim = queue.removeFirst();
                referenced.remove(victim);
            }
            queue.addLast(key);
            referenced.put(key, false);
            return victim;
        }

        @Override
        public void remove(long key) {
            queue.remove(key);
            referenced.remove(key);
        }
    }

    @Property(tries = 200)
    void evictsWhatFifoWithReinsertionEvicts(@ForAll @Size(max = 300) List<@LongRange(min = -4, max = 20) Long> operations,
                                             @ForAll @IntRange(min = 1, max = 10) int capacity) {
        VictimModelCheck.check(new Clock(), Map.of(), capacity, operations, new Model(capacity));
    }
}
