package org.mmsim.tools.scenario;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A terminal for the tests, or a pipe: what the tools show is kept (each redraw after a form feed, as the screen is
 * cleared), and each wait takes the next of a script of keys ({@link Tty#NO_KEY}: the wait ran out). When the script
 * is used up, Ctrl-C is pressed; it can also be pressed after a number of looks at it.
 */
public final class ScriptedTty implements Tty {
    private final boolean terminal;
    private final Deque<Integer> script;
    private final StringBuilder shown = new StringBuilder();
    private long checksBeforeCtrlC = Long.MAX_VALUE;
    private boolean interrupted;
    private int waits;

    /** A terminal ({@code terminal}) or a pipe, whose waits end with {@code keys}, one each, then Ctrl-C. */
    public ScriptedTty(boolean terminal, List<Integer> keys) {
        this.terminal = terminal;
        this.script = new ArrayDeque<>(keys);
    }

    /** Presses Ctrl-C after {@code checks} looks at it. */
    public ScriptedTty ctrlCAfter(long checks) {
        checksBeforeCtrlC = checks;
        return this;
    }

    /** Everything shown, a form feed before each redrawn screen. */
    public String shown() {
        return shown.toString();
    }

    /** How many times a tool waited (a key or a pause). */
    public int waits() {
        return waits;
    }

    @Override
    public boolean isTerminal() {
        return terminal;
    }

    @Override
    public int rows() {
        return 24;
    }

    @Override
    public void print(String text) {
        shown.append(text);
    }

    @Override
    public void redraw(String text) {
        shown.append('\f').append(text);
    }

    @Override
    public int key(long millis) {
        waits++;
        if (script.isEmpty()) {
            interrupted = true;
            return NO_KEY;
        }
        return script.poll();
    }

    @Override
    public void pause(long millis) {
        key(millis);
    }

    @Override
    public boolean interrupted() {
        return interrupted || checksBeforeCtrlC-- <= 0;
    }
}
