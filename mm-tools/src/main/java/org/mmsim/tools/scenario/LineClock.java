package org.mmsim.tools.scenario;

/**
 * How far the running scenario line has let simulated time pass, published for a progress display on another
 * thread ({@code ./mm run} on a terminal): the simulation writes it as time passes, the display reads it. Its fields
 * are read one at a time, so a reading may mix two moments; a display does not mind.
 */
public final class LineClock {
    private volatile long lineStart;
    private volatile long passFrom;
    private volatile long passUntil;
    private volatile long now;
    /** The waits ({@link Session#pass}) the line began so far. */
    private volatile int passes;
    /** Whether the line draws on the shell's terminal itself (top, watch, a tool until Ctrl-C). */
    private volatile boolean onScreen;

    /** A line begins at {@code nanos} of simulated time. */
    void lineBegins(long nanos) {
        lineStart = nanos;
        passFrom = nanos;
        passUntil = nanos;
        now = nanos;
        passes = 0;
        onScreen = false;
    }

    /** The line has taken the shell's terminal: a display must not draw over it. */
    void screenTaken() {
        onScreen = true;
    }

    /** Whether the line draws on the shell's terminal itself, so that no progress may be drawn there. */
    public boolean onScreen() {
        return onScreen;
    }

    /** The line lets time pass from {@code from} to {@code until}, its loops running. */
    void passing(long from, long until) {
        passFrom = from;
        passUntil = until;
        now = from;
        passes++;
    }

    /** Simulated time is {@code nanos} now. */
    void at(long nanos) {
        now = nanos;
    }

    /** The simulated time the line has let pass so far. */
    public long passedNanos() {
        return now - lineStart;
    }

    /**
     * How much of its wait the line has done, from 0 to 1, when the line is one wait ({@code tick}); -1 when it is
     * several (a report every DELAY) or none, whose end only the verb knows.
     */
    public double share() {
        long span = passUntil - passFrom;
        return passes == 1 && span > 0 ? Math.min(1, (double) (now - passFrom) / span) : -1;
    }

    /** The length of the line's one wait ({@link #share} is not -1). */
    public long waitNanos() {
        return passUntil - passFrom;
    }
}
