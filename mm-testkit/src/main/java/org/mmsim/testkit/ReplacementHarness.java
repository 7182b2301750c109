package org.mmsim.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.mmsim.spi.FutureAware;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;

/**
 * A plain, obviously correct host for one replacement policy: it keeps residency in a {@link HashMap}, follows the
 * call sequence of the SPI (hit; or miss, evict when full, insert) and checks every answer the policy gives. Every
 * broken rule is an {@link AssertionError} that names the policy and the call.
 *
 * <p>Free slots are handed out lowest first, so a run depends only on the requests and the seed.
 */
public final class ReplacementHarness {
    private final String name;
    private final ReplacementPolicy policy;
    private final FutureAware futureAware;
    private final int capacity;
    private final Map<Long, Integer> slotOf = new HashMap<>();
    private final long[] keyIn;
    private final TreeSet<Integer> freeSlots = new TreeSet<>();
    private final List<Long> victims = new ArrayList<>();
    private long hits;
    private long misses;

    /**
     * Creates a policy from {@code provider} and hosts it.
     *
     * @throws AssertionError if the provider breaks its own declarations
     */
    public ReplacementHarness(ReplacementPolicyProvider provider, PolicySettings settings) {
        name = provider.name();
        policy = Objects.requireNonNull(provider.create(settings), () -> "policy '" + name + "': create() returned null");
        capacity = settings.capacity();
        if (policy.capacity() != capacity) {
            throw new AssertionError("policy '" + name + "': capacity() is " + policy.capacity() + ", created with " + capacity);
        }
        if (provider.needsFuture() != (policy instanceof FutureAware)) {
            throw new AssertionError("policy '" + name + "': needsFuture() is " + provider.needsFuture()
                    + " but its policy " + (policy instanceof FutureAware ? "is" : "is not") + " FutureAware");
        }
        futureAware = policy instanceof FutureAware ? (FutureAware) policy : null;
        keyIn = new long[capacity];
        for (int slot = 0; slot < capacity; slot++) {
            freeSlots.add(slot);
        }
    }

    /** Requests {@code key}, for a policy that does not need the future; returns whether it was a hit. */
    public boolean access(long key) {
        return access(key, FutureAware.NEVER);
    }

    /**
     * Requests {@code key}, whose next request is at position {@code nextUse} ({@link FutureAware#NEVER} if none);
     * returns whether it was a hit.
     */
    public boolean access(long key, long nextUse) {
        Integer slot = slotOf.get(key);
        if (slot != null) {
            hits++;
            tellFuture(nextUse);
            call("onHit(" + slot + ")", () -> policy.onHit(slot));
            return true;
        }
        misses++;
        call("onMiss(" + key + ")", () -> policy.onMiss(key));
        if (slotOf.size() == capacity) {
            int victim;
            try {
                victim = policy.evict();
            } catch (RuntimeException e) {
                throw new AssertionError("policy '" + name + "' threw in evict(): " + e, e);
            }
            if (victim < 0 || victim >= capacity || freeSlots.contains(victim)) {
                throw new AssertionError("policy '" + name + "': evict() returned slot " + victim
                        + ", which holds no resident page");
            }
            slotOf.remove(keyIn[victim]);
            freeSlots.add(victim);
            victims.add(keyIn[victim]);
        }
        int free = freeSlots.pollFirst();
        slotOf.put(key, free);
        keyIn[free] = key;
        tellFuture(nextUse);
        call("onInsert(" + key + ", " + free + ")", () -> policy.onInsert(key, free));
        return false;
    }

    /** Takes a resident page away without an eviction, as the kernel does when a page is freed. */
    public void remove(long key) {
        Integer slot = slotOf.remove(key);
        if (slot == null) {
            throw new IllegalArgumentException("key " + key + " is not resident");
        }
        freeSlots.add(slot);
        call("onRemove(" + slot + ")", () -> policy.onRemove(slot));
    }

    private void tellFuture(long nextUse) {
        if (futureAware != null) {
            call("nextUse(" + nextUse + ")", () -> futureAware.nextUse(nextUse));
        }
    }

    private void call(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            throw new AssertionError("policy '" + name + "' threw in " + what + ": " + e, e);
        }
    }

    /** Whether {@code key} is resident. */
    public boolean isResident(long key) {
        return slotOf.containsKey(key);
    }

    /** The resident keys. */
    public java.util.Set<Long> residentKeys() {
        return java.util.Collections.unmodifiableSet(slotOf.keySet());
    }

    /** The number of resident pages. */
    public int size() {
        return slotOf.size();
    }

    /** The number of slots. */
    public int capacity() {
        return capacity;
    }

    /** Every evicted key, in eviction order. */
    public List<Long> victims() {
        return java.util.Collections.unmodifiableList(victims);
    }

    /** Requests that found their key resident. */
    public long hits() {
        return hits;
    }

    /** Requests that did not. */
    public long misses() {
        return misses;
    }

    /**
     * For each position of {@code trace}, the position of the next request of the same key, or
     * {@link FutureAware#NEVER}: what a host gives a {@link FutureAware} policy.
     */
    public static long[] nextUses(long[] trace) {
        long[] next = new long[trace.length];
        Map<Long, Integer> seenAt = new HashMap<>();
        for (int i = trace.length - 1; i >= 0; i--) {
            Integer later = seenAt.put(trace[i], i);
            next[i] = later == null ? FutureAware.NEVER : later;
        }
        return next;
    }
}
