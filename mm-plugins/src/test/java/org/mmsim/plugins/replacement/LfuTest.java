package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.mmsim.testkit.ReplacementHarness;

class LfuTest {
    private static final long A = 1, B = 2, C = 3, D = 4, E = 5, F = 6, G = 7;

    private static ReplacementHarness run(int capacity, long... requests) {
        ReplacementHarness harness = new ReplacementHarness(new Lfu(), new PolicySettings(capacity, 1, PolicyArguments.none()));
        for (long key : requests) {
            harness.access(key);
        }
        return harness;
    }

    @Example
    void evictsTheLeastFrequentAndTheLeastRecentAmongEquals() {
        List<Long> victims = run(3,
                A, B, C,  // counts 1 1 1
                A,        // A 2
                D,        // B and C at 1, B used longer ago: B goes; D 1
                C,        // C 2 (used after A)
                E,        // D, the only page at 1, goes; E 1
                F,        // E goes; F 1
                F, F,     // F 3; A and C at 2, A used longer ago
                G)        // A goes
                .victims();
        assertEquals(List.of(B, D, E, A), victims);
    }

    @Example
    void countsAreForgottenOnEviction() {
        List<Long> victims = run(2,
                A, A, A,     // A 3
                B, B, B, B,  // B 4
                C, C, C, C,  // A (3) goes; C reaches 4
                D,           // B and C at 4, B used longer ago: B goes
                A,           // D (1) goes; A returns at 1, not 4
                E)           // A (1) goes rather than C (4); remembering A's old count would have taken C
                .victims();
        assertEquals(List.of(A, B, D, A), victims);
    }

    /** The definition, by linear scan: (count since insertion, time of last reference), least first. */
    static final class Model implements VictimModelCheck.Model {
        private final int capacity;
        private final Map<Long, long[]> countAndLastUse = new HashMap<>();
        private long clock;

        Model(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public Long access(long key) {
            long[] state = countAndLastUse.get(key);
            if (state != null) {
                state[0]++;
                state[1] = ++clock;
                return null;
            }
            Long victim = null;
            if (countAndLastUse.size() == capacity) {
                for (Map.Entry<Long, long[]> e : countAndLastUse.entrySet()) {
                    long[] s = e.getValue();
                    long[] v = victim == null ? null : countAndLastUse.get(victim);
                    if (v == null || s[0] < v[0] || s[0] == v[0] && s[1] < v[1]) {
                        victim = e.getKey();
                    }
                }
                countAndLastUse.remove(victim);
            }
            countAndLastUse.put(key, new long[] {1, ++clock});
            return victim;
        }

        @Override
        public void remove(long key) {
            countAndLastUse.remove(key);
        }
    }

    @Property(tries = 200)
    void evictsExactlyWhatTheDefinitionEvicts(@ForAll @Size(max = 300) List<@LongRange(min = -4, max = 20) Long> operations,
                                              @ForAll @IntRange(min = 1, max = 10) int capacity) {
        VictimModelCheck.check(new Lfu(), Map.of(), capacity, operations, new Model(capacity));
    }
}
