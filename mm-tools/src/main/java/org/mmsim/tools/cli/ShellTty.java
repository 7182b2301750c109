package org.mmsim.tools.cli;

import java.io.IOError;
import java.io.IOException;
import java.util.Arrays;
import org.jline.terminal.Attributes;
import org.jline.terminal.Terminal;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.NonBlockingReader;
import org.mmsim.tools.scenario.Tty;

/**
 * {@code ./mm shell}'s terminal, through JLine, for the tools that run until stopped: Ctrl-C (the terminal's SIGINT,
 * which raw reading keeps) stops the running line, and the shell goes on. On a terminal, keys are read one at a time
 * without echo while a line runs (the line reader's own mode comes back before the next prompt), arrows decoded
 * from their escape sequences, and the screen is cleared before each redraw. Input that is not a terminal (a pipe, or
 * a terminal too dumb to clear) is the shell's lines: no key is read from it, and the tools print report after report.
 */
final class ShellTty implements Tty {
    /** How long an escape sequence's next byte may take to come after ESC. */
    private static final long SEQUENCE_MILLIS = 50;
    /** How often a wait for a key looks at Ctrl-C. */
    private static final long POLL_MILLIS = 100;

    private final Terminal terminal;
    private final boolean screen;
    private final Object ctrlC = new Object();
    private volatile boolean interrupted;
    /** The attributes before keys were first read raw in this line, to give back at its end; null if not raw. */
    private Attributes cooked;

    ShellTty(Terminal terminal) {
        this.terminal = terminal;
        this.screen = !terminal.getType().startsWith(Terminal.TYPE_DUMB);
        terminal.handle(Terminal.Signal.INT, signal -> interrupt());
    }

    /** Ctrl-C: the running line stops. */
    void interrupt() {
        synchronized (ctrlC) {
            interrupted = true;
            ctrlC.notifyAll();
        }
    }

    /** A line begins: Ctrl-C pressed before it (at the prompt) does not stop it. */
    void lineBegins() {
        interrupted = false;
    }

    /** A line ended: the terminal as it was before the line read keys; after Ctrl-C's echo, a new line. */
    void lineEnded() {
        if (cooked != null) {
            terminal.setAttributes(cooked);
            cooked = null;
        }
        if (interrupted && screen) {
            print("\n");
        }
        terminal.flush();
    }

    @Override
    public boolean isTerminal() {
        return screen;
    }

    @Override
    public int rows() {
        int rows = terminal.getHeight();
        return rows > 0 ? rows : 24;
    }

    @Override
    public void print(String text) {
        terminal.writer().print(text);
        terminal.flush();
    }

    @Override
    public void redraw(String text) {
        if (!screen) {
            print(text);
            return;
        }
        terminal.puts(Capability.clear_screen);
        print(fit(text, rows()));
    }

    /** The first {@code rows} lines of {@code text}, the last without its newline, so the screen does not scroll. */
    static String fit(String text, int rows) {
        String[] lines = text.split("\n", -1);
        int shown = Math.min(rows, text.endsWith("\n") ? lines.length - 1 : lines.length);
        return String.join("\n", Arrays.asList(lines).subList(0, shown));
    }

    @Override
    public int key(long millis) {
        if (!screen) {
            pause(millis);
            return NO_KEY;
        }
        if (cooked == null) {
            cooked = terminal.enterRawMode();
        }
        NonBlockingReader reader = terminal.reader();
        long deadline = deadline(millis);
        while (!interrupted) {
            long left = deadline - System.nanoTime() / 1_000_000;
            if (left <= 0) {
                return NO_KEY;
            }
            int c = read(reader, Math.min(left, POLL_MILLIS));
            if (c == NonBlockingReader.EOF) {
                // No more keys can come (the terminal went away): the line stops.
                interrupt();
            } else if (c == ESCAPE) {
                return escape(reader);
            } else if (c != NonBlockingReader.READ_EXPIRED) {
                return c;
            }
        }
        return NO_KEY;
    }

    /** After ESC: an arrow's sequence ({@code ESC [ A} or, in application mode, {@code ESC O A}), or Escape alone. */
    private int escape(NonBlockingReader reader) {
        int next = read(reader, SEQUENCE_MILLIS);
        if (next != '[' && next != 'O') {
            return ESCAPE;
        }
        int code = read(reader, SEQUENCE_MILLIS);
        return code == 'A' ? UP : code == 'B' ? DOWN : NO_KEY;
    }

    /** The next byte within {@code millis}; a terminal that can no longer be read (closed, gone) is at its end. */
    private static int read(NonBlockingReader reader, long millis) {
        try {
            return reader.read(millis);
        } catch (IOException | IOError e) {
            return NonBlockingReader.EOF;
        }
    }

    @Override
    public void pause(long millis) {
        long deadline = deadline(millis);
        synchronized (ctrlC) {
            long left;
            while (!interrupted && (left = deadline - System.nanoTime() / 1_000_000) > 0) {
                try {
                    ctrlC.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The moment {@code millis} from now, in milliseconds of {@link System#nanoTime}; a long wait does not overflow. */
    private static long deadline(long millis) {
        long now = System.nanoTime() / 1_000_000;
        return millis > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + millis;
    }

    @Override
    public boolean interrupted() {
        return interrupted;
    }
}
