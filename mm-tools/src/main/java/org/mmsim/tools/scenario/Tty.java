package org.mmsim.tools.scenario;

/**
 * What {@code ./mm shell} gives the tools that run until they are stopped — {@code top}, {@code vmstat DELAY},
 * {@code free -s}, {@code watch}: a screen to show each report on at once, the wall clock to wait on between reports
 * (simulated time passes by the same delay, so what they show does not depend on it), the keys typed, and Ctrl-C. A
 * scenario file has none: there such a tool needs a count. On a pipe there is no screen to redraw nor keys to read:
 * the tools print report after report, as procps's batch modes do.
 */
public interface Tty {
    /** What {@link #key} returns when its wait ends without a key. */
    int NO_KEY = -1;
    /** The Up arrow, as {@link #key} returns it. */
    int UP = 0x1_0001;
    /** The Down arrow. */
    int DOWN = 0x1_0002;
    /** The Escape key alone. */
    int ESCAPE = 27;

    /** Whether this is a terminal, whose screen can be redrawn and whose keys can be read (not a pipe). */
    boolean isTerminal();

    /** The screen's height in lines (24 when it cannot be known, as procps assumes). */
    int rows();

    /** Shows {@code text} at once, after what is on the screen. */
    void print(String text);

    /** Clears the screen and shows {@code text} from its top, cut to its height; on a pipe, prints it. */
    void redraw(String text);

    /**
     * Waits for a key, at most {@code millis} of wall-clock time, reading keys one at a time as they are typed.
     *
     * @return the character, {@link #UP}, {@link #DOWN}, {@link #ESCAPE}, or {@link #NO_KEY} if the wait ended (or
     *     Ctrl-C was pressed) first
     */
    int key(long millis);

    /** Waits {@code millis} of wall-clock time, or until Ctrl-C is pressed. */
    void pause(long millis);

    /** Whether Ctrl-C was pressed since the line began: the running command stops, the shell goes on. */
    boolean interrupted();
}
