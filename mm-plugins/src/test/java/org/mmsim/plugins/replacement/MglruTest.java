package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;

class MglruTest {
    private static final Map<String, String> MAPPED = Map.of("mapped", "true");

    private static DirectHost host(int capacity, Map<String, String> arguments, long... trace) {
        DirectHost host = new DirectHost(new Mglru(), capacity, arguments);
        for (long key : trace) {
            host.access(key);
        }
        return host;
    }

    @Test
    void tiersAreOrderBase2OfTheAccessCount() {
        assertEquals(List.of(0, 0, 1, 2, 2, 3), List.of(Mglru.tierOf(0), Mglru.tierOf(1), Mglru.tierOf(2),
                Mglru.tierOf(3), Mglru.tierOf(4), Mglru.tierOf(5)));
    }

    @Test
    void theControllerIgnoresFewRefaultsAndWeighsRatesByGain() {
        assertTrue(Mglru.positiveControlError(0, 0, 1, 63, 63, 2), "63 refaults are below MIN_LRU_BATCH");
        // 64 refaults out of 100 against none out of 1000: 64 * 1064 * 1 > 1 * 100 * 2.
        assertFalse(Mglru.positiveControlError(0, 1000, 1, 64, 100, 2));
        // 100 of 1000 against 100 of 1000: 100 * 1064 <= 101 * 1000 * 2, within the margin the gain 2 gives.
        assertTrue(Mglru.positiveControlError(100, 1000, 1, 100, 1000, 2));
        // 300 of 1000 against 100 of 1000: 300 * 1064 = 319200 > 101 * 1000 * 2 = 202000.
        assertFalse(Mglru.positiveControlError(100, 1000, 1, 300, 1000, 2));
    }

    @Test
    void theWindowStartsAsLruGenInitLruvecSetsIt() {
        Mglru.Snapshot fresh = Mglru.snapshot(host(4, Map.of()).policy);
        assertEquals(0, fresh.minSeq());
        assertEquals(3, fresh.maxSeq()); // MIN_NR_GENS + 1
        Mglru.Snapshot small = Mglru.snapshot(host(4, Map.of("min-gens", "1", "max-gens", "2")).policy);
        assertEquals(2, small.generations());
    }

    @Test
    void minGensMustBeBelowMaxGens() {
        Mglru provider = new Mglru();
        assertThrows(IllegalArgumentException.class, () -> provider.create(new PolicySettings(4, 1,
                PolicyArguments.resolve(provider.parameters(), Map.of("min-gens", "3", "max-gens", "3")))));
    }

    @Test
    void readPagesEnterTheOldestGenerationAndFaultedPagesTheYoungest() {
        DirectHost read = host(4, Map.of(), 1);
        assertEquals(0, Mglru.snapshot(read.policy).generationOfSlot()[read.slotOf(1)]);
        DirectHost mapped = host(4, MAPPED, 1);
        assertEquals(3, Mglru.snapshot(mapped.policy).generationOfSlot()[mapped.slotOf(1)]);
    }

    /**
     * Read mode, 3 slots, generations 0..3. 1, 2, 3 enter generation 0 (head 3, tail 1), each read once (tier 0); the
     * second read of 1 raises it to N = 2, tier 1. Then 4, 5, 6 miss.
     */
    @Test
    void aTierAboveTierIdxIsProtectedIntoTheNextGeneration() {
        long[] trace = {1, 2, 3, 1, 4, 5, 6};
        // tier-idx 0: 4 finds 1 at the tail with tier 1, moves it to generation 1 with N cleared, and evicts 2; 5 and 6
        // then evict 3 and 4 from generation 0, where every new page goes, while 1 waits in generation 1.
        DirectHost protecting = host(3, Map.of("tier-idx", "0"), trace);
        assertEquals(List.of(2L, 3L, 4L), protecting.victims);
        assertEquals(1, Mglru.snapshot(protecting.policy).generationOfSlot()[protecting.slotOf(1)]);
        // The controller with no refaults yet protects nothing (tier_idx 3): the eviction order is FIFO.
        assertEquals(List.of(1L, 2L, 3L), host(3, Map.of(), trace).victims);
    }

    /**
     * Mapped mode, 3 slots, generations 0..3. 1, 2, 3 fault into generation 3 with their accessed bits set.
     * <ul>
     *   <li>4: generations 0..2 are empty, so min_seq moves to 2, where only MIN_NR_GENS are left; aging makes
     *       generation 4 and promotes 1, 2, 3 into it (head 3, tail 1), clearing their bits; min_seq moves to 3, aging
     *       makes 5, min_seq moves to 4, aging makes 6. The tail of generation 4, page 1, has no bit: evicted. 4
     *       faults into generation 6.</li>
     *   <li>2 is read: its accessed bit is set between two agings.</li>
     *   <li>5: three generations, spread even enough (youngest 1 of 3 pages, oldest 2 of 3): no aging. The tail of
     *       generation 4 is 2, accessed: promoted to generation 6. The next tail, 3, is evicted.</li>
     * </ul>
     */
    @Test
    void aPageAccessedBetweenAgingsSurvivesTheScan() {
        DirectHost host = host(3, MAPPED, 1, 2, 3, 4, 2, 5);
        assertEquals(List.of(1L, 3L), host.victims);
        assertTrue(host.isResident(2));
        Mglru.Snapshot snapshot = Mglru.snapshot(host.policy);
        assertEquals(4, snapshot.minSeq());
        assertEquals(6, snapshot.maxSeq());
        assertEquals(6, snapshot.generationOfSlot()[host.slotOf(2)]);
        // Without the read of 2 between the agings, 2 is the next tail and goes first.
        assertEquals(List.of(1L, 2L), host(3, MAPPED, 1, 2, 3, 4, 5).victims);
        // 6: the youngest now holds all 3 pages (more than 1/2): aging makes generation 7 and promotes 4 and 5, whose
        // fault bits were still set; generations 4 and 5 are empty, min_seq moves to 6, aging makes 8; the tail of
        // generation 6 is 2, its bit cleared by the promotion: evicted.
        host.access(6);
        assertEquals(List.of(1L, 3L, 2L), host.victims);
    }

    /**
     * Read mode, 4 slots, keys 1..6 each read twice in a row, round and round: every page is evicted in tier 1 (N = 2)
     * and comes back two evictions later, under the same min_seq, as a refault of tier 1. Tier 0 never refaults. Until
     * tier 1 has MIN_LRU_BATCH = 64 refaults the controller protects nothing and the order is FIFO; the 64th refault is
     * the 70th pair (the first 6 were cold misses), whose eviction finds tier 1 refaulting far above tier 0
     * (64 x 64 x 1 &gt; 1 x 65 x 2) and protects it: all 4 pages move to generation 1, in scan order, with N cleared;
     * generation 0 is empty, min_seq moves to 1, and the new tail, the page moved last (pair 69's key, 3), is evicted.
     */
    @Test
    void theControllerProtectsATierThatRefaultsMoreThanTierZero() {
        DirectHost mglru = new DirectHost(new Mglru(), 4, Map.of());
        DirectHost fifo = new DirectHost(new Fifo(), 4, Map.of());
        for (int pair = 1; pair <= 69; pair++) {
            long key = (pair - 1) % 6 + 1;
            for (DirectHost host : List.of(mglru, fifo)) {
                host.access(key);
                host.access(key);
            }
            assertEquals(3, Mglru.snapshot(mglru.policy).tierIdx(), "pair " + pair);
        }
        assertEquals(fifo.victims, mglru.victims);
        long key = 69 % 6 + 1;
        mglru.access(key);
        fifo.access(key);
        assertEquals(6L, fifo.victims.get(fifo.victims.size() - 1));
        assertEquals(3L, mglru.victims.get(mglru.victims.size() - 1));
        assertEquals(1, Mglru.snapshot(mglru.policy).minSeq());
    }
}
