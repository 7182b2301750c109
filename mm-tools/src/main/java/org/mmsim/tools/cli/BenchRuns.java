package org.mmsim.tools.cli;

import java.util.Arrays;
import java.util.function.DoubleSupplier;
import org.mmsim.spi.BadInputException;

/** What the {@code ./mm bench} commands share about runs: warm-ups, measured runs, and their median. */
final class BenchRuns {
    private BenchRuns() {
    }

    /** Refuses fewer than one measured run or a negative number of warm-ups. */
    static void check(int warmups, int runs) {
        if (runs < 1 || warmups < 0) {
            throw new BadInputException("--runs " + runs + " --warmup " + warmups + ": expected runs >= 1 and warmup >= 0");
        }
    }

    /** Runs {@code run} for the warm-ups, unmeasured, then the measured rounds; returns the median of those. */
    static double median(Rounds rounds, DoubleSupplier run) {
        for (int i = 0; i < rounds.warmups; i++) {
            run.getAsDouble();
        }
        double[] results = new double[rounds.runs];
        for (int i = 0; i < rounds.runs; i++) {
            results[i] = run.getAsDouble();
        }
        return median(results);
    }

    /** The median of {@code values} (the upper one of an even count), which it sorts. */
    static double median(double[] values) {
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
