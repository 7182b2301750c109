package org.mmsim.tools.scenario;

import java.util.List;
import java.util.OptionalInt;
import org.mmsim.tools.proc.ProcFiles;
import org.mmsim.tools.view.Top;
import org.mmsim.tools.view.TopField;

/**
 * {@code top}: in batch mode ({@code -b}) N frames SECS of simulated time apart, printed one after another; on the
 * shell's terminal, the screen top redraws in place until {@code q} ({@link TopScreen}). {@code -p} reads only the
 * tasks given, {@code -u} lists only a user's, {@code -o} sorts by a field. Options may be clustered ({@code -bn1}).
 */
final class TopVerb {
    static final String USAGE = "top [-b] [-n N] [-d SECS] [-o [+|-]FIELD] [-p PID,...] [-u USER] (top -b -n 1 -o %MEM; "
            + "FIELD one of PID, USER, PR, NI, VIRT, RES, SHR, S, %CPU, %MEM, TIME+, COMMAND; without -b, top runs on "
            + "./mm shell's terminal)";

    private TopVerb() {
    }

    static Verb verb(ProcFiles files) {
        return Verb.plain("top", USAGE, "the summary and the task list, as procps's top shows them: in batch mode, "
                + "or on the shell's terminal until q (M, P, T sort; F chooses the sort field; 1 per-CPU lines)",
                (line, usage) -> top(files, line, usage));
    }

    private static Step top(ProcFiles files, ScenarioLine line, String usage) {
        TopOptions options = ToolOptions.parse(line, usage, new TopOptions());
        String words = String.join(" ", line.words());
        long frames;
        long delayNanos;
        Top.View view;
        try {
            frames = options.frames == null ? Reports.UNTIL_STOPPED : Integer.parseInt(options.frames);
            delayNanos = new java.math.BigDecimal(options.delay).movePointRight(9).longValueExact();
            view = new Top.View(TopField.named(options.sortField), options.sortField.startsWith("-"), false,
                    uid(line, options.user));
        } catch (NumberFormatException | ArithmeticException e) {
            throw line.error("'" + words + "': -n takes a whole number of frames, -d seconds; expected " + usage);
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
        if (options.frames != null && frames < 1 || delayNanos <= 0) {
            throw line.error("'" + words + "'; expected at least 1 frame (-n) and a delay above 0 (-d)");
        }
        List<String> pids = PsVerb.pidWords(line, options.pids);
        if (!pids.isEmpty() && options.user != null) {
            // top.c: "conflicting process selections (U/p/u)"
            throw line.error("'" + words + "': conflicting process selections; expected -p or -u, not both");
        }
        boolean batch = options.batch;
        Top.View shown = view;
        return session -> {
            TopFrames reader = new TopFrames(files, session, PsVerb.pids(session, pids));
            if (!batch) {
                Tty terminal = session.tty().filter(Tty::isTerminal).orElseThrow(() -> line.error("'" + words
                        + "' needs a terminal (./mm shell on one); expected top -b -n N in a scenario or on a pipe"));
                session.lineClock().screenTaken();
                new TopScreen(terminal, reader, delayNanos, frames).run(shown);
                return;
            }
            if (frames == Reports.UNTIL_STOPPED) {
                Reports.checkStoppable(session, "top -b", "-n N, such as top -b -n 1");
            }
            Reports.repeat(session, frames, delayNanos, i -> (i == 0 ? "" : "\n")
                    + reader.next(i == 0 ? TopFrames.PRIMING_NANOS : 0).render(shown));
        };
    }

    /** The uid of {@code -u USER}: the machine's one user, root, or a number. */
    private static OptionalInt uid(ScenarioLine line, String user) {
        if (user == null) {
            return OptionalInt.empty();
        }
        if (user.equals("root")) {
            return OptionalInt.of(0);
        }
        if (user.matches("[0-9]{1,9}")) {
            return OptionalInt.of(Integer.parseInt(user));
        }
        // top.c: "Invalid user"
        throw line.error("invalid user '" + user + "'; expected root (the machine's one user) or a uid");
    }
}
