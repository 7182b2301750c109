package org.mmsim.tools.replay;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mmsim.api.spi.ReplacementPolicyProvider;
import org.mmsim.tools.plugin.PolicyChoice;
import org.mmsim.tools.trace.TraceDecoder;
import org.mmsim.tools.trace.TraceOptions;

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
                PairRun run = new PairRun(policy, capacity.resolve(distinct), seed);
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
}
