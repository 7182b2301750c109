package ${package};

import com.google.auto.service.AutoService;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * First in, first out: evicts the page that became resident longest ago, whatever its use since. A working policy
 * to turn into yours.
 *
 * <p>{@code @AutoService} writes META-INF/services for the class path; module-info's {@code provides} serves the
 * module path. The host gives the policy slots in {@code [0, capacity)}, one per resident page: the policy keeps
 * its order in an intrusive list over slots and allocates nothing per request.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Fifo implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "${policyName}";
    }

    @Override
    public String description() {
        return "First in, first out: evicts the page that has been resident longest (${artifactId})";
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
            // A hit changes nothing: the order is the order of arrival.
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
