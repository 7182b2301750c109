package org.example.mru;

import com.google.auto.service.AutoService;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * Most recently used: evicts the page used last. Useless for most programs, ideal for a loop over more pages than
 * fit, where the page just used is the one needed furthest in the future (Chou &amp; DeWitt, "An evaluation of
 * buffer management strategies for relational database systems", VLDB 1985).
 *
 * <p>{@code @AutoService} writes META-INF/services for the class path; module-info's {@code provides} serves the
 * module path. The policy keeps its order in an intrusive list over slots: no allocation per request.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Mru implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "mru";
    }

    @Override
    public String description() {
        return "Most recently used: evicts the page used last, for loops larger than memory (example plugin)";
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
            return recency.removeLast(RECENCY);
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
