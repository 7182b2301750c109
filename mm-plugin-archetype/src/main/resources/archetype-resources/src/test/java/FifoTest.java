package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.testkit.PluginArchitecture;
import org.mmsim.testkit.ReplacementHarness;

class FifoTest {
    @Test
    void evictsInOrderOfArrivalWhateverTheHits() {
        ReplacementHarness harness = new ReplacementHarness(new Fifo(), new PolicySettings(3, 1, PolicyArguments.none()));
        for (long key : new long[] {1, 2, 3, 1, 4, 1, 5}) {
            harness.access(key);
        }
        // 1 2 3 miss, 1 hits; 4 evicts 1, the oldest, though just used; 1 evicts 2; 5 evicts 3.
        assertEquals(List.of(1L, 2L, 3L), harness.victims());
        assertEquals(6, harness.misses());
    }

    @Test
    void followsThePluginRules() {
        PluginArchitecture.check("${package}");
    }
}
