package org.mmsim.tools.cli;

import org.mmsim.spi.BadInputException;
import picocli.CommandLine.Option;

/** The options of the benchmarks that time alloc/free pairs: how many pairs a run, how many measured runs. */
final class PairRuns {
    @Option(names = "--pairs", paramLabel = "N", defaultValue = "20000000", description = "Pairs per run.")
    int pairs;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Measured runs (after 2 warm-ups).")
    int runs;

    /** Refuses counts below 1. */
    void check() {
        if (pairs < 1 || runs < 1) {
            throw new BadInputException("--pairs " + pairs + " --runs " + runs + ": expected 1 or more");
        }
    }
}
