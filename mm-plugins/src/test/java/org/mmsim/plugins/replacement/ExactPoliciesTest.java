package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementHarness;

/** FIFO and LRU are uniquely defined: they evict exactly what a naive list model evicts. */
class ExactPoliciesTest {
    /** The textbook model: a list of resident keys, oldest first. */
    private static List<Long> naiveVictims(List<Long> trace, int capacity, boolean moveOnHit) {
        LinkedList<Long> resident = new LinkedList<>();
        List<Long> victims = new ArrayList<>();
        for (Long key : trace) {
            if (resident.contains(key)) {
                if (moveOnHit) {
                    resident.remove(key);
                    resident.addLast(key);
                }
                continue;
            }
            if (resident.size() == capacity) {
                victims.add(resident.removeFirst());
            }
            resident.addLast(key);
        }
        return victims;
    }

    private static List<Long> victims(ReplacementPolicyProvider provider, List<Long> trace, int capacity) {
        ReplacementHarness harness = new ReplacementHarness(provider, new PolicySettings(capacity, 1, PolicyArguments.none()));
        trace.forEach(harness::access);
        return harness.victims();
    }

    @Property(tries = 200)
    void fifoEvictsInArrivalOrder(@ForAll @Size(max = 300) List<@LongRange(max = 40) Long> trace,
                                  @ForAll @IntRange(min = 1, max = 20) int capacity) {
        assertEquals(naiveVictims(trace, capacity, false), victims(new Fifo(), trace, capacity));
    }

    @Property(tries = 200)
    void lruEvictsTheLeastRecentlyUsed(@ForAll @Size(max = 300) List<@LongRange(max = 40) Long> trace,
                                       @ForAll @IntRange(min = 1, max = 20) int capacity) {
        assertEquals(naiveVictims(trace, capacity, true), victims(new Lru(), trace, capacity));
    }
}
