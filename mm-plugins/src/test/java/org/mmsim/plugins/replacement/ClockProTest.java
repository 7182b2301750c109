package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.mmsim.testkit.ReplacementHarness;

class ClockProTest {
    /**
     * A hand-computed trace at capacity 4 with the defaults: mc starts at its least, 1, and may grow to 3. The clock is
     * written from the tail (HANDhot's page); H hot, C resident cold, N non-resident, t in test, r referenced.
     */
    @Example
    void aHandComputedTrace() {
        Probe clockPro = Probe.host(new ClockPro(), 4, Map.of());
        ReplacementHarness harness = clockPro.harness;
        for (long key = 1; key <= 4; key++) {
            assertFalse(harness.access(key));
        }
        // Cold start: hot while more than mc slots are free, so 1, 2 and 3 are hot and 4 is cold, in test.
        assertEquals("[1H, 2H, 3H, 4Ct] mc=1", ClockPro.describe(clockPro.policy));

        // HANDcold evicts 4, unreferenced; in test, it stays as a non-resident page. 5 enters cold, in test.
        assertFalse(harness.access(5));
        assertEquals("[1H, 2H, 3H, 4Nt, 5Ct] mc=1", ClockPro.describe(clockPro.policy));

        // 4 faults in its test period: 5 is evicted (and stays non-resident), 4 becomes hot and mc grows to 2, so hot
        // pages may be 2: HANDhot turns 1 and then 2, both unreferenced, cold and leaves them at the head.
        assertFalse(harness.access(4));
        assertEquals("[3H, 5Nt, 4H, 1C, 2C] mc=2", ClockPro.describe(clockPro.policy));

        assertTrue(harness.access(1));
        assertEquals("[3H, 5Nt, 4H, 1Cr, 2C] mc=2", ClockPro.describe(clockPro.policy));

        // HANDcold finds 1 referenced but not in test: a new test period and the head. 2 is unreferenced and out of
        // test, so it is evicted for good. 6 enters cold, in test.
        assertFalse(harness.access(6));
        assertEquals("[3H, 5Nt, 4H, 1Ct, 6Ct] mc=2", ClockPro.describe(clockPro.policy));

        // 5 faults in its test period: 1 is evicted (non-resident, in test); 5 becomes hot and mc 3, so 1 hot page at
        // most: HANDhot demotes 3 and 4, then runs on to the next hot page: it removes 1 (non-resident: mc 2) and
        // ends 6's test period (unreferenced: mc 1), stopping at 5.
        assertFalse(harness.access(5));
        assertEquals("[5H, 3C, 4C, 6C] mc=1", ClockPro.describe(clockPro.policy));

        assertEquals(List.of(4L, 5L, 2L, 1L), harness.victims());
        assertNull(ClockPro.violation(clockPro.policy, harness.size(), true));
    }

    @Example
    void aFixedAllocationKeepsMc() {
        Probe clockPro = Probe.host(new ClockPro(), 4, Map.of(ClockPro.ADAPTIVE, "false"));
        for (long key : new long[] {1, 2, 3, 4, 5, 4}) {
            clockPro.harness.access(key);
        }
        // As in the adaptive trace, 4 comes back hot; with mc fixed at 1, HANDhot demotes one page (1), not two.
        assertEquals("[2H, 3H, 5Nt, 4H, 1C] mc=1", ClockPro.describe(clockPro.policy));
    }

    @Example
    void coldAllocationBoundsRoundDownAndKeepOnePage() {
        assertEquals(275, ClockPro.minCold(27_517, 0.01));
        assertEquals(1, ClockPro.minCold(99, 0.01));
        assertEquals(1, ClockPro.minCold(1, 0));
        assertEquals(275, ClockPro.coldTarget(Probe.host(new ClockPro(), 27_517, Map.of()).policy));
        assertEquals(5503, ClockPro.coldTarget(
                Probe.host(new ClockPro(), 27_517, Map.of(ClockPro.COLD_RATIO, "0.2")).policy));
        // The initial share is clamped to [minCold, capacity - minCold].
        assertEquals(9, ClockPro.coldTarget(Probe.host(new ClockPro(), 10, Map.of(ClockPro.COLD_RATIO, "1")).policy));
        assertEquals(1, ClockPro.coldTarget(Probe.host(new ClockPro(), 1, Map.of(ClockPro.COLD_RATIO, "1")).policy));
    }

    @Example
    void aRemovedPageLeavesNoHistory() {
        Probe clockPro = Probe.host(new ClockPro(), 4, Map.of());
        for (long key : new long[] {1, 2, 3, 4, 5}) {
            clockPro.harness.access(key);
        }
        clockPro.harness.remove(5);
        clockPro.harness.remove(1);
        // Two slots free, more than mc = 1: the next page is hot, as at cold start; 4 keeps its test period.
        assertEquals("[2H, 3H, 4Nt] mc=1", ClockPro.describe(clockPro.policy));
        clockPro.harness.access(1);
        assertEquals("[2H, 3H, 4Nt, 1H] mc=1", ClockPro.describe(clockPro.policy));
    }

    /**
     * The hands and the counts after every request or removal: HANDcold is at the oldest resident cold page and
     * HANDtest at the oldest page in test, counted from HANDhot's page, the tail (which is hot as long as the host has
     * removed nothing); hot + resident cold pages are the resident pages (the capacity when full); at most capacity
     * pages are non-resident; mc stays within its bounds and hot pages within capacity - mc.
     */
    @Property(tries = 200)
    void theHandsAndCountsHold(@ForAll @Size(max = 300) List<@LongRange(min = -3, max = 30) Long> ops,
                               @ForAll @IntRange(min = 1, max = 12) int capacity,
                               @ForAll @IntRange(min = 0, max = 3) int coldChoice,
                               @ForAll @IntRange(min = 0, max = 3) int minChoice,
                               @ForAll boolean adaptive) {
        String cold = new String[] {"0", "0.01", "0.3", "1"}[coldChoice];
        String min = new String[] {"0", "0.01", "0.25", "0.5"}[minChoice];
        Probe clockPro = Probe.host(new ClockPro(), capacity,
                Map.of(ClockPro.COLD_RATIO, cold, ClockPro.MIN_COLD_RATIO, min, ClockPro.ADAPTIVE, Boolean.toString(adaptive)));
        ReplacementHarness harness = clockPro.harness;
        boolean removed = false;
        for (long op : ops) {
            if (op >= 0) {
                harness.access(op);
            } else if (harness.size() > 0) {
                List<Long> resident = new ArrayList<>(harness.residentKeys());
                resident.sort(null);
                harness.remove(resident.get((int) (-op) % resident.size()));
                removed = true;
            }
            boolean tailIsHot = !removed;
            assertNull(ClockPro.violation(clockPro.policy, harness.size(), tailIsHot), () -> "after " + op);
        }
    }
}
