package org.mmsim.tools.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.mmsim.trace.replay.ReplayEngine;

/**
 * A progress bar on stderr for a run longer than a second: requests done (of all pairs), the rate and the time left,
 * redrawn in place. It is silent unless stderr is a terminal (the JVM has a console), and its line is erased at the end.
 */
final class ProgressBar implements ReplayEngine.Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Draws on a terminal only. */
    static ProgressBar onTerminal(PrintWriter err) {
        return new ProgressBar(err, System.console() != null);
    }

    @Override
    public synchronized void update(long done, long total) {
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!enabled || seconds < 1) {
            return;
        }
        err.print("\r" + line(done, total, seconds));
        err.flush();
        drawn = true;
    }

    /** The bar's text: {@code [=====>     ]  48%  21.3 M requests/s, 2 s left}, or without a total the count and rate. */
    static String line(long done, long total, double seconds) {
        String rate = ReplayCommand.rate(done / Math.max(seconds, 1e-9)) + " requests/s";
        if (total <= 0) {
            return String.format(Locale.ROOT, "%,d requests, %s", done, rate);
        }
        double share = Math.min(1, (double) done / total);
        int filled = (int) (share * WIDTH);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        long left = done == 0 ? 0 : Math.round(seconds * (total - done) / done);
        return String.format(Locale.ROOT, "[%s] %3d%%  %s, %d s left", bar, (int) (share * 100), rate, left);
    }

    /** Erases the bar, if it was drawn. */
    synchronized void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(80) + "\r");
            err.flush();
        }
    }
}
