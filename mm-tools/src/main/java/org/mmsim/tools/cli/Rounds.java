package org.mmsim.tools.cli;

import picocli.CommandLine.Option;

/**
 * The rounds of a benchmark that lets its own warm-up be chosen: unmeasured ones first (the JIT's), then measured
 * ones, whose median is the figure. Each benchmark gives its defaults when it creates the mixin.
 */
final class Rounds {
    @Option(names = "--warmup", paramLabel = "N", description = "Unmeasured rounds first (default: ${DEFAULT-VALUE}).")
    int warmups;

    @Option(names = "--runs", paramLabel = "N", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int runs;

    Rounds(int warmups, int runs) {
        this.warmups = warmups;
        this.runs = runs;
    }

    /** Refuses a negative warm-up or no measured round. */
    void check() {
        BenchRuns.check(warmups, runs);
    }
}
