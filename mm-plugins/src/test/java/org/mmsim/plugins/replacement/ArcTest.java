package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class ArcTest {
    private static final int T1 = 0;
    private static final int T2 = 1;
    private static final int B1 = 2;
    private static final int B2 = 3;
    private static final int P = 4;

    private static List<Long> keys(long... keys) {
        List<Long> list = new ArrayList<>();
        for (long key : keys) {
            list.add(key);
        }
        return list;
    }

    /**
     * c = 3, worked by hand from Fig. 4 (lists LRU first):
     * <pre>
     * 1 2 3   T1=[1,2,3]                                  (cold start, no REPLACE)
     * 1       hit: T1=[2,3] T2=[1]
     * 4       IV-B, total 3 >= c: REPLACE, |T1|=2 > p=0: 2 -> B1.    T1=[3,4] B1=[2]
     * 5       IV-A, |T1|+|B1| = 3: drop 2 from B1; REPLACE: 3 -> B1. T1=[4,5] B1=[3]
     * 3       II: p = 0+1 = 1; REPLACE, |T1|=2 > 1: 4 -> B1; 3 -> T2. T1=[5] T2=[1,3] B1=[4]
     * 4       II: p = 1+1 = 2; REPLACE, |T1|=1 <= 2: 1 -> B2; 4 -> T2. T1=[5] T2=[3,4] B2=[1]
     * 1       III: p = 2-1 = 1; REPLACE: x in B2 and |T1| = p = 1: the tie takes T1's LRU, 5 -> B1. T2=[3,4,1] B1=[5]
     * </pre>
     */
    @Example
    void handWorkedTraceWithTheTieRule() {
        Probe probe = Probe.host(new Arc(), 3);
        long[] trace = {1, 2, 3, 1, 4, 5, 3, 4, 1};
        int[][] states = {
            {1, 0, 0, 0, 0}, {2, 0, 0, 0, 0}, {3, 0, 0, 0, 0}, {2, 1, 0, 0, 0}, {2, 1, 1, 0, 0},
            {2, 1, 1, 0, 0}, {1, 2, 1, 0, 1}, {1, 2, 0, 1, 2}, {0, 3, 1, 0, 1},
        };
        for (int i = 0; i < trace.length; i++) {
            probe.harness.access(trace[i]);
            assertArrayEquals(states[i], Arc.state(probe.policy), "after request " + i + " (" + trace[i] + ")");
        }
        assertEquals(keys(2, 3, 4, 1, 5), probe.harness.victims());
    }

    /**
     * c = 2, worked by hand from Fig. 4:
     * <pre>
     * 1 2     T1=[1,2]
     * 3       IV-A with |T1| = c: 1 leaves with no ghost.  T1=[2,3]
     * 1       the same: 2 leaves.                          T1=[3,1]
     * 3       hit.                                         T1=[1] T2=[3]
     * 4       IV-B: REPLACE, |T1|=1 > 0: 1 -> B1.          T1=[4] T2=[3] B1=[1]
     * 1       II: p=1; REPLACE, |T1|=1 = p, x not in B2: 3 -> B2.  T1=[4] T2=[1] B2=[3]
     * 3       III: p=0; REPLACE: 4 -> B1.                  T2=[1,3] B1=[4]
     * 4       II: p=1; REPLACE, T1 empty: 1 -> B2.         T2=[3,4] B2=[1]
     * 5       IV-B: REPLACE: 3 -> B2.                      T1=[5] T2=[4] B2=[1,3]
     * 1       III: p=0; REPLACE: 5 -> B1.                  T2=[4,1] B1=[5] B2=[3]
     * 6       IV-B, total = 2c: drop 3 from B2; REPLACE: 4 -> B2.   T1=[6] T2=[1] B1=[5] B2=[4]
     * 3       IV (3 was forgotten), |T1|+|B1| = c: drop 5; REPLACE: 6 -> B1.  T1=[3] T2=[1] B1=[6] B2=[4]
     * </pre>
     */
    @Example
    void handWorkedTraceThroughEveryCase() {
        Probe probe = Probe.host(new Arc(), 2);
        for (long key : new long[] {1, 2, 3, 1, 3, 4, 1, 3, 4, 5, 1, 6, 3}) {
            probe.harness.access(key);
        }
        assertEquals(keys(1, 2, 1, 3, 4, 1, 3, 5, 4, 6), probe.harness.victims());
        assertArrayEquals(new int[] {1, 1, 1, 1, 0}, Arc.state(probe.policy));
    }

    @Property(tries = 200)
    void evictsWhatFigure4Evicts(@ForAll @Size(max = 300) List<@LongRange(max = 40) Long> trace,
                                 @ForAll @IntRange(min = 1, max = 12) int capacity) {
        assertEquals(Figure4.victims(trace, capacity), Probe.victims(new Arc(), capacity, Map.of(), trace));
    }

    /** The paper's bounds (|T1|+|T2| <= c, |T1|+|B1| <= c, the directory <= 2c, 0 <= p <= c), with removals. */
    @Property(tries = 200)
    void keepsThePapersBoundsAfterEveryRequestAndRemoval(
            @ForAll @Size(max = 300) List<@IntRange(min = -6, max = 30) Integer> operations,
            @ForAll @IntRange(min = 1, max = 12) int capacity) {
        Probe probe = Probe.host(new Arc(), capacity);
        probe.run(operations, () -> {
            int[] s = Arc.state(probe.policy);
            String state = Arrays.toString(s);
            assertEquals(probe.harness.size(), s[T1] + s[T2], "T1 and T2 are the resident pages: " + state);
            assertTrue(s[T1] + s[T2] <= capacity, state);
            assertTrue(s[T1] + s[B1] <= capacity, state);
            assertTrue(s[T1] + s[T2] + s[B1] + s[B2] <= 2 * capacity, state);
            assertTrue(s[P] >= 0 && s[P] <= capacity, state);
        });
    }

    /** Without removals, ghosts exist only once the cache is full, and then it stays full (the paper's conditions on the class of policies ARC belongs to). */
    @Property(tries = 200)
    void aFullCacheStaysFullAndGhostsNeedAFullCache(@ForAll @Size(max = 300) List<@IntRange(min = 0, max = 30) Integer> trace,
                                                     @ForAll @IntRange(min = 1, max = 12) int capacity) {
        Probe probe = Probe.host(new Arc(), capacity);
        probe.run(trace, () -> {
            int[] s = Arc.state(probe.policy);
            int resident = s[T1] + s[T2];
            if (resident < capacity) {
                assertEquals(0, s[B1] + s[B2], Arrays.toString(s));
            }
            if (resident + s[B1] + s[B2] >= capacity) {
                assertEquals(capacity, resident, Arrays.toString(s));
            }
        });
    }

    /** Fig. 4 transcribed with Java collections, integer p; lists iterate from LRU to MRU. */
    private static final class Figure4 {
        private final int c;
        private final LinkedHashSet<Long> t1 = new LinkedHashSet<>();
        private final LinkedHashSet<Long> t2 = new LinkedHashSet<>();
        private final LinkedHashSet<Long> b1 = new LinkedHashSet<>();
        private final LinkedHashSet<Long> b2 = new LinkedHashSet<>();
        private final List<Long> victims = new ArrayList<>();
        private int p;

        private Figure4(int c) {
            this.c = c;
        }

        static List<Long> victims(List<Long> trace, int c) {
            Figure4 arc = new Figure4(c);
            trace.forEach(arc::request);
            return arc.victims;
        }

        private static long removeLru(LinkedHashSet<Long> list) {
            Iterator<Long> it = list.iterator();
            long lru = it.next();
            it.remove();
            return lru;
        }

        private void replace(boolean xInB2) {
            if (!t1.isEmpty() && (t1.size() > p || (xInB2 && t1.size() == p))) {
                long page = removeLru(t1);
                victims.add(page);
                b1.add(page);
            } else {
                long page = removeLru(t2);
                victims.add(page);
                b2.add(page);
            }
        }

        void request(long x) {
            if (t1.remove(x) || t2.remove(x)) {
                t2.add(x);
            } else if (b1.contains(x)) {
                p = Math.min(p + (b1.size() >= b2.size() ? 1 : b2.size() / b1.size()), c);
                replace(false);
                b1.remove(x);
                t2.add(x);
            } else if (b2.contains(x)) {
                p = Math.max(p - (b2.size() >= b1.size() ? 1 : b1.size() / b2.size()), 0);
                replace(true);
                b2.remove(x);
                t2.add(x);
            } else {
                if (t1.size() + b1.size() == c) {
                    if (t1.size() < c) {
                        removeLru(b1);
                        replace(false);
                    } else {
                        victims.add(removeLru(t1));
                    }
                } else if (t1.size() + t2.size() + b1.size() + b2.size() >= c) {
                    if (t1.size() + t2.size() + b1.size() + b2.size() == 2 * c) {
                        removeLru(b2);
                    }
                    replace(false);
                }
                t1.add(x);
            }
        }
    }
}
