package org.mmsim.tools.cli;

import java.io.PrintWriter;
import java.util.function.Function;
import org.mmsim.spi.NearestName;
import org.mmsim.tools.scenario.Interactive;
import org.mmsim.tools.scenario.ScenarioException;
import org.mmsim.tools.scenario.VerbTable;

/**
 * The loop of {@code ./mm shell}: read a line, run it on the machine, print what it printed. {@code help} lists the
 * verbs, {@code help VERB} shows one; {@code exit}, {@code quit} or the end of input ends it. A bad line prints its
 * one-line error and the shell goes on; a kernel panic ends the shell with the status {@code ./mm run} gives it.
 */
final class Shell {
    private final Interactive machine;
    private final VerbTable verbs;

    Shell(Interactive machine, VerbTable verbs) {
        this.machine = machine;
        this.verbs = verbs;
    }

    /**
     * Runs lines until the end.
     *
     * @param input the next line after showing the prompt it is given, or null at the end of input
     * @return the exit status
     */
    int run(Function<String, String> input, PrintWriter out, PrintWriter err) {
        out.println("mmsim shell: type the verbs of a scenario; help lists them, help VERB shows one, exit ends.");
        out.flush();
        String line;
        while ((line = input.apply("mm> ")) != null) {
            String trimmed = line.trim();
            if (trimmed.equals("exit") || trimmed.equals("quit")) {
                break;
            }
            if (trimmed.equals("help") || trimmed.startsWith("help ")) {
                // help is the shell's, not a scenario line, but the user counts it among the lines typed.
                machine.skip();
                String verb = trimmed.length() > 4 ? trimmed.substring(5).trim() : null;
                String text = verbs.help(verb);
                out.print(text.isEmpty() ? NearestName.unknown("verb", verb, verbs.names()) + "\n" : text);
            } else {
                try {
                    out.print(machine.run(line));
                } catch (ScenarioException e) {
                    err.println(e.getMessage());
                    err.flush();
                }
            }
            out.flush();
            if (machine.panicked()) {
                return Main.KERNEL_PANIC;
            }
        }
        return 0;
    }
}
