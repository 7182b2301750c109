package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.mmsim.testkit.ReplacementHarness;

class LirsTest {
    private static final long A = 1;
    private static final long B = 2;
    private static final long C = 3;
    private static final long D = 4;
    private static final long E = 5;

    /**
     * The ten references of the paper's example (Table 1, blocks A to E at virtual times 1 to 10), as we reconstructed
     * them: they give the table's recency column (A 1, B 3, C 4, D 2, E 0) and IRR column (A 1, B 1, C infinite, D 3,
     * E infinite), and leave the paper's state at time 10 with Llirs = 2 and Lhirs = 1: LIR = {A, B}, E the only
     * resident HIR block. The expected stacks are hand-computed from the rules of Section 3.3.
     */
    private static final long[] PAPER_TRACE = {A, D, A, B, C, B, A, D, A, E};

    private static Probe paperExample() {
        // Capacity 3 with the default 1% gives Lhirs = max(1, 0) = 1 and Llirs = 2, the paper's example sizes.
        Probe lirs = Probe.host(new Lirs(), 3, Map.of());
        for (long key : PAPER_TRACE) {
            lirs.harness.access(key);
        }
        return lirs;
    }

    @Example
    void thePapersExampleReachesItsStateAtTimeTen() {
        Probe lirs = paperExample();
        ReplacementHarness harness = lirs.harness;
        // Hits: A at 3, 7 and 9, and D at 8 (demoted to Q at 6, so a resident HIR block no longer in S).
        assertEquals(4, harness.hits());
        assertEquals(List.of(B, C, D), harness.victims());
        // Bottom first: B (LIR), D (non-resident HIR, still in S), A (LIR), E (resident HIR, also in Q).
        assertEquals("S=[2L, 4N, 1L, 5H] Q=[5]", Lirs.describe(lirs.policy));
    }

    @Example
    void anLirBlockAtTheBottomMovesToTheTopAndTheStackIsPruned() {
        Probe lirs = paperExample();
        assertTrue(lirs.harness.access(B));
        // D, the non-resident entry now at the bottom, is pruned away; A is the new bottom.
        assertEquals("S=[1L, 5H, 2L] Q=[5]", Lirs.describe(lirs.policy));
    }

    @Example
    void aResidentHirBlockInTheStackBecomesLirAndTheBottomLirBlockHir() {
        Probe lirs = paperExample();
        assertTrue(lirs.harness.access(E));
        assertEquals("S=[1L, 5L] Q=[2]", Lirs.describe(lirs.policy));
        assertTrue(lirs.harness.isResident(B));
    }

    @Example
    void aNonResidentBlockInTheStackComesBackAsLir() {
        Probe lirs = paperExample();
        assertFalse(lirs.harness.access(D));
        // E, the front of Q, is evicted and stays in S; D becomes LIR and B, the bottom, goes to Q.
        assertEquals(List.of(B, C, D, E), lirs.harness.victims());
        assertEquals("S=[1L, 5N, 4L] Q=[2]", Lirs.describe(lirs.policy));
    }

    @Example
    void aBlockNotInTheStackComesInAsResidentHir() {
        Probe lirs = paperExample();
        assertFalse(lirs.harness.access(C));
        assertEquals(List.of(B, C, D, E), lirs.harness.victims());
        assertEquals("S=[2L, 4N, 1L, 5N, 3H] Q=[3]", Lirs.describe(lirs.policy));
    }

    @Example
    void theFirstLlirsDistinctBlocksBecomeLir() {
        Probe lirs = Probe.host(new Lirs(), 4, Map.of(Lirs.HIR_RATIO, "0.5"));
        for (long key = 1; key <= 4; key++) {
            lirs.harness.access(key);
        }
        assertEquals("S=[1L, 2L, 3H, 4H] Q=[3, 4]", Lirs.describe(lirs.policy));
    }

    @Example
    void aRemovedBottomBlockLeavesNoHistoryAndTheStackIsPrunedAgain() {
        Probe lirs = paperExample();
        lirs.harness.remove(B);
        assertEquals("S=[1L, 5H] Q=[5]", Lirs.describe(lirs.policy));
        // The freed LIR quota goes to the next missed block; B is new again, not a non-resident entry.
        assertFalse(lirs.harness.access(B));
        assertEquals("S=[1L, 5H, 2L] Q=[5]", Lirs.describe(lirs.policy));
    }

    @Example
    void theOldestNonResidentEntryGoesWhenTheBoundIsReached() {
        // Capacity 3, one non-resident entry at most.
        Probe lirs = Probe.host(new Lirs(), 3, Map.of(Lirs.NONRESIDENT_RATIO, "0.34"));
        for (long key : new long[] {A, B, C, D, E}) {
            lirs.harness.access(key);
        }
        // C and D were evicted from Q in turn; D's entry replaced C's.
        assertEquals("S=[1L, 2L, 4N, 5H] Q=[5]", Lirs.describe(lirs.policy));
        lirs.harness.access(C);
        assertEquals("S=[1L, 2L, 5N, 3H] Q=[3]", Lirs.describe(lirs.policy));
        // E's miss evicts C while the only entry is E's own: E keeps it (and comes back as LIR), C gets none.
        lirs.harness.access(E);
        assertEquals(List.of(C, D, E, C), lirs.harness.victims());
        assertEquals("S=[2L, 5L] Q=[1]", Lirs.describe(lirs.policy));
    }

    @Example
    void hirSlotsAreOnePercentRoundedDownAndAtLeastOne() {
        assertEquals(275, Lirs.hirLimit(27_517, 0.01));
        assertEquals(1, Lirs.hirLimit(99, 0.01));
        assertEquals(1, Lirs.hirLimit(1, 0.01));
        assertEquals(1, Lirs.hirLimit(10, 0));
        assertEquals(25, Lirs.hirLimit(50, 0.5));
        assertEquals(10, Lirs.hirLimit(10, 1));
    }

    /**
     * The paper's invariants after every request or removal: the bottom of S is an LIR block, at most Llirs blocks
     * are LIR, at most Lhirs resident blocks are HIR, and LIR plus resident HIR blocks are exactly the resident pages.
     */
    @Property(tries = 200)
    void theStackBottomIsLirAndTheQuotasHold(@ForAll @Size(max = 300) List<@LongRange(min = -4, max = 30) Long> ops,
                                             @ForAll @IntRange(min = 1, max = 12) int capacity,
                                             @ForAll @IntRange(min = 0, max = 4) int hirChoice,
                                             @ForAll @IntRange(min = 0, max = 3) int historyChoice) {
        String hirRatio = new String[] {"0", "0.01", "0.2", "0.5", "1"}[hirChoice];
        String history = new String[] {"0", "0.5", "1", "2"}[historyChoice];
        Probe lirs = Probe.host(new Lirs(), capacity, Map.of(Lirs.HIR_RATIO, hirRatio, Lirs.NONRESIDENT_RATIO, history));
        ReplacementHarness harness = lirs.harness;
        for (long op : ops) {
            if (op >= 0) {
                harness.access(op);
            } else if (harness.size() > 0) {
                List<Long> resident = new ArrayList<>(harness.residentKeys());
                resident.sort(null);
                harness.remove(resident.get((int) (-op) % resident.size()));
            }
            assertNull(Lirs.violation(lirs.policy, harness.size()), () -> "after " + op);
        }
    }

    /** With history enough for every key, the policy evicts exactly what a plain model of the paper's rules evicts. */
    @Property(tries = 200)
    void evictsWhatAPlainModelOfThePaperEvicts(@ForAll @Size(max = 300) List<@LongRange(max = 30) Long> trace,
                                               @ForAll @IntRange(min = 1, max = 12) int capacity,
                                               @ForAll @IntRange(min = 0, max = 2) int hirChoice) {
        String hirRatio = new String[] {"0.01", "0.25", "0.5"}[hirChoice];
        // 64 x capacity non-resident entries: more than the 31 keys, so the bound never applies.
        Probe lirs = Probe.host(new Lirs(), capacity, Map.of(Lirs.HIR_RATIO, hirRatio, Lirs.NONRESIDENT_RATIO, "64"));
        int hirLimit = Lirs.hirLimit(capacity, Double.parseDouble(hirRatio));
        PlainLirs model = new PlainLirs(capacity - hirLimit, capacity);
        for (long key : trace) {
            lirs.harness.access(key);
            model.access(key);
        }
        assertEquals(model.victims, lirs.harness.victims());
    }

    /** The paper's rules on java.util lists, with an unbounded stack: slow, and simple enough to check by eye. */
    private static final class PlainLirs {
        private final int lirLimit;
        private final int capacity;
        private final LinkedList<Long> stack = new LinkedList<>(); // bottom first
        private final LinkedList<Long> queue = new LinkedList<>(); // front first
        private final Set<Long> lir = new HashSet<>();
        private final Set<Long> resident = new HashSet<>();
        final List<Long> victims = new ArrayList<>();

        PlainLirs(int lirLimit, int capacity) {
            this.lirLimit = lirLimit;
            this.capacity = capacity;
        }

        void access(long key) {
            if (resident.contains(key) && lir.contains(key)) {
                stack.remove(key);
                stack.addLast(key);
            } else if (resident.contains(key)) {
                if (stack.contains(key)) {
                    stack.remove(key);
                    stack.addLast(key);
                    queue.remove(key);
                    lir.add(key);
                    demoteIfOver();
                } else {
                    stack.addLast(key);
                    queue.remove(key);
                    queue.addLast(key);
                }
            } else {
                if (resident.size() == capacity) {
                    long victim = queue.removeFirst();
                    resident.remove(victim);
                    victims.add(victim);
                }
                resident.add(key);
                if (stack.contains(key)) {
                    stack.remove(key);
                    stack.addLast(key);
                    lir.add(key);
                    demoteIfOver();
                } else if (lir.size() < lirLimit) {
                    stack.addLast(key);
                    lir.add(key);
                } else {
                    stack.addLast(key);
                    queue.addLast(key);
                }
            }
            while (!stack.isEmpty() && !lir.contains(stack.getFirst())) {
                stack.removeFirst();
            }
        }

        private void demoteIfOver() {
            if (lir.size() > lirLimit) {
                long bottom = stack.removeFirst();
                lir.remove(bottom);
                queue.addLast(bottom);
            }
        }
    }
}
