package org.mmsim.tools.scenario;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Set;
import org.mmsim.tools.view.Uname;

/**
 * {@code watch [-n SECS] [-t] CMD...} in {@code ./mm shell}: runs a scenario line every SECS seconds of simulated time
 * (2 by default, at least 0.1, as procps's watch takes it), the loops running between, until Ctrl-C or {@code q}. On a
 * terminal it redraws the screen each time; on a pipe it prints one screen after another, a blank line between. Each
 * screen starts with watch's header, {@code Every 2.0s: CMD} on the left and the host name and the time on the right
 * of 80 columns, then a blank line, then what the line printed. It runs until interrupted, so a scenario file cannot
 * use it.
 */
final class WatchVerb {
    static final String USAGE = "watch [-n SECS] [-t] CMD... (watch -n 1 free -m; in ./mm shell, until Ctrl-C or q)";
    /** The screen's width that watch fits its header to. */
    private static final int WIDTH = 80;
    /** ctime(3)'s layout, which watch prints the time in. */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    private WatchVerb() {
    }

    static Verb verb() {
        return Verb.plain("watch", USAGE, "run a line again and again, SECS seconds of simulated time apart, as "
                + "procps's watch does", WatchVerb::watch);
    }

    private static Step watch(ScenarioLine line, String usage) {
        WatchOptions options = ToolOptions.parse(line, usage, new WatchOptions());
        if (options.command.isEmpty()) {
            throw line.error("watch needs CMD; expected " + usage);
        }
        double seconds;
        try {
            seconds = Double.parseDouble(options.interval);
        } catch (NumberFormatException e) {
            throw line.error("watch -n '" + options.interval + "'; expected a number of seconds, such as 2 or 0.5");
        }
        // watch.c: at least 0.1 s, at most 31 days
        seconds = Math.min(Math.max(seconds, 0.1), 31 * 86_400.0);
        long nanos = Math.round(seconds * 1e9);
        ScenarioLine repeated = new ScenarioLine(line.file(), line.number(), options.command);
        Step step = VerbTable.standard().verbOf(repeated, Set.of()).parse(repeated);
        String left = String.format(Locale.ROOT, "Every %.1fs: ", seconds);
        String command = String.join(" ", options.command);
        boolean title = !options.noTitle;
        return session -> {
            Reports.checkStoppable(session, "watch", "watch in ./mm shell (in a scenario, the line again after a tick)");
            Tty tty = session.tty().orElseThrow();
            Reports.Report screen = i -> (title ? header(left, command, session.machine().clock().nanos()) + "\n\n" : "")
                    + session.capture(step);
            if (!tty.isTerminal()) {
                Reports.repeat(session, Reports.UNTIL_STOPPED, nanos, i -> (i == 0 ? "" : "\n") + screen.make(i));
                return;
            }
            for (long i = 0; !session.interrupted(); i++) {
                if (i > 0) {
                    session.pass(nanos);
                }
                tty.redraw(screen.make(i));
                if (tty.key(nanos / 1_000_000) == 'q') {
                    break;
                }
            }
            tty.print("\n");
        };
    }

    /**
     * The header line (output_header() of src/watch.c): the interval and the command on the left, {@code HOST: TIME}
     * ending at the last column; a command too long for the room between is cut and followed by {@code ...}.
     */
    static String header(String left, String command, long nanos) {
        String right = Uname.NODENAME + ": " + Uname.wallClock(nanos).format(CTIME);
        int room = WIDTH - left.length() - right.length();
        String shown = command.length() < room ? command : command.substring(0, Math.max(0, room - 5)) + "...";
        return left + shown + " ".repeat(Math.max(1, WIDTH - left.length() - shown.length() - right.length())) + right;
    }
}
