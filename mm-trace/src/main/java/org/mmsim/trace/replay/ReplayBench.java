package org.mmsim.trace.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.watchdog.PluginWatch;
import org.mmsim.trace.plugin.PolicyChoice;
import org.mmsim.trace.format.TraceDecoder;
import org.mmsim.trace.format.TraceOptions;

/**
 * The replay benchmark behind {@code ./mm bench replay}: the trace is decoded into memory once, then each policy
 * replays it alone on one thread, first unmeasured (warm-up, so the JIT has compiled the loop) and then measured.
 * Only the policy loop over the decoded ids is timed, as {@code ./mm replay} times it.
 */
public final class ReplayBench {
    private ReplayBench() {
    }

    /**
     * A policy's figures over the measured runs.
     *
     * @param policy the policy spec
     * @param missRatio its miss ratio (the same every run)
     * @param requestsPerSecond the measured rates, sorted
     */
    public record Figures(String policy, double missRatio, double[] requestsPerSecond) {
        public double median() {
            int n = requestsPerSecond.length;
            return n % 2 == 1 ? requestsPerSecond[n / 2] : (requestsPerSecond[n / 2 - 1] + requestsPerSecond[n / 2]) / 2;
        }

        public double min() {
            return requestsPerSecond[0];
        }

        public double max() {
            return requestsPerSecond[requestsPerSecond.length - 1];
        }
    }

    /** Benchmarks each policy at {@code capacity}, reporting as each finishes. */
    public static List<Figures> run(Path file, TraceOptions options, List<PolicyChoice<ReplacementPolicyProvider>> policies,
                                    Capacity capacity, int warmups, int runs, long seed,
                                    java.util.function.Consumer<Figures> progress) {
        DenseTrace.Whole kept = new DenseTrace.Whole();
        DenseTrace trace = new DenseTrace(kept);
        TraceDecoder.decode(file, options, trace);
        trace.finish();
        int distinct = trace.distinct();
        long[][] next = policies.stream().anyMatch(p -> p.provider().needsFuture()) ? ReplayEngine.nextUses(kept, distinct) : null;
        List<Figures> all = new ArrayList<>();
        for (PolicyChoice<ReplacementPolicyProvider> policy : policies) {
            double[] rates = new double[runs];
            double missRatio = 0;
            for (int r = -warmups; r < runs; r++) {
                PairRun run = new PairRun(policy, capacity.resolve(distinct), seed, new PluginWatch("request"));
                for (int c = 0; c < kept.chunks.size(); c++) {
                    run.replay(kept.chunks.get(c), kept.lengths.get(c), distinct, next == null ? null : next[c]);
                }
                ReplayResult result = run.result();
                missRatio = result.missRatio();
                if (r >= 0) {
                    rates[r] = result.requestsPerSecond();
                }
            }
            Arrays.sort(rates);
            Figures figures = new Figures(policy.spec(), missRatio, rates);
            all.add(figures);
            progress.accept(figures);
        }
        return all;
    }

    /**
     * The wall time of replaying every (policy, capacity) pair from memory on {@code threads[i]} threads, each pair one
     * task as {@code ./mm compare} runs it: the trace decoded once, then rounds of one run per thread count in turn
     * (after {@code warmups} unmeasured rounds, so the JIT has compiled every policy), medians in seconds.
     */
    public static double[] pairsWall(Path file, TraceOptions options, List<PolicyChoice<ReplacementPolicyProvider>> policies,
                                     List<Capacity> capacities, int[] threads, int warmups, int runs, long seed) {
        DenseTrace.Whole kept = new DenseTrace.Whole();
        DenseTrace trace = new DenseTrace(kept);
        TraceDecoder.decode(file, options, trace);
        trace.finish();
        int distinct = trace.distinct();
        double[][] walls = new double[threads.length][runs];
        for (int r = -warmups; r < runs; r++) {
            for (int t = 0; t < threads.length; t++) {
                java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads[t]);
                try {
                    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                    long start = System.nanoTime();
                    for (PolicyChoice<ReplacementPolicyProvider> policy : policies) {
                        for (Capacity capacity : capacities) {
                            PairRun run = new PairRun(policy, capacity.resolve(distinct), seed, new PluginWatch("request"));
                            done.add(pool.submit(() -> {
                                for (int c = 0; c < kept.chunks.size(); c++) {
                                    run.replay(kept.chunks.get(c), kept.lengths.get(c), distinct, null);
                                }
                            }));
                        }
                    }
                    for (java.util.concurrent.Future<?> f : done) {
                        f.get();
                    }
                    if (r >= 0) {
                        walls[t][r] = (System.nanoTime() - start) / 1e9;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                } finally {
                    pool.shutdownNow();
                }
            }
        }
        double[] medians = new double[threads.length];
        for (int t = 0; t < threads.length; t++) {
            java.util.Arrays.sort(walls[t]);
            medians[t] = walls[t][runs / 2];
        }
        return medians;
    }
}
