package ${package};

import com.google.auto.service.AutoService;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * Last in, first out: evicts the page that became resident most recently, whatever its use since, so the pages that
 * came first stay (a loop larger than the cache keeps hitting them). The simplest working policy, to turn into yours.
 *
 * <p>{@code @AutoService} writes META-INF/services for the class path; module-info's {@code provides} serves the
 * module path. The host gives the policy slots in {@code [0, capacity)}, one per resident page: the policy stacks
 * them in an intrusive list over slots and allocates nothing per request.
 */
@AutoService(ReplacementPolicyProvider.class)
public final class Lifo implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "${policyName}";
    }

    @Override
    public String description() {
        return "Last in, first out: evicts the page that became resident last (${artifactId})";
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity());
    }

    private static final class Policy implements ReplacementPolicy {
        private static final int STACK = 0;
        private final IntLinkedLists stack;
        private final int capacity;

        Policy(int capacity) {
            this.capacity = capacity;
            stack = new IntLinkedLists(capacity, 1);
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onHit(int slot) {
            // A hit changes nothing: the stack is the order of arrival.
        }

        @Override
        public int evict() {
            return stack.removeFirst(STACK);
        }

        @Override
        public void onInsert(long key, int slot) {
            // The newest page on top, where eviction takes from.
            stack.addFirst(STACK, slot);
        }

        @Override
        public void onRemove(int slot) {
            stack.remove(slot);
        }
    }
}
