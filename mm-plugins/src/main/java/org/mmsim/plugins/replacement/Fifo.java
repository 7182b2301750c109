package org.mmsim.plugins.replacement;

import com.google.auto.service.AutoService;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * First in, first out: evicts the page that became resident longest ago, whatever its use since. The oldest
 * replacement policy, and the one that shows Belady's anomaly (Belady, Nelson &amp; Shedler, "An anomaly in
 * space-time characteristics of certain programs running in a paging machine", CACM 12(6), 1969).
 *
 * <p>Uniquely defined: a hit changes nothing; a page the host removes leaves the queue without disturbing the order
 * of the others.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Fifo implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "fifo";
    }

    @Override
    public String description() {
        return "First in, first out: evicts the page that has been resident longest";
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity());
    }

    private static final class Policy implements ReplacementPolicy {
        private static final int QUEUE = 0;
        private final IntLinkedLists queue;
        private final int capacity;

        Policy(int capacity) {
            this.capacity = capacity;
            queue = new IntLinkedLists(capacity, 1);
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            // FIFO ignores use: that is the whole policy.
        }

        @Override
        public int evict() {
            return queue.removeFirst(QUEUE);
        }

        @Override
        public void onInsert(long key, int slot) {
            queue.addLast(QUEUE, slot);
        }

        @Override
        public void onRemove(int slot) {
            queue.remove(slot);
        }
    }
}
