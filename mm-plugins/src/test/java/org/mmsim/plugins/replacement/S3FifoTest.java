package org.mmsim.plugins.replacement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.testkit.ReplacementHarness;

class S3FifoTest {
    private static final long A = 1, B = 2, C = 3, D = 4, E = 5, F = 6, X = 7, Y = 8, Z = 9, W = 10;

    private static List<Long> victims(int capacity, Map<String, String> arguments, long... requests) {
        S3Fifo provider = new S3Fifo();
        ReplacementHarness harness = new ReplacementHarness(provider,
                new PolicySettings(capacity, 1, PolicyArguments.resolve(provider.parameters(), arguments)));
        for (long key : requests) {
            harness.access(key);
        }
        return harness.victims();
    }

    @Example
    void aWorkedTraceThroughAllThreeQueues() {
        // Capacity 4 with small-ratio 0.5: S's share 2, M's share 2, G holds 2 keys. Queues listed oldest first.
        List<Long> victims = victims(4, Map.of(S3Fifo.SMALL_RATIO, "0.5"),
                A, B, C, D,  // warm-up: all four enter S = [A B C D]
                A, A, B,     // frequencies A 2, B 1
                E,           // S >= 2: A (2 > 1) moves to M = [A] at frequency 0; B (1) is evicted, G = [B]; S = [C D E]
                F,           // C evicted, G = [B C]; S = [D E F]
                B,           // B is in G: leaves G (G = [C]); D evicted (G = [C D]); B enters M = [A B]; S = [E F]
                X,           // E evicted; G = [C D E] exceeds 2 and forgets C: G = [D E]; S = [F X]
                C,           // C was forgotten, so it enters S, not M: F evicted, G = [E F]; S = [X C]
                A, B, Y,     // A 1, B 1 in M; X evicted, G = [F X]; S = [C Y]
                C, C, Z,     // C 2 > 1 moves to M = [A B C] at 0, above M's share; Y evicted; S = [Z]
                W);          // S below its share: from M. A 1 -> 0 and B 1 -> 0 go back to M's head; C (0) is evicted
        assertEquals(List.of(B, C, D, E, F, X, Y, C), victims);
    }

    @Example
    void aPageHitOnceStaysInSmallUnderTheDefaultThresholdButMovesUnderZero() {
        // Capacity 4, S's share 2. A B C D; A hit once. E evicts from S's tail, A.
        assertEquals(List.of(A), victims(4, Map.of(S3Fifo.SMALL_RATIO, "0.5"), A, B, C, D, A, E));
        // With promote-threshold 0 the single hit moves A to M, and B goes instead.
        assertEquals(List.of(B), victims(4, Map.of(S3Fifo.SMALL_RATIO, "0.5", S3Fifo.PROMOTE_THRESHOLD, "0"),
                A, B, C, D, A, E));
    }

    @Example
    void fillMainSendsNewPagesToMainOnceSmallHoldsItsShareDuringWarmUp() {
        // Capacity 4, S's share 2, fill-main: A B enter S; C D, arriving while S holds its share and nothing has been
        // evicted yet, enter M. E: S holds its share, so S's tail, A, goes; F: B goes.
        Map<String, String> fill = Map.of(S3Fifo.SMALL_RATIO, "0.5", S3Fifo.FILL_MAIN, "true");
        assertEquals(List.of(A, B), victims(4, fill, A, B, C, D, E, F));
        // After the first eviction new pages enter S again, so the next ones evicted are E and F, not C or D.
        assertEquals(List.of(A, B, E, F), victims(4, fill, A, B, C, D, E, F, X, Y));
        // By default all four went to S, and the same requests evict in arrival order.
        assertEquals(List.of(A, B, C, D), victims(4, Map.of(S3Fifo.SMALL_RATIO, "0.5"), A, B, C, D, E, F, X, Y));
    }

    @Example
    void theDefaultSmallShareIsATenthOfTheCapacityRoundedDownAndAtLeastOne() {
        assertEquals(2751, S3Fifo.smallShare(27_517, 0.10));
        assertEquals(1, S3Fifo.smallShare(5, 0.10));
        assertEquals(5, S3Fifo.smallShare(5, 1.0));
    }

    /**
     * The paper's Algorithm 1 over linked lists (oldest first), with the open choices made as documented on
     * {@link S3Fifo}. Checks the paper's bounds on every request.
     */
    static final class Model implements VictimModelCheck.Model {
        private final int capacity;
        private final int smallShare;
        private final int threshold;
        private final boolean fillMain;
        private final LinkedList<Long> small = new LinkedList<>();
        private final LinkedList<Long> main = new LinkedList<>();
        private final LinkedList<Long> ghost = new LinkedList<>();
        private final Map<Long, Integer> frequency = new HashMap<>();
        private boolean evicted;

        Model(int capacity, double smallRatio, int threshold, boolean fillMain) {
            this.capacity = capacity;
            this.smallShare = Math.max(1, Math.min(capacity, (int) Math.floor(capacity * smallRatio)));
            this.threshold = threshold;
            this.fillMain = fillMain;
        }

        @Override
        public Long access(long key) {
            Long victim = null;
            if (frequency.containsKey(key)) {
                frequency.put(key, Math.min(3, frequency.get(key) + 1));
            } else {
                boolean returning = ghost.remove(key);
                if (small.size() + main.size() == capacity) {
                    victim = evict();
                }
                boolean toMain = returning || fillMain && !evicted && small.size() >= smallShare;
                (toMain ? main : small).addLast(key);
                frequency.put(key, 0);
            }
            assertTrue(small.size() + main.size() <= capacity, "S + M within the capacity");
            assertTrue(ghost.size() <= capacity - smallShare, "G no larger than M's share");
            for (Long g : ghost) {
                assertTrue(!frequency.containsKey(g), "G holds only keys that are not resident");
            }
            return victim;
        }

        private long evict() {
            evicted = true;
            if (small.size() >= smallShare || main.isEmpty()) {
                while (!small.isEmpty()) {
                    long tail = small.removeFirst();
                    if (frequency.get(tail) > threshold) {
                        frequency.put(tail, 0);
                        main.addLast(tail);
                    } else {
                        frequency.remove(tail);
                        ghost.addLast(tail);
                        if (ghost.size() > capacity - smallShare) {
                            ghost.removeFirst();
                        }
                        return tail;
                    }
                }
            }
            while (true) {
                long tail = main.removeFirst();
                int f = frequency.get(tail);
                if (f == 0) {
                    frequency.remove(tail);
                    return tail;
                }
                frequency.put(tail, f - 1);
                main.addLast(tail);
            }
        }

        @Override
        public void remove(long key) {
            if (!small.remove(key)) {
                main.remove(key);
            }
            frequency.remove(key);
        }
    }

    @Property(tries = 200)
    void evictsWhatThePapersAlgorithmEvictsAndKeepsItsBounds(
            @ForAll @Size(max = 300) List<@LongRange(min = -4, max = 24) Long> operations,
            @ForAll @IntRange(min = 1, max = 12) int capacity,
            @ForAll @IntRange(min = 0, max = 10) int smallTenths,
            @ForAll @IntRange(min = 0, max = 3) int threshold,
            @ForAll boolean fillMain) {
        double ratio = smallTenths / 10.0;
        Map<String, String> arguments = Map.of(S3Fifo.SMALL_RATIO, Double.toString(ratio),
                S3Fifo.PROMOTE_THRESHOLD, Integer.toString(threshold), S3Fifo.FILL_MAIN, Boolean.toString(fillMain));
        VictimModelCheck.check(new S3Fifo(), arguments, capacity, operations, new Model(capacity, ratio, threshold, fillMain));
    }
}
