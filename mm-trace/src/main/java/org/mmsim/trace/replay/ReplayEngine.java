package org.mmsim.trace.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.mmsim.spi.FutureAware;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.watchdog.PluginWatch;
import org.mmsim.spi.watchdog.PluginWatchdog;
import org.mmsim.trace.plugin.PolicyChoice;
import org.mmsim.trace.format.TraceException;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.format.TraceSource;

/**
 * Replays a trace under every (policy, capacity) pair, as libCacheSim's cachesim does with lists: the trace is read
 * and decoded once, and each pair is its own simulation, one thread each across the cores, so each result is the one
 * a run of that pair alone gives.
 *
 * <p>Decoded chunks of key ids go to every pair as they come, so a trace larger than memory streams through. Two
 * things need the whole trace first, and hold it in memory as ints (4 bytes a request): capacities given as shares
 * of the distinct keys, and policies that need the future (opt), which also hold each request's next use as a long
 * (8 more bytes a request).
 *
 * <p>A pair whose policy fails — throws, names a victim that is not resident, or makes no progress for
 * {@code timeout} (the plugin watchdog, {@link PluginWatchdog}, stops it) — stops there, and its result says so
 * ({@link ReplayResult#error()}: the policy by name and the request); the other pairs go on to the end of the trace,
 * each with the result it would have had alone.
 */
public final class ReplayEngine {
    private final int threads;
    private final long timeoutNanos;
    private final Progress progress;

    /**
     * @param threads simulations run at once
     * @param timeoutNanos how long a pair may go without progress before its policy counts as runaway
     *     ({@link PluginWatch#defaultBudgetNanos()} is the one the command line and the machine use)
     */
    public ReplayEngine(int threads, long timeoutNanos) {
        this(threads, timeoutNanos, (done, total) -> { });
    }

    /**
     * @param progress told, about five times a second while pairs run, the requests replayed over all pairs and the
     *     total (-1 while the trace is still being read)
     */
    public ReplayEngine(int threads, long timeoutNanos, Progress progress) {
        this.threads = threads;
        this.timeoutNanos = timeoutNanos;
        this.progress = progress;
    }

    /** Where a long replay reports how far it got. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }


    /**
     * Replays {@code source} under every policy at every capacity (policy-major order). A pair whose policy fails is
     * in the outcome with its error ({@link ReplayOutcome#failures()}), and did not stop the others.
     *
     * @throws TraceException for an unreadable or empty trace
     */
    public ReplayOutcome replay(TraceSource source, List<PolicyChoice<ReplacementPolicyProvider>> policies,
                          List<Capacity> capacities, long seed) {
        boolean needsFuture = policies.stream().anyMatch(p -> p.provider().needsFuture());
        boolean whole = needsFuture || capacities.stream().anyMatch(Capacity::isRelative);
        int size = Math.max(1, Math.min(threads, policies.size() * capacities.size()));
        ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "mm-replay");
            thread.setDaemon(true);
            return thread;
        });
        try {
            if (whole) {
                DenseTrace.Whole kept = new DenseTrace.Whole();
                DenseTrace trace = new DenseTrace(kept);
                Optional<TraceFormat> format = source.decode(trace);
                trace.finish();
                checkNotEmpty(source, trace);
                List<PairRun> runs = pairs(policies, capacities, trace.distinct(), seed);
                long[][] next = needsFuture ? nextUses(kept, trace.distinct()) : null;
                // The trace is all in memory: each pair replays it whole in one task, no join between chunks.
                int distinct = trace.distinct();
                awaitAll(pool, runs, run -> () -> {
                    for (int c = 0; c < kept.chunks.size(); c++) {
                        run.replay(kept.chunks.get(c), kept.lengths.get(c), distinct, next == null ? null : next[c]);
                    }
                }, trace.requests() * runs.size());
                return outcome(format, trace, runs);
            }
            List<PairRun> runs = pairs(policies, capacities, 0, seed);
            DenseTrace trace = new DenseTrace((ids, length, distinct) -> replayChunk(pool, runs, ids, length, distinct, null));
            Optional<TraceFormat> format = source.decode(trace);
            trace.finish();
            checkNotEmpty(source, trace);
            return outcome(format, trace, runs);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void checkNotEmpty(TraceSource source, DenseTrace trace) {
        if (trace.requests() == 0) {
            throw new TraceException(source.name() + ": no requests; expected at least one");
        }
    }

    private static ReplayOutcome outcome(Optional<TraceFormat> format, DenseTrace trace, List<PairRun> runs) {
        List<ReplayResult> results = new ArrayList<>();
        runs.forEach(run -> results.add(run.result()));
        return new ReplayOutcome(format, trace.requests(), trace.distinct(), results);
    }

    private List<PairRun> pairs(List<PolicyChoice<ReplacementPolicyProvider>> policies, List<Capacity> capacities,
                                int distinct, long seed) {
        List<PairRun> runs = new ArrayList<>();
        for (PolicyChoice<ReplacementPolicyProvider> policy : policies) {
            for (Capacity capacity : capacities) {
                runs.add(pair(policy, capacity.resolve(distinct), seed));
            }
        }
        return runs;
    }

    /** A pair, its policy created under the watchdog like every later call: a create() that never returns fails it. */
    private PairRun pair(PolicyChoice<ReplacementPolicyProvider> policy, int capacity, long seed) {
        PluginWatch watch = new PluginWatch("request", timeoutNanos);
        try {
            return PluginWatchdog.call(watch, () -> new PairRun(policy, capacity, seed, watch));
        } catch (PluginFailureException e) {
            if (e != watch.failure()) {
                throw e;
            }
            return new PairRun(policy, capacity, watch, e);
        }
    }

    /** For each request, the position of the next request of the same key ({@link FutureAware#NEVER} if none). */
    static long[][] nextUses(DenseTrace.Whole kept, int distinct) {
        long[] seenAt = new long[distinct];
        Arrays.fill(seenAt, FutureAware.NEVER);
        long[][] next = new long[kept.chunks.size()][];
        long position = 0;
        for (int c = 0; c < kept.chunks.size(); c++) {
            position += kept.lengths.get(c);
        }
        for (int c = kept.chunks.size() - 1; c >= 0; c--) {
            int[] ids = kept.chunks.get(c);
            int length = kept.lengths.get(c);
            next[c] = new long[length];
            for (int i = length - 1; i >= 0; i--) {
                position--;
                next[c][i] = seenAt[ids[i]];
                seenAt[ids[i]] = position;
            }
        }
        return next;
    }

    private void replayChunk(ThreadPoolExecutor pool, List<PairRun> runs, int[] ids, int length, int distinct, long[] next) {
        awaitAll(pool, runs, run -> () -> run.replay(ids, length, distinct, next), -1);
    }

    /** Runs {@code task} of every pair that has not failed, one task each, and waits for them all. */
    private void awaitAll(ThreadPoolExecutor pool, List<PairRun> runs, Function<PairRun, Runnable> task, long total) {
        List<PairRun> running = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (PairRun run : runs) {
            if (!run.failed()) {
                running.add(run);
                futures.add(pool.submit(task.apply(run)));
            }
        }
        for (int i = 0; i < futures.size(); i++) {
            await(pool, futures.get(i), running.get(i), runs, total);
        }
    }

    private void await(ThreadPoolExecutor pool, Future<?> future, PairRun run, List<PairRun> all, long total) {
        try {
            PluginWatchdog.await(future, run.watch(), () -> {
                long done = 0;
                for (PairRun r : all) {
                    done += r.progress();
                }
                progress.update(done, total);
            });
        } catch (PluginFailureException e) {
            if (e == run.watch().failure()) {
                run.stop(e);
                // The runaway's thread may never come back from the policy: one thread more keeps the other pairs
                // running as many at once as before.
                pool.setMaximumPoolSize(pool.getMaximumPoolSize() + 1);
                pool.setCorePoolSize(pool.getCorePoolSize() + 1);
            } else if (!run.failed()) {
                throw e;
            }
        }
    }
}
