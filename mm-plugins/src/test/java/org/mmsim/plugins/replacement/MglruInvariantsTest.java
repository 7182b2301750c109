package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The sliding window of lru_gen over random requests and removals, with every combination of parameters. */
class MglruInvariantsTest {
    @Property(tries = 200)
    void generationsStayWithinTheWindowAndEvictionTakesFromTheOldest(
            @ForAll @Size(max = 400) List<@LongRange(max = 30) Long> trace,
            @ForAll @Size(max = 400) List<@IntRange(max = 9) Integer> removals,
            @ForAll @IntRange(min = 1, max = 12) int capacity,
            @ForAll @IntRange(min = 1, max = 3) int minGens,
            @ForAll @IntRange(min = 1, max = 3) int extraGens,
            @ForAll boolean mapped,
            @ForAll @IntRange(min = -1, max = 3) int tierIdx) {
        int maxGens = Math.min(4, minGens + extraGens);
        if (maxGens <= minGens) {
            return;
        }
        DirectHost host = new DirectHost(new Mglru(), capacity, Map.of("min-gens", Integer.toString(minGens),
                "max-gens", Integer.toString(maxGens), "mapped", Boolean.toString(mapped),
                "tier-idx", Integer.toString(tierIdx)));
        for (int i = 0; i < trace.size(); i++) {
            // Now and then the host frees a page by itself.
            if (i < removals.size() && removals.get(i) == 0 && host.size() > 0) {
                host.remove(host.residents().keySet().stream().sorted().findFirst().orElseThrow());
                check(host, minGens, maxGens, false);
            }
            host.access(trace.get(i));
            check(host, minGens, maxGens, host.evicted);
        }
    }

    private static void check(DirectHost host, int minGens, int maxGens, boolean evicted) {
        Mglru.Snapshot s = Mglru.snapshot(host.policy);
        assertTrue(s.generations() >= minGens && s.generations() <= maxGens,
                "generations " + s.generations() + " outside " + minGens + ".." + maxGens);
        long[] seqOf = s.generationOfSlot();
        Set<Integer> residentSlots = new HashSet<>(host.residents().values());
        for (int slot = 0; slot < seqOf.length; slot++) {
            if (residentSlots.contains(slot)) {
                assertNotEquals(Mglru.NOT_IN_WINDOW, seqOf[slot], "resident slot " + slot + " is in no generation of the window");
                assertTrue(seqOf[slot] >= s.minSeq() && seqOf[slot] <= s.maxSeq());
            } else {
                assertEquals(Mglru.NOT_IN_WINDOW, seqOf[slot], "free slot " + slot + " is still on a generation list");
            }
        }
        // Every page on exactly one list, and the lists of no generation in the window empty.
        int listed = 0;
        for (int list = 0; list < s.listSizes().length; list++) {
            listed += s.listSizes()[list];
            boolean inWindow = false;
            for (long seq = s.minSeq(); seq <= s.maxSeq(); seq++) {
                inWindow |= seq % maxGens == list;
            }
            if (!inWindow) {
                assertEquals(0, s.listSizes()[list], "list " + list + " belongs to no generation of the window");
            }
        }
        assertEquals(host.size(), listed);
        if (evicted) {
            assertEquals(s.minSeq(), s.lastVictimSeq(), "the victim came from generation " + s.lastVictimSeq()
                    + " while the oldest is " + s.minSeq());
        }
    }
}
