package org.mmsim.plugins.replacement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mmsim.spi.FutureAware;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;

/**
 * A host like {@link org.mmsim.testkit.ReplacementHarness} (lowest free slot first) that keeps the policy object in
 * reach, for tests that inspect a policy's state between calls.
 */
final class DirectHost {
    final ReplacementPolicy policy;
    private final Map<Long, Integer> slotOf = new HashMap<>();
    private final long[] keyIn;
    private final TreeSet<Integer> free = new TreeSet<>();
    final List<Long> victims = new ArrayList<>();
    long misses;
    /** Whether the last request evicted a page. */
    boolean evicted;

    DirectHost(ReplacementPolicyProvider provider, int capacity, Map<String, String> arguments) {
        policy = provider.create(new PolicySettings(capacity, 1, PolicyArguments.resolve(provider.parameters(), arguments)));
        keyIn = new long[capacity];
        for (int slot = 0; slot < capacity; slot++) {
            free.add(slot);
        }
    }

    boolean access(long key) {
        return access(key, FutureAware.NEVER);
    }

    boolean access(long key, long nextUse) {
        evicted = false;
        Integer slot = slotOf.get(key);
        if (slot != null) {
            announce(nextUse);
            policy.onHit(slot);
            return true;
        }
        misses++;
        policy.onMiss(key);
        if (free.isEmpty()) {
            int victim = policy.evict();
            if (!slotOf.remove(keyIn[victim], victim)) {
                throw new AssertionError("evicted slot " + victim + ", which holds no resident page");
            }
            free.add(victim);
            victims.add(keyIn[victim]);
            evicted = true;
        }
        int into = free.pollFirst();
        slotOf.put(key, into);
        keyIn[into] = key;
        announce(nextUse);
        policy.onInsert(key, into);
        return false;
    }

    void remove(long key) {
        Integer slot = slotOf.remove(key);
        free.add(slot);
        policy.onRemove(slot);
    }

    private void announce(long nextUse) {
        if (policy instanceof FutureAware) {
            ((FutureAware) policy).nextUse(nextUse);
        }
    }

    boolean isResident(long key) {
        return slotOf.containsKey(key);
    }

    Integer slotOf(long key) {
        return slotOf.get(key);
    }

    Map<Long, Integer> residents() {
        return slotOf;
    }

    int size() {
        return slotOf.size();
    }
}
