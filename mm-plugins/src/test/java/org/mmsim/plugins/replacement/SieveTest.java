package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementHarness;

class SieveTest {
    private static List<Long> victims(int capacity, long... requests) {
        return victims(new Sieve(), capacity, requests);
    }

    private static List<Long> victims(ReplacementPolicyProvider provider, int capacity, long... requests) {
        ReplacementHarness harness = new ReplacementHarness(provider, new PolicySettings(capacity, 1, PolicyArguments.none()));
        for (long key : requests) {
            harness.access(key);
        }
        return harness.victims();
    }

    @Example
    void aSurvivorStaysInPlaceWhileNewPagesAreSiftedOut() {
        // Capacity 4, tail to head A B C D; A hit. E: the hand clears A and takes B, resting on C: A C D E.
        // F, G take C and D. H takes E, a page newer than A: A was passed over and stays at the tail, where the hand
        // will not look again until it wraps. CLOCK and LRU both evict A here instead.
        assertEquals(List.of(2L, 3L, 4L, 5L), victims(4, 1, 2, 3, 4, 1, 5, 6, 7, 8));
        assertEquals(List.of(2L, 3L, 4L, 1L), victims(new Clock(), 4, 1, 2, 3, 4, 1, 5, 6, 7, 8));
    }

    @Example
    void theHandWrapsFromTheHeadToTheTail() {
        // Capacity 3, A B C; A and C hit. D: clear A, take B; hand on C: A C D. D hit.
        // E: clear C, clear D, past the head: wrap to the tail, A (cleared on the first sweep) goes. Hand on C: C D E.
        // F: C (cleared) goes.
        assertEquals(List.of(2L, 1L, 3L), victims(3, 1, 2, 3, 1, 3, 4, 4, 5, 6));
    }

    @Example
    void evictingTheHeadSendsTheHandBackToTheTail() {
        // Capacity 3, A B C, A and B hit. D: clear A, clear B, take C (the head); the next search starts at the tail.
        // E: A (cleared) goes.
        assertEquals(List.of(3L, 1L), victims(3, 1, 2, 3, 1, 2, 4, 5));
    }

    /** The paper's pseudocode over an array list, tail first, with the hand as a key. */
    static final class Model implements VictimModelCheck.Model {
        private final int capacity;
        private final List<Long> queue = new ArrayList<>();
        private final Map<Long, Boolean> visited = new HashMap<>();
        private Long hand;

        Model(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public Long access(long key) {
            if (visited.containsKey(key)) {
                visited.put(key, true);
                return null;
            }
            Long victim = null;
            if (queue.size() == capacity) {
                int i = hand == null ? 0 : queue.indexOf(hand);
                while (visited.get(queue.get(i))) {
                    visited.put(queue.get(i), false);
                    i = (i + 1) % queue.size();
                }
                victim = queue.get(i);
                hand = victim;
                remove(victim);
            }
            queue.add(key);
            visited.put(key, false);
            return victim;
        }

        @Override
        public void remove(long key) {
            int i = queue.indexOf(key);
            if (hand != null && hand == key) {
                hand = i + 1 < queue.size() ? queue.get(i + 1) : null;
            }
            queue.remove(i);
            visited.remove(key);
        }
    }

    @Property(tries = 200)
    void evictsWhatThePapersPseudocodeEvicts(@ForAll @Size(max = 300) List<@LongRange(min = -4, max = 20) Long> operations,
                                             @ForAll @IntRange(min = 1, max = 10) int capacity) {
        VictimModelCheck.check(new Sieve(), Map.of(), capacity, operations, new Model(capacity));
    }
}
