package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.mmsim.spi.FutureAware;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.testkit.ReplacementHarness;

class OptTest {
    private static long[] keys(List<Long> trace) {
        return trace.stream().mapToLong(Long::longValue).toArray();
    }

    private static ReplacementHarness replay(ReplacementPolicyProvider provider, long[] trace, int capacity, long seed) {
        long[] next = ReplacementHarness.nextUses(trace);
        ReplacementHarness harness = new ReplacementHarness(provider,
                new PolicySettings(capacity, seed, PolicyArguments.resolve(provider.parameters(), Map.of())));
        for (int i = 0; i < trace.length; i++) {
            harness.access(trace[i], next[i]);
        }
        return harness;
    }

    /**
     * The definition, by brute force: slots handed out lowest first, as the harness does; on a miss with every slot
     * taken, scan every slot for the farthest next use, the larger slot among equals.
     */
    private static List<Long> naiveVictims(long[] trace, int capacity) {
        long[] next = ReplacementHarness.nextUses(trace);
        long[] keyIn = new long[capacity];
        long[] nextOf = new long[capacity];
        boolean[] used = new boolean[capacity];
        TreeSet<Integer> free = new TreeSet<>();
        for (int slot = 0; slot < capacity; slot++) {
            free.add(slot);
        }
        List<Long> victims = new ArrayList<>();
        for (int i = 0; i < trace.length; i++) {
            int hit = -1;
            for (int slot = 0; slot < capacity; slot++) {
                if (used[slot] && keyIn[slot] == trace[i]) {
                    hit = slot;
                }
            }
            if (hit >= 0) {
                nextOf[hit] = next[i];
                continue;
            }
            if (free.isEmpty()) {
                int victim = -1;
                for (int slot = 0; slot < capacity; slot++) {
                    if (victim < 0 || nextOf[slot] > nextOf[victim] || (nextOf[slot] == nextOf[victim] && slot > victim)) {
                        victim = slot;
                    }
                }
                victims.add(keyIn[victim]);
                used[victim] = false;
                free.add(victim);
            }
            int slot = free.pollFirst();
            used[slot] = true;
            keyIn[slot] = trace[i];
            nextOf[slot] = next[i];
        }
        return victims;
    }

    /** Random replacement by brute force, seeded: the victim is a uniformly chosen resident key. */
    private static long randomMisses(long[] trace, int capacity, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Long> resident = new ArrayList<>();
        long misses = 0;
        for (long key : trace) {
            if (resident.contains(key)) {
                continue;
            }
            misses++;
            if (resident.size() == capacity) {
                resident.remove(random.nextInt(capacity));
            }
            resident.add(key);
        }
        return misses;
    }

    @Example
    void theTextbookReferenceStringFaultsNineTimesInThreeFrames() {
        // Silberschatz, Galvin & Gagne, "Operating System Concepts", section 10.4.3: OPT on this string, 3 frames.
        long[] trace = {7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1};
        ReplacementHarness harness = replay(new Opt(), trace, 3, 1);
        assertEquals(9, harness.misses());
        // 2 evicts 7 (next at 17); 3 evicts 1 (13); 4 evicts 0 (10); 0 evicts 4 (never); 1 evicts 3 (never); 7 evicts 2.
        assertEquals(List.of(7L, 1L, 0L, 4L, 3L, 2L), harness.victims());
    }

    @Example
    void amongPagesNeverUsedAgainTheLargerSlotGoesFirst() {
        // 1, 2 and 3 are never used again; 1 sits in slot 0 and 2 in slot 1, so 3 evicts 2, then 4 evicts 3 (slot 1).
        ReplacementHarness harness = replay(new Opt(), new long[] {1, 2, 3, 4}, 2, 1);
        assertEquals(List.of(2L, 3L), harness.victims());
    }

    @Example
    void theIncomingPageIsAdmittedEvenIfItIsNeverUsedAgain() {
        // 9 is never requested again, yet it is admitted (demand paging) and evicts 2, the farther of 1 and 2.
        ReplacementHarness harness = replay(new Opt(), new long[] {1, 2, 9, 1, 2}, 2, 1);
        assertEquals(List.of(2L, 9L), harness.victims());
        assertEquals(4, harness.misses());
    }

    @Property(tries = 200)
    void evictsWhatTheBruteForceDefinitionEvicts(@ForAll @Size(max = 400) List<@LongRange(max = 40) Long> trace,
                                                 @ForAll @IntRange(min = 1, max = 24) int capacity) {
        long[] keys = keys(trace);
        assertEquals(naiveVictims(keys, capacity), replay(new Opt(), keys, capacity, 1).victims());
    }

    @Property(tries = 150)
    void missesNoMoreThanAnyOtherPolicy(@ForAll @Size(max = 400) List<@LongRange(max = 40) Long> trace,
                                        @ForAll @IntRange(min = 1, max = 24) int capacity, @ForAll long seed) {
        long[] keys = keys(trace);
        long opt = replay(new Opt(), keys, capacity, seed).misses();
        for (ReplacementPolicyProvider other : List.of(new Fifo(), new Lru(), new LinuxLru(), new Mglru())) {
            long misses = replay(other, keys, capacity, seed).misses();
            assertTrue(opt <= misses, "opt missed " + opt + ", " + other.name() + " " + misses);
        }
        long random = randomMisses(keys, capacity, seed);
        assertTrue(opt <= random, "opt missed " + opt + ", random " + random);
    }

    @Example
    void aHitPushesItsPageBackAndRemovalForgetsIt() {
        DirectHost host = new DirectHost(new Opt(), 3, Map.of());
        host.access(1, 10);
        host.access(2, 20);
        host.access(3, 30);
        host.access(1, 40); // 1 is now the farthest
        host.remove(3);
        host.access(4, 50); // a free slot: no eviction
        assertTrue(host.victims.isEmpty());
        host.access(5, FutureAware.NEVER); // evicts 4 (50), the farthest after 1 moved to 40
        assertEquals(List.of(4L), host.victims);
    }
}
