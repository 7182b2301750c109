package org.mmsim.tools.cli;

import java.util.Locale;
import org.mmsim.tools.scenario.LineClock;
import org.mmsim.tools.scenario.ScenarioLine;

/**
 * {@code ./mm run}'s sign of life on a terminal: once a scenario line has run for {@link #AFTER_NANOS} of wall time,
 * a line on stderr, redrawn in place every {@link #EVERY_MILLIS}, says which line runs and how far it has let simulated
 * time pass ({@code tick 3600s}: a bar and the time left at this pace), and is erased when the line ends. A daemon
 * thread draws it, reading the {@link LineClock} the simulation publishes; the run's output and the line take turns
 * through {@link #lineEnded}, so a line's output is never drawn over.
 */
final class LineProgress {
    /** A line shows its progress after two seconds of wall time. */
    static final long AFTER_NANOS = 2_000_000_000L;
    /** How often the progress is redrawn. */
    static final long EVERY_MILLIS = 250;
    /** The bar's width, narrower than a replay's: the line's own words follow it. */
    private static final int BAR = 16;

    private final ProgressBar bar;
    private final long afterNanos;
    private ScenarioLine line;
    private LineClock clock;
    private long began;

    /** @param afterNanos how long a line runs before its progress shows */
    LineProgress(ProgressBar bar, long afterNanos) {
        this.bar = bar;
        this.afterNanos = afterNanos;
    }

    /** On a terminal only: a daemon thread draws the progress of each line that runs over two seconds. */
    static LineProgress onTerminal(java.io.PrintWriter err) {
        LineProgress progress = new LineProgress(ProgressBar.onTerminal(err), AFTER_NANOS);
        if (System.console() != null) {
            Thread drawer = new Thread(() -> {
                try {
                    while (true) {
                        Thread.sleep(EVERY_MILLIS);
                        progress.draw();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "mm-progress");
            drawer.setDaemon(true);
            drawer.start();
        }
        return progress;
    }

    /** {@code line} begins, its simulated time published by {@code lineClock}. */
    synchronized void lineBegins(ScenarioLine begun, LineClock lineClock) {
        line = begun;
        clock = lineClock;
        began = System.nanoTime();
    }

    /** The line ended: its progress is erased, and nothing is drawn until the next begins. */
    synchronized void lineEnded() {
        line = null;
        bar.finish();
    }

    /** Draws the running line's progress if it has run long enough. */
    synchronized void draw() {
        long wall = System.nanoTime() - began;
        if (line != null && wall >= afterNanos && !clock.onScreen()) {
            bar.show(text(line, clock, wall / 1e9));
        }
    }

    /**
     * {@code line 6 [=>              ]  11%  412/3600 s simulated, 20 s left: tick 3600s} for a line that is one wait,
     * {@code line 7, 1287 s simulated in 41 s: vmstat 1 3600} for one of several, {@code line 8, 12 s: ...} for a line
     * that lets no time pass: cut to a terminal's width, the line's own words last.
     */
    static String text(ScenarioLine line, LineClock clock, double wallSeconds) {
        double share = clock.share();
        double simulated = clock.passedNanos() / 1e9;
        String progress;
        if (share >= 0) {
            progress = " " + ProgressBar.bar(share, BAR) + String.format(Locale.ROOT, "  %.0f/%.0f s simulated, %d s left",
                    simulated, clock.waitNanos() / 1e9, ProgressBar.left(wallSeconds, share));
        } else if (simulated > 0) {
            progress = String.format(Locale.ROOT, ", %.0f s simulated in %.0f s", simulated, wallSeconds);
        } else {
            progress = String.format(Locale.ROOT, ", %.0f s", wallSeconds);
        }
        return "line " + line.number() + progress + ": " + String.join(" ", line.words());
    }
}
