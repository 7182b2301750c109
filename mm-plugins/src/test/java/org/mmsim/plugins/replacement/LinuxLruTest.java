package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.testkit.ReplacementHarness;

class LinuxLruTest {
    private static ReplacementHarness host(int capacity) {
        LinuxLru provider = new LinuxLru();
        return new ReplacementHarness(provider, new PolicySettings(capacity, 1, PolicyArguments.resolve(provider.parameters(), java.util.Map.of())));
    }

    @Test
    void aPageUsedTwiceSurvivesAScanOfPagesUsedOnce() {
        ReplacementHarness harness = host(4);
        harness.access(1);
        harness.access(1); // second use: activated
        for (long key = 10; key < 20; key++) {
            harness.access(key); // a scan, each page used once
        }
        // Inactive holds at least as much as active (ratio 1), so 1 stays active and the scan evicts itself.
        assertEquals(true, harness.isResident(1));
        assertEquals(List.of(10L, 11L, 12L, 13L, 14L, 15L, 16L), harness.victims());
    }

    @Test
    void theActiveListIsShrunkWhenTheInactiveListIsLow() {
        ReplacementHarness harness = host(4);
        for (long key = 1; key <= 4; key++) {
            harness.access(key);
            harness.access(key); // all four active, inactive empty
        }
        harness.access(5);
        // Deactivation moves the active tail (1, activated first) to inactive until inactive >= active: 1 and 2 move,
        // and the inactive tail is evicted: 1.
        assertEquals(List.of(1L), harness.victims());
        harness.access(6);
        assertEquals(List.of(1L, 2L), harness.victims());
    }

    @Test
    void theInactiveRatioIsTheKernelsIntSqrt() {
        assertEquals(1, LinuxLru.inactiveRatio(262_143));
        assertEquals(3, LinuxLru.inactiveRatio(262_144));   // 1 GB: int_sqrt(10) = 3
        assertEquals(10, LinuxLru.inactiveRatio(10L << 18)); // 10 GB: int_sqrt(100) = 10
    }
}
