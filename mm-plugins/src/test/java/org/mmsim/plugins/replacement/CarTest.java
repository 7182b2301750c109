package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class CarTest {
    private static final int T1 = 0;
    private static final int T2 = 1;
    private static final int B1 = 2;
    private static final int B2 = 3;
    private static final int P = 4;

    /**
     * c = 2, worked by hand from Fig. 2 (clocks head first, with reference bits; ghost lists LRU first):
     * <pre>
     * 1 2   T1=[1:0,2:0]
     * 1     hit: bit of 1 set
     * 3     replace: |T1|=2 >= max(1,p=0): 1 is referenced, to T2's tail; 2 is not: 2 -> B1.
     *       3 in no ghost list, |T1|+|B1| = 1, directory 2 < 2c: T1=[3] T2=[1] B1=[2]
     * 2     replace: 3 -> B1 (B1=[2,3]); 2 in B1: p = min(0 + max(1, 0/2), 2) = 1; T2=[1,2] B1=[3]
     * 1     hit: bit of 1 set
     * 4     replace: |T1|=0 < 1: T2 hand: 1 referenced, cleared, to the tail; 2 -> B2. T1=[4] T2=[1] B1=[3] B2=[2]
     * 3     replace: |T1|=1 >= 1: 4 -> B1 (B1=[3,4]); 3 in B1: p = min(1 + max(1, 1/2), 2) = 2. T2=[1,3] B1=[4] B2=[2]
     * 2     replace: |T1|=0 < 2: 1 -> B2 (B2=[2,1]); 2 in B2: p = max(2 - max(1, 1/2), 0) = 1. T2=[3,2] B1=[4] B2=[1]
     * 5     replace: 3 -> B2; directory = 2c: drop 1 from B2. T1=[5] T2=[2] B1=[4] B2=[3]
     * 6     replace: |T1|=1 >= 1: 5 -> B1; |T1|+|B1| = c: drop 4 from B1. T1=[6] T2=[2] B1=[5] B2=[3]
     * </pre>
     */
    @Example
    void handWorkedTrace() {
        Probe probe = Probe.host(new Car(), 2);
        long[] trace = {1, 2, 1, 3, 2, 1, 4, 3, 2, 5, 6};
        int[][] states = {
            {1, 0, 0, 0, 0}, {2, 0, 0, 0, 0}, {2, 0, 0, 0, 0}, {1, 1, 1, 0, 0}, {0, 2, 1, 0, 1}, {0, 2, 1, 0, 1},
            {1, 1, 1, 1, 1}, {0, 2, 1, 1, 2}, {0, 2, 1, 1, 1}, {1, 1, 1, 1, 1}, {1, 1, 1, 1, 1},
        };
        for (int i = 0; i < trace.length; i++) {
            probe.harness.access(trace[i]);
            assertArrayEquals(states[i], Car.state(probe.policy), "after request " + i + " (" + trace[i] + ")");
        }
        assertEquals(List.of(2L, 3L, 2L, 4L, 1L, 3L, 5L), probe.harness.victims());
        assertTrue(probe.harness.isResident(6) && probe.harness.isResident(2));
    }

    @Property(tries = 200)
    void evictsWhatFigure2Evicts(@ForAll @Size(max = 300) List<@LongRange(max = 40) Long> trace,
                                 @ForAll @IntRange(min = 1, max = 12) int capacity) {
        assertEquals(Figure2.victims(trace, capacity), Probe.victims(new Car(), capacity, Map.of(), trace));
    }

    /** The paper's invariants I1 to I4, and 0 <= p <= c, with removals. */
    @Property(tries = 200)
    void keepsThePapersBoundsAfterEveryRequestAndRemoval(
            @ForAll @Size(max = 300) List<@IntRange(min = -6, max = 30) Integer> operations,
            @ForAll @IntRange(min = 1, max = 12) int capacity) {
        Probe probe = Probe.host(new Car(), capacity);
        probe.run(operations, () -> {
            int[] s = Car.state(probe.policy);
            String state = Arrays.toString(s);
            assertEquals(probe.harness.size(), s[T1] + s[T2], "T1 and T2 are the resident pages: " + state);
            assertTrue(s[T1] + s[T2] <= capacity, state);
            assertTrue(s[T1] + s[B1] <= capacity, state);
            assertTrue(s[T2] + s[B2] <= 2 * capacity, state);
            assertTrue(s[T1] + s[T2] + s[B1] + s[B2] <= 2 * capacity, state);
            assertTrue(s[P] >= 0 && s[P] <= capacity, state);
        });
    }

    /** Invariants I5-I7: without removals, ghosts need a full cache, and a full cache stays full. */
    @Property(tries = 200)
    void aFullCacheStaysFullAndGhostsNeedAFullCache(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 30) Integer> trace,
                                                     @ForAll @IntRange(min = 1, max = 12) int capacity) {
        Probe probe = Probe.host(new Car(), capacity);
        boolean[] wasFull = {false};
        probe.run(trace, () -> {
            int[] s = Car.state(probe.policy);
            int resident = s[T1] + s[T2];
            if (resident < capacity) {
                assertEquals(0, s[B1] + s[B2], Arrays.toString(s));
                assertTrue(!wasFull[0], "the cache was full and is not any more: " + Arrays.toString(s));
            }
            if (resident + s[B1] + s[B2] >= capacity) {
                assertEquals(capacity, resident, Arrays.toString(s));
            }
            wasFull[0] |= resident == capacity;
        });
    }

    /** Fig. 2 transcribed with Java collections, integer p. Clocks iterate from the head; ghost lists from LRU to MRU. */
    private static final class Figure2 {
        private final int c;
        private final LinkedHashMap<Long, Boolean> t1 = new LinkedHashMap<>();
        private final LinkedHashMap<Long, Boolean> t2 = new LinkedHashMap<>();
        private final LinkedHashSet<Long> b1 = new LinkedHashSet<>();
        private final LinkedHashSet<Long> b2 = new LinkedHashSet<>();
        private final List<Long> victims = new ArrayList<>();
        private int p;

        private Figure2(int c) {
            this.c = c;
        }

        static List<Long> victims(List<Long> trace, int c) {
            Figure2 car = new Figure2(c);
            trace.forEach(car::request);
            return car.victims;
        }

        private static long removeLru(LinkedHashSet<Long> list) {
            Iterator<Long> it = list.iterator();
            long lru = it.next();
            it.remove();
            return lru;
        }

        private void replace() {
            while (true) {
                LinkedHashMap<Long, Boolean> clock = t1.size() >= Math.max(1, p) ? t1 : t2;
                long head = clock.keySet().iterator().next();
                boolean referenced = clock.remove(head);
                if (!referenced) {
                    victims.add(head);
                    (clock == t1 ? b1 : b2).add(head);
                    return;
                }
                t2.put(head, false);
            }
        }

        void request(long x) {
            if (t1.containsKey(x)) {
                t1.put(x, true);
                return;
            }
            if (t2.containsKey(x)) {
                t2.put(x, true);
                return;
            }
            boolean inGhost = b1.contains(x) || b2.contains(x);
            if (t1.size() + t2.size() == c) {
                replace();
                if (!inGhost && t1.size() + b1.size() == c) {
                    removeLru(b1);
                } else if (!inGhost && t1.size() + t2.size() + b1.size() + b2.size() == 2 * c) {
                    removeLru(b2);
                }
            }
            if (!inGhost) {
                t1.put(x, false);
            } else if (b1.contains(x)) {
                p = Math.min(p + Math.max(1, b2.size() / b1.size()), c);
                b1.remove(x);
                t2.put(x, false);
            } else {
                p = Math.max(p - Math.max(1, b1.size() / b2.size()), 0);
                b2.remove(x);
                t2.put(x, false);
            }
        }
    }
}
