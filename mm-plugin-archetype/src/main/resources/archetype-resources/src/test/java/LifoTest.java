package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.testkit.PluginArchitecture;
import org.mmsim.testkit.ReplacementHarness;

class LifoTest {
    @Test
    void evictsTheNewestPageWhateverTheHits() {
        ReplacementHarness harness = new ReplacementHarness(new Lifo(), new PolicySettings(3, 1, PolicyArguments.none()));
        for (long key : new long[] {1, 2, 3, 1, 4, 1, 5}) {
            harness.access(key);
        }
        // 1 2 3 miss, 1 hits; 4 evicts 3, the newest; 1 hits again; 5 evicts 4, the newest then.
        assertEquals(List.of(3L, 4L), harness.victims());
        assertEquals(5, harness.misses());
    }

    @Test
    void followsThePluginRules() {
        PluginArchitecture.check("${package}");
    }
}
