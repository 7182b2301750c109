package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * Least recently used: evicts the page whose last use is oldest. A stack algorithm (Mattson, Gecsei, Slutz &amp;
 * Traiger, "Evaluation techniques for storage hierarchies", IBM Systems Journal 9(2), 1970): a larger cache always
 * holds what a smaller one holds, so its miss ratio never rises with size.
 *
 * <p>Uniquely defined: the pages are kept in order of last use, a hit moves its page to the most recent end, and a
 * newly resident page enters there.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Lru implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "lru";
    }

    @Override
    public String description() {
        return "Least recently used: evicts the page whose last use is oldest (Mattson et al. 1970)";
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity());
    }

    private static final class Policy implements ReplacementPolicy {
        private static final int RECENCY = 0;
        private final IntLinkedLists recency;
        private final int capacity;

        Policy(int capacity) {
            this.capacity = capacity;
            recency = new IntLinkedLists(capacity, 1);
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            recency.moveToLast(RECENCY, slot);
        }

        @Override
        public int evict() {
            return recency.removeFirst(RECENCY);
        }

        @Override
        public void onInsert(long key, int slot) {
            recency.addLast(RECENCY, slot);
        }

        @Override
        public void onRemove(int slot) {
            recency.remove(slot);
        }
    }
}
