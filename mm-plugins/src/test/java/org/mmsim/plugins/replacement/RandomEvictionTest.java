package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.testkit.ReplacementHarness;

class RandomEvictionTest {
    private static ReplacementHarness host(int capacity, long seed) {
        return new ReplacementHarness(new RandomEviction(), new PolicySettings(capacity, seed, PolicyArguments.none()));
    }

    private static List<Long> victims(List<Long> requests, int capacity, long seed) {
        ReplacementHarness harness = host(capacity, seed);
        requests.forEach(harness::access);
        return harness.victims();
    }

    @Example
    void everyResidentPageIsEquallyLikelyToGoFirst() {
        // Ten pages, one of them hit, two removed and one put back (so the dense array has been reshuffled); then one
        // miss. Over 20,000 seeds each of the ten resident pages should be the victim about 2,000 times.
        int pages = 10;
        int seeds = 20_000;
        int[] chosen = new int[pages + 1];
        for (long seed = 0; seed < seeds; seed++) {
            ReplacementHarness harness = host(pages, seed);
            for (long key = 0; key < pages; key++) {
                harness.access(key);
            }
            harness.access(3);
            harness.remove(2);
            harness.remove(7);
            harness.access(2);
            harness.access(pages); // fills the last slot
            harness.access(pages + 1);
            chosen[(int) (long) harness.victims().get(0)]++;
        }
        assertEquals(0, chosen[7], "a removed page is never evicted");
        double expected = seeds / (double) pages;
        double chiSquare = 0;
        for (int key = 0; key <= pages; key++) {
            if (key != 7) {
                chiSquare += (chosen[key] - expected) * (chosen[key] - expected) / expected;
            }
        }
        // 9 degrees of freedom: P(chi-square > 33.7) is about 1e-4. The seeds are fixed, so this cannot flake.
        assertTrue(chiSquare < 33.7, "victim counts " + java.util.Arrays.toString(chosen) + ", chi-square " + chiSquare);
    }

    @Example
    void theSeedDecidesTheVictims() {
        List<Long> scan = new ArrayList<>();
        for (long key = 0; key < 200; key++) {
            scan.add(key);
        }
        assertEquals(victims(scan, 20, 1), victims(scan, 20, 1));
        assertNotEquals(victims(scan, 20, 1), victims(scan, 20, 2));
    }

    @Property(tries = 200)
    void hitsDoNotChangeTheVictims(@ForAll @Size(max = 200) List<@LongRange(max = 30) Long> trace,
                                   @ForAll @IntRange(min = 1, max = 12) int capacity, @ForAll long seed) {
        // Random replacement ignores use: repeating every request (the repeat always hits) leaves the victims as they were.
        List<Long> doubled = new ArrayList<>();
        for (Long key : trace) {
            doubled.add(key);
            doubled.add(key);
        }
        assertEquals(victims(trace, capacity, seed), victims(doubled, capacity, seed));
    }
}
