package org.mmsim.trace.replay;

import java.util.Arrays;
import org.mmsim.spi.FutureAware;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.trace.plugin.PolicyChoice;

/**
 * One (policy, capacity) simulation of a trace replay: the host side of the replacement SPI. It owns residency (a
 * slot per resident key, ids to slots in a plain array), decides hits and misses, calls the policy, and checks every
 * victim the policy names. The loop is the hot path: ints and arrays, no allocation, the policy called once per hit
 * and three times per miss.
 */
final class PairRun {
    private static final int NOT_RESIDENT = -1;
    /** Requests between two progress marks the watchdog reads. */
    private static final int BATCH = 1 << 16;

    private final String name;
    private final String spec;
    private final int capacity;
    private final ReplacementPolicy policy;
    private final FutureAware future;
    private final int[] idInSlot;
    private int[] slotOf = new int[0];
    private int resident;
    private long requests;
    private long hits;
    private long nanos;
    private volatile long progress;

    PairRun(PolicyChoice<ReplacementPolicyProvider> choice, int capacity, long seed) {
        this.name = choice.name();
        this.spec = choice.spec();
        this.capacity = capacity;
        ReplacementPolicy created;
        try {
            created = choice.provider().create(new PolicySettings(capacity, seed, choice.arguments()));
        } catch (RuntimeException e) {
            throw new PluginFailureException(name, "create() threw at capacity " + capacity, e);
        }
        if (created == null) {
            throw new PluginFailureException(name, "create() returned null", null);
        }
        policy = created;
        future = choice.provider().needsFuture() ? (FutureAware) created : null;
        idInSlot = new int[capacity];
    }

    /**
     * Replays one chunk of the trace.
     *
     * @param ids the chunk's key ids
     * @param length how many of them are requests
     * @param distinct every id is below this
     * @param next for each request the position of the next request of its key, or null if the policy needs none
     * @throws PluginFailureException if the policy throws or names a victim that is not resident
     */
    void replay(int[] ids, int length, int distinct, long[] next) {
        if (slotOf.length < distinct) {
            int old = slotOf.length;
            slotOf = Arrays.copyOf(slotOf, Math.max(distinct, old * 2));
            Arrays.fill(slotOf, old, slotOf.length, NOT_RESIDENT);
        }
        long start = System.nanoTime();
        try {
            for (int from = 0; from < length; from += BATCH) {
                int to = Math.min(length, from + BATCH);
                if (future == null) {
                    loop(ids, from, to);
                } else {
                    loopWithFuture(ids, from, to, next);
                }
                progress = requests + to;
            }
        } catch (PluginFailureException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new PluginFailureException(name, "threw between requests " + (progress + 1) + " and "
                    + (requests + length), e);
        } finally {
            nanos += System.nanoTime() - start;
        }
        requests += length;
    }

    private void loop(int[] ids, int from, int to) {
        final int[] slotOf = this.slotOf;
        final int[] idInSlot = this.idInSlot;
        final ReplacementPolicy policy = this.policy;
        long hits = 0;
        int resident = this.resident;
        for (int i = from; i < to; i++) {
            int id = ids[i];
            int slot = slotOf[id];
            if (slot != NOT_RESIDENT) {
                hits++;
                policy.onHit(slot);
                continue;
            }
            policy.onMiss(id);
            if (resident < capacity) {
                slot = resident++;
            } else {
                slot = policy.evict();
                checkVictim(slot, i, from);
                slotOf[idInSlot[slot]] = NOT_RESIDENT;
            }
            slotOf[id] = slot;
            idInSlot[slot] = id;
            policy.onInsert(id, slot);
        }
        this.resident = resident;
        this.hits += hits;
    }

    private void loopWithFuture(int[] ids, int from, int to, long[] next) {
        for (int i = from; i < to; i++) {
            int id = ids[i];
            int slot = slotOf[id];
            future.nextUse(next[i]);
            if (slot != NOT_RESIDENT) {
                hits++;
                policy.onHit(slot);
                continue;
            }
            policy.onMiss(id);
            if (resident < capacity) {
                slot = resident++;
            } else {
                slot = policy.evict();
                checkVictim(slot, i, from);
                slotOf[idInSlot[slot]] = NOT_RESIDENT;
            }
            slotOf[id] = slot;
            idInSlot[slot] = id;
            policy.onInsert(id, slot);
        }
    }

    private void checkVictim(int slot, int i, int from) {
        // Every slot is taken when evict() is called, so any slot in range holds a resident page.
        if (slot < 0 || slot >= capacity) {
            throw new PluginFailureException(name, "evict() returned slot " + slot + " at request "
                    + (requests + i + 1) + ", which holds no resident page (slots are 0 to " + (capacity - 1) + ")", null);
        }
    }

    /** Requests replayed so far, as last marked: what the watchdog reads. */
    long progress() {
        return progress;
    }

    ReplayResult result() {
        return new ReplayResult(spec, capacity, requests, hits, nanos / 1e9);
    }

    String name() {
        return name;
    }
}
