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
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class TwoQTest {
    private static final int A1IN = 0;
    private static final int AM = 1;
    private static final int A1OUT = 2;

    /**
     * c = 4 with the defaults: Kin = floor(0.25 × 4) = 1, Kout = floor(0.5 × 4) = 2. Queues oldest first:
     * <pre>
     * 1 2 3 4   A1in=[1,2,3,4]
     * 1         hit in A1in: nothing
     * 5         |A1in| = 4 > Kin: 1 -> A1out.                    A1in=[2,3,4,5] A1out=[1]
     * 1         in A1out: leaves it; 2 -> A1out; 1 enters Am.     A1in=[3,4,5] Am=[1] A1out=[2]
     * 6         3 -> A1out.                                      A1in=[4,5,6] A1out=[2,3]
     * 7         4 -> A1out, which drops 2.                       A1in=[5,6,7] A1out=[3,4]
     * 2         forgotten, a new page: 5 -> A1out, drops 3.      A1in=[6,7,2] A1out=[4,5]
     * 4         in A1out: 6 -> A1out (A1out=[5,6]); 4 enters Am. A1in=[7,2] Am=[1,4]
     * 1         hit in Am.                                       Am=[4,1]
     * 8         7 -> A1out, drops 5.                             A1in=[2,8] A1out=[6,7]
     * 9         2 -> A1out, drops 6.                             A1in=[8,9] A1out=[7,2]
     * 7         in A1out: 8 -> A1out; 7 enters Am.               A1in=[9] Am=[4,1,7] A1out=[2,8]
     * 2         in A1out; |A1in| = 1 = Kin: Am's LRU 4 goes, not remembered.  A1in=[9] Am=[1,7,2] A1out=[8]
     * 4         a new page; |A1in| = Kin: Am's LRU 1 goes.       A1in=[9,4] Am=[7,2] A1out=[8]
     * </pre>
     */
    @Example
    void handWorkedTrace() {
        Probe probe = Probe.host(new TwoQ(), 4);
        for (long key : new long[] {1, 2, 3, 4, 1, 5, 1, 6, 7, 2, 4, 1, 8, 9, 7, 2, 4}) {
            probe.harness.access(key);
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 2L, 8L, 4L, 1L), probe.harness.victims());
        assertArrayEquals(new int[] {2, 2, 1}, TwoQ.state(probe.policy));
    }

    @Example
    void sharesAreRoundedDown() {
        assertEquals(6879, TwoQ.share(0.25, 27_517));
        assertEquals(13_758, TwoQ.share(0.5, 27_517));
        assertEquals(0, TwoQ.share(0.25, 3));
    }

    @Property(tries = 200)
    void evictsWhatThePapersPseudoCodeEvicts(@ForAll @Size(max = 300) List<@LongRange(max = 40) Long> trace,
                                            @ForAll @IntRange(min = 1, max = 12) int capacity,
                                            @ForAll @DoubleRange(min = 0, max = 1) double kin,
                                            @ForAll @DoubleRange(min = 0, max = 2) double kout) {
        Map<String, String> arguments = Map.of(TwoQ.KIN, Double.toString(kin), TwoQ.KOUT, Double.toString(kout));
        List<Long> expected = FullTwoQ.victims(trace, capacity, TwoQ.share(kin, capacity), TwoQ.share(kout, capacity));
        assertEquals(expected, Probe.victims(new TwoQ(), capacity, arguments, trace));
    }

    @Property(tries = 200)
    void a1outStaysWithinKoutAndTheQueuesHoldTheResidentPages(
            @ForAll @Size(max = 300) List<@IntRange(min = -6, max = 30) Integer> operations,
            @ForAll @IntRange(min = 1, max = 12) int capacity,
            @ForAll @DoubleRange(min = 0, max = 2) double kout) {
        Probe probe = Probe.host(new TwoQ(), capacity, Map.of(TwoQ.KOUT, Double.toString(kout)));
        probe.run(operations, () -> {
            int[] s = TwoQ.state(probe.policy);
            assertEquals(probe.harness.size(), s[A1IN] + s[AM], Arrays.toString(s));
            assertTrue(s[A1OUT] <= TwoQ.share(kout, capacity), Arrays.toString(s));
        });
    }

    /** The paper's pseudo-code for full 2Q with Java collections; every queue iterates from oldest to newest. */
    private static final class FullTwoQ {
        private final int c;
        private final int kin;
        private final int kout;
        private final LinkedHashSet<Long> a1in = new LinkedHashSet<>();
        private final LinkedHashSet<Long> a1out = new LinkedHashSet<>();
        private final LinkedHashSet<Long> am = new LinkedHashSet<>();
        private final List<Long> victims = new ArrayList<>();

        private FullTwoQ(int c, int kin, int kout) {
            this.c = c;
            this.kin = kin;
            this.kout = kout;
        }

        static List<Long> victims(List<Long> trace, int c, int kin, int kout) {
            FullTwoQ twoQ = new FullTwoQ(c, kin, kout);
            trace.forEach(twoQ::request);
            return twoQ.victims;
        }

        private static long removeOldest(LinkedHashSet<Long> queue) {
            Iterator<Long> it = queue.iterator();
            long oldest = it.next();
            it.remove();
            return oldest;
        }

        private void reclaimFor() {
            if (a1in.size() + am.size() < c) {
                return;
            }
            if (a1in.size() > kin || am.isEmpty()) {
                long y = removeOldest(a1in);
                victims.add(y);
                a1out.add(y);
                if (a1out.size() > kout) {
                    removeOldest(a1out);
                }
            } else {
                victims.add(removeOldest(am));
            }
        }

        void request(long x) {
            if (am.remove(x)) {
                am.add(x);
            } else if (a1out.remove(x)) {
                reclaimFor();
                am.add(x);
            } else if (!a1in.contains(x)) {
                reclaimFor();
                a1in.add(x);
            }
        }
    }
}
