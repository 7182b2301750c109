package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import java.util.SplittableRandom;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;

/**
 * Random replacement: evicts a resident page chosen uniformly at random, ignoring all use. The baseline of Belady's
 * study, "A study of replacement algorithms for a virtual-storage computer", IBM Systems Journal 5(2), 1966 (his
 * RAND), and the usual yardstick for how much a policy's use of history is worth.
 *
 * <p>Choices:
 * <ul>
 *   <li>The random numbers come from one {@link SplittableRandom} seeded with {@link PolicySettings#seed()}, created
 *       once, and drawn only by evictions (one {@code nextInt(residentCount)} each): the same requests, removals and
 *       seed give the same victims.</li>
 *   <li>The resident slots are kept in a dense array; a victim's place is filled by the last entry (swap-remove), so
 *       every call is O(1). Which page stands at which index depends on the history of insertions and removals, but
 *       every resident page is equally likely to be drawn.</li>
 *   <li>Hits change nothing. onRemove takes the page out of the array the same way.</li>
 * </ul>
 */
@AutoService(ReplacementPolicyProvider.class)
public final class RandomEviction implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "random";
    }

    @Override
    public String description() {
        return "Random: evicts a resident page chosen uniformly at random from the seed (Belady 1966, RAND)";
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity(), settings.seed());
    }

    private static final class Policy implements ReplacementPolicy {
        private final int capacity;
        private final SplittableRandom random;
        private final int[] resident;
        private final int[] indexOf;
        private int count;

        Policy(int capacity, long seed) {
            this.capacity = capacity;
            random = new SplittableRandom(seed);
            resident = new int[capacity];
            indexOf = new int[capacity];
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            // Random replacement ignores use.
        }

        @Override
        public int evict() {
            int victim = resident[random.nextInt(count)];
            onRemove(victim);
            return victim;
        }

        @Override
        public void onInsert(long key, int slot) {
            indexOf[slot] = count;
            resident[count++] = slot;
        }

        @Override
        public void onRemove(int slot) {
            int index = indexOf[slot];
            int last = resident[--count];
            resident[index] = last;
            indexOf[last] = index;
        }
    }
}
