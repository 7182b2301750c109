package org.mmsim.trace.replay;

import java.util.Arrays;
import java.util.Optional;
import org.mmsim.spi.FutureAware;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.watchdog.PluginWatch;
import org.mmsim.trace.plugin.PolicyChoice;

/**
 * One (policy, capacity) simulation of a trace replay: the host side of the replacement SPI. It owns residency (a
 * slot per resident key, ids to slots in a plain array), decides hits and misses, calls the policy, and checks every
 * victim the policy names. The loop is the hot path: ints and arrays, no allocation, the policy called once per hit
 * and three times per miss.
 *
 * <p>A policy that fails (throws, names a victim that is not resident, or is stopped as runaway) stops its pair for
 * good: the failure names the request it happened at, and the result keeps the counts of the requests before it.
 * The loop's catch is outside it and the request index a local int, so a replay that does not fail pays nothing.
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
    private final PluginWatch watch;
    /** Why the pair stopped, if its policy failed: set once, by the thread that saw it. */
    private volatile PluginFailureException failure;
    /** The result of a pair stopped from outside while its thread may still run (a runaway), as it was then. */
    private volatile ReplayResult stopped;

    /** A pair whose policy's {@code create()} fails is made failed, as if it had failed at its first request. */
    PairRun(PolicyChoice<ReplacementPolicyProvider> choice, int capacity, long seed, PluginWatch watch) {
        this.name = choice.name();
        this.spec = choice.spec();
        this.capacity = capacity;
        this.watch = watch;
        watch.guard(name, choice.provider());
        ReplacementPolicy created;
        try {
            created = choice.provider().create(new PolicySettings(capacity, seed, choice.arguments()));
            if (created == null) {
                failure = new PluginFailureException(name, "create() returned null", null);
            }
        } catch (RuntimeException | Error e) {
            failure = PluginFailureException.threw(name, "create", e);
            created = null;
        }
        watch.guard(name, created);
        policy = created;
        future = created != null && choice.provider().needsFuture() ? (FutureAware) created : null;
        idInSlot = new int[capacity];
    }

    /** A pair whose policy's {@code create()} never returned: the watchdog stopped it before its first request. */
    PairRun(PolicyChoice<ReplacementPolicyProvider> choice, int capacity, PluginWatch watch, PluginFailureException stalled) {
        this.name = choice.name();
        this.spec = choice.spec();
        this.capacity = capacity;
        this.watch = watch;
        policy = null;
        future = null;
        idInSlot = new int[0];
        failure = stalled;
    }

    /**
     * Replays one chunk of the trace.
     *
     * @param ids the chunk's key ids
     * @param length how many of them are requests
     * @param distinct every id is below this
     * @param next for each request the position of the next request of its key, or null if the policy needs none
     * @throws PluginFailureException if the policy throws or names a victim that is not resident, now or before (a
     *     failed pair replays nothing more)
     */
    void replay(int[] ids, int length, int distinct, long[] next) {
        if (failure != null) {
            throw failure;
        }
        if (slotOf.length < distinct) {
            int old = slotOf.length;
            slotOf = Arrays.copyOf(slotOf, Math.max(distinct, old * 2));
            Arrays.fill(slotOf, old, slotOf.length, NOT_RESIDENT);
        }
        watch.runOn(Thread.currentThread());
        long start = System.nanoTime();
        try {
            for (int from = 0; from < length; from += BATCH) {
                int to = Math.min(length, from + BATCH);
                if (future == null) {
                    loop(ids, from, to);
                } else {
                    loopWithFuture(ids, from, to, next);
                }
                watch.advanceTo(requests + to);
            }
        } catch (PluginFailureException e) {
            if (failure == null) {
                failure = e;
            }
            throw e;
        } finally {
            nanos += System.nanoTime() - start;
        }
        requests += length;
    }

    /**
     * The failure of the policy at index {@code i} of the chunk, with the {@code hits} the loop counted before it:
     * the counts become those of the requests before it.
     */
    private PluginFailureException failedAt(Throwable e, int i, long hits) {
        this.hits += hits;
        requests += i;
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
            throw (VirtualMachineError) e;
        }
        return e instanceof PluginFailureException ? (PluginFailureException) e
                : new PluginFailureException(name, "threw at request " + (requests + 1), e);
    }

    private void loop(int[] ids, int from, int to) {
        final int[] slotOf = this.slotOf;
        final int[] idInSlot = this.idInSlot;
        final ReplacementPolicy policy = this.policy;
        long hits = 0;
        int resident = this.resident;
        int i = from;
        try {
            for (; i < to; i++) {
                int id = ids[i];
                int slot = slotOf[id];
                if (slot != NOT_RESIDENT) {
                    policy.onHit(slot);
                    hits++;
                    continue;
                }
                policy.onMiss(id);
                if (resident < capacity) {
                    slot = resident++;
                } else {
                    slot = policy.evict();
                    checkVictim(slot, i);
                    slotOf[idInSlot[slot]] = NOT_RESIDENT;
                }
                slotOf[id] = slot;
                idInSlot[slot] = id;
                policy.onInsert(id, slot);
            }
        } catch (RuntimeException | Error e) {
            throw failedAt(e, i, hits);
        }
        this.resident = resident;
        this.hits += hits;
    }

    /** The loop of a clairvoyant policy, kept apart so that {@link #loop} tests nothing per request for one. */
    private void loopWithFuture(int[] ids, int from, int to, long[] next) {
        int i = from;
        try {
            for (; i < to; i++) {
                int id = ids[i];
                int slot = slotOf[id];
                future.nextUse(next[i]);
                if (slot != NOT_RESIDENT) {
                    policy.onHit(slot);
                    hits++;
                    continue;
                }
                policy.onMiss(id);
                if (resident < capacity) {
                    slot = resident++;
                } else {
                    slot = policy.evict();
                    checkVictim(slot, i);
                    slotOf[idInSlot[slot]] = NOT_RESIDENT;
                }
                slotOf[id] = slot;
                idInSlot[slot] = id;
                policy.onInsert(id, slot);
            }
        } catch (RuntimeException | Error e) {
            // This loop counts hits in the field as it goes: none are pending.
            throw failedAt(e, i, 0);
        }
    }

    private void checkVictim(int slot, int i) {
        // Every slot is taken when evict() is called, so any slot in range holds a resident page.
        if (slot < 0 || slot >= capacity) {
            throw new PluginFailureException(name, "evict() returned slot " + slot + " at request "
                    + (requests + i + 1) + ", which holds no resident page (slots are 0 to " + (capacity - 1) + ")", null);
        }
    }

    /**
     * Stops the pair from outside, its policy having made no progress: the result is the pair's as it is now, with
     * {@code why}, whatever its thread (which may never return from the policy) does after.
     */
    void stop(PluginFailureException why) {
        long done = watch.progress();
        failure = why;
        // hits is written before progress at each mark, so it is read here as it was at the mark read above.
        stopped = new ReplayResult(spec, capacity, done, hits, nanos / 1e9, Optional.of(why.getMessage()));
    }

    /** Whether the pair's policy failed: it replays nothing more. */
    boolean failed() {
        return failure != null;
    }

    /** Requests replayed so far, as last marked. */
    long progress() {
        return watch.progress();
    }

    /** What the watchdog watches: the requests replayed, and the policy's classes. */
    PluginWatch watch() {
        return watch;
    }

    /** What the pair counted; a failed pair's error is its failure's message. */
    ReplayResult result() {
        if (stopped != null) {
            return stopped;
        }
        return new ReplayResult(spec, capacity, requests, hits, nanos / 1e9,
                Optional.ofNullable(failure).map(PluginFailureException::getMessage));
    }

    String name() {
        return name;
    }
}
