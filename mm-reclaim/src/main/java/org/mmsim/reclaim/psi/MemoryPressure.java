package org.mmsim.reclaim.psi;

import com.google.inject.Inject;
import org.mmsim.api.reclaim.Pressure;
import org.mmsim.api.time.SimClock;

/**
 * Memory pressure averages as psi.c computes them: every 2 s (PSI_FREQ) the share of the period spent stalled is
 * folded into three exponential moving averages with the decay of 10, 60 and 300 seconds
 * ({@code calc_avgs()}: avg = avg × e^(−2/w) + sample × (1 − e^(−2/w))). The averages are brought up to date when
 * read or when a stall is recorded, so no timer runs while nothing happens; a stall counts in the period it ends in.
 */
public final class MemoryPressure implements Pressure {
    private static final long PERIOD = 2_000_000_000L;
    private static final double[] DECAY = {Math.exp(-2.0 / 10), Math.exp(-2.0 / 60), Math.exp(-2.0 / 300)};
    private final SimClock clock;
    private final double[] averages = new double[3];
    private long totalNanos;
    private long periodStart;
    private long periodStall;

    @Inject
    public MemoryPressure(SimClock clock) {
        this.clock = clock;
    }

    @Override
    public void memstall(long nanos) {
        update();
        totalNanos += nanos;
        periodStall += nanos;
    }

    @Override
    public double[] averages() {
        update();
        return averages.clone();
    }

    @Override
    public long totalMicros() {
        return totalNanos / 1000;
    }

    /** Folds every period that ended since the last update into the averages. */
    private void update() {
        long now = clock.nanos();
        while (periodStart + PERIOD <= now) {
            double sample = Math.min(100.0, 100.0 * periodStall / PERIOD);
            for (int i = 0; i < DECAY.length; i++) {
                averages[i] = averages[i] * DECAY[i] + sample * (1 - DECAY[i]);
            }
            periodStall = 0;
            periodStart += PERIOD;
            if (sample == 0 && averages[2] < 1e-9) {
                // Nothing to decay: jump over the idle periods at once.
                periodStart += (now - periodStart) / PERIOD * PERIOD;
            }
        }
    }
}
