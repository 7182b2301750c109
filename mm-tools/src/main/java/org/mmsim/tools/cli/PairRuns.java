package org.mmsim.tools.cli;

import org.mmsim.spi.BadInputException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of the benchmarks that time alloc/free pairs: how many pairs a run, and the rounds. */
final class PairRuns {
    @Option(names = "--pairs", paramLabel = "N", defaultValue = "20000000", description = "Pairs per run.")
    int pairs;

    @Mixin
    Rounds rounds = new Rounds(2, 5);

    /** Refuses fewer than one pair, and rounds {@link Rounds#check()} refuses. */
    void check() {
        if (pairs < 1) {
            throw new BadInputException("--pairs " + pairs + ": expected 1 or more");
        }
        rounds.check();
    }
}
