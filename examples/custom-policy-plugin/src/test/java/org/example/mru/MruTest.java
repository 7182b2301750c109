package org.example.mru;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.testkit.PluginArchitecture;
import org.mmsim.testkit.ReplacementHarness;

class MruTest {
    @Test
    void aLoopLargerThanTheCacheKeepsMostOfItResident() {
        ReplacementHarness harness = new ReplacementHarness(new Mru(), new PolicySettings(3, 1, PolicyArguments.none()));
        for (int round = 0; round < 3; round++) {
            for (long key = 1; key <= 4; key++) {
                harness.access(key);
            }
        }
        // 1 2 3 miss, 4 evicts 3; then 1 2 hit, 3 evicts 2, 4 hits; 1 hits, 2 evicts 1, 3 and 4 hit.
        assertEquals(List.of(3L, 2L, 1L), harness.victims());
        assertEquals(6, harness.misses());
    }

    @Test
    void followsThePluginRules() {
        PluginArchitecture.check("org.example.mru");
    }
}
