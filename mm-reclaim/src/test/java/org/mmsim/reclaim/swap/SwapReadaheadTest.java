package org.mmsim.reclaim.swap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The adaptive window of swap readahead by slot ({@code swapin_nr_pages()}). */
class SwapReadaheadTest {
    @Test
    void aRandomFaultReadsOneSlotAndOneNextToTheLastReadsTwo() {
        SwapReadahead ra = new SwapReadahead(3);
        assertEquals(1, ra.pages(100), "nothing to judge by, and not next to the last (0)");
        assertEquals(2, ra.pages(101), "next to the last fault");
        assertEquals(1, ra.pages(500));
        assertEquals(2, ra.pages(499), "next to it from below too");
    }

    @Test
    void hitsWidenTheWindowToPageClusterAndItShrinksByHalvesAtMost() {
        SwapReadahead ra = new SwapReadahead(3);
        ra.pages(10);
        ra.hit();
        assertEquals(4, ra.pages(50), "one hit: 3, rounded up to a power of two, at least 4");
        for (int i = 0; i < 5; i++) {
            ra.hit();
        }
        assertEquals(8, ra.pages(90), "7 rounds up to 8, which is 2^page-cluster");
        for (int i = 0; i < 30; i++) {
            ra.hit();
        }
        assertEquals(8, ra.pages(300), "never beyond 2^page-cluster");
        assertEquals(4, ra.pages(1000), "no hits, far away: 1, but not below half of the last window");
        assertEquals(2, ra.pages(2000));
        assertEquals(1, ra.pages(3000));
    }

    @Test
    void pageClusterZeroReadsNoMoreThanTheFaultingSlot() {
        SwapReadahead ra = new SwapReadahead(0);
        ra.hit();
        assertEquals(1, ra.pages(1));
        assertEquals(1, ra.pages(2));
    }

    @Test
    void theDefaultIsThreeButTwoBelow16MiBAndTheRangeIsZeroTo31() {
        assertEquals(2, SwapReadahead.defaultPageCluster((15L << 20) / 4096));
        assertEquals(3, SwapReadahead.defaultPageCluster((16L << 20) / 4096));
        SwapReadahead ra = new SwapReadahead(3);
        ra.setPageCluster(31);
        assertEquals(31, ra.pageCluster());
        assertEquals("vm.page-cluster 32; expected 0 to 31", assertThrows(IllegalArgumentException.class,
                () -> ra.setPageCluster(32)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> ra.setPageCluster(-1));
        assertEquals(31, ra.pageCluster(), "a refused value changes nothing");
    }
}
