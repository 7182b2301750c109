package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Optional;
import org.mmsim.api.KernelPanicException;
import org.mmsim.spi.watchdog.PluginWatchdog;

/**
 * A simulated machine that takes scenario lines one at a time, as {@code ./mm shell} types them: each runs as it
 * would in a scenario file, and what it printed comes back. A bad line is refused with the scenario's one-line error
 * and the machine goes on; a kernel panic stops it.
 */
public final class Interactive {
    private final String name;
    private final Session session;
    private final VerbTable verbs;
    private int number;
    private int shown;
    private String panic;
    private ScenarioRunner.StepListener listener = (line, printed, machine) -> { };

    /** @param name what errors call the lines ({@code shell:3: ...}) */
    Interactive(String name, Session session, VerbTable verbs) {
        this.name = name;
        this.session = session;
        this.verbs = verbs;
    }

    /**
     * Runs one line.
     *
     * @return what it printed (empty for a blank or comment line)
     * @throws ScenarioException for a line that cannot be parsed or run, naming it as {@code shell:N}
     * @throws org.mmsim.spi.PluginFailureException for a policy that failed or made no progress (the machine then
     *     takes no more lines)
     */
    public String run(String text) {
        if (panic != null) {
            throw new ScenarioException(name + ": the kernel panicked (" + panic + "); expected nothing more");
        }
        number++;
        Optional<ScenarioLine> parsed = ScenarioParser.line(name, number, text);
        if (parsed.isEmpty()) {
            return "";
        }
        ScenarioLine line = parsed.get();
        if (line.verb().equals(VerbTable.MACHINE)) {
            throw line.error("the machine has booted; expected a verb (./mm shell --machine KEY=VALUE sets the machine)");
        }
        Step step = verbs.verbOf(line, processNames()).parse(line);
        int before = session.printed().size();
        listener.before(line, session.lineClock());
        try {
            // Under the machine's plugin watchdog; a line a running line types (a view's) runs on its thread.
            PluginWatchdog.call(session.machine().watch(), () -> {
                session.run(line, step);
                return null;
            });
        } catch (KernelPanicException e) {
            panic = e.reason();
        } finally {
            listener.after(line, session.printed().subList(before, session.printed().size()), session.machine());
        }
        StringBuilder out = new StringBuilder();
        List<Session.Printed> printed = session.printed();
        for (; shown < printed.size(); shown++) {
            out.append(printed.get(shown).text());
        }
        return out.toString();
    }

    /**
     * Counts a line typed that the caller answered itself ({@code ./mm shell}'s {@code help}): the numbers errors
     * give are the lines as the user typed them.
     */
    public void skip() {
        number++;
    }

    /** Tells {@code each} of every line as it begins and ends (the shell's progress on a terminal). */
    public void listen(ScenarioRunner.StepListener each) {
        listener = each;
    }

    /** Gives the lines the shell's terminal: top runs on it, and vmstat DELAY or watch until Ctrl-C. */
    public void attach(Tty tty) {
        session.attach(tty);
    }

    /** The names of the scenario's processes now (a line's first word, or /proc/NAME/...). */
    public java.util.Set<String> processNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        session.variables(Integer.class).keySet().forEach(k -> {
            if (k.startsWith("process:")) {
                names.add(k.substring("process:".length()));
            }
        });
        return names;
    }

    /** Whether the kernel panicked: nothing more runs. */
    public boolean panicked() {
        return panic != null;
    }
}
