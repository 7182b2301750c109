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
    /** The columns a drawn line takes, one short of a terminal's 80 so that it never wraps. */
    private static final int WIDTH_OF_LINE = 79;
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
        if (seconds >= 1) {
            show(line(done, total, seconds));
        }
    }

    /** Draws {@code text} in place of what the bar showed, on a terminal. */
    synchronized void show(String text) {
        if (enabled) {
            String shown = text.length() < WIDTH_OF_LINE ? text + " ".repeat(WIDTH_OF_LINE - text.length())
                    : text.substring(0, WIDTH_OF_LINE);
            err.print("\r" + shown);
            err.flush();
            drawn = true;
        }
    }

    /** The bar's text: {@code [=====>     ]  48%  21.3 M requests/s, 2 s left}, or without a total the count and rate. */
    static String line(long done, long total, double seconds) {
        String rate = ReplayCommand.rate(done / Math.max(seconds, 1e-9)) + " requests/s";
        if (total <= 0) {
            return String.format(Locale.ROOT, "%,d requests, %s", done, rate);
        }
        double share = Math.min(1, (double) done / total);
        return bar(share, WIDTH) + "  " + rate + ", " + left(seconds, share) + " s left";
    }

    /** {@code [=====>     ]  48%}: a share from 0 to 1, on {@code width} columns. */
    static String bar(double share, int width) {
        int filled = (int) (share * width);
        String bar = "=".repeat(filled) + (filled < width ? ">" + " ".repeat(width - filled - 1) : "");
        return String.format(Locale.ROOT, "[%s] %3d%%", bar, (int) (share * 100));
    }

    /** The seconds left at this pace, {@code share} of the work done in {@code seconds}. */
    static long left(double seconds, double share) {
        return share <= 0 ? 0 : Math.round(seconds * (1 - share) / share);
    }

    /** Erases the bar, if it was drawn. */
    synchronized void finish() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH_OF_LINE) + "\r");
            err.flush();
            drawn = false;
        }
    }
}
