package org.mmsim.tools;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.mmsim.api.Machine;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.scenario.ScenarioResult;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.Session;
import org.mmsim.tools.scenario.VerbTable;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * A scenario: a script of what happens on a simulated machine, one line a command, as {@code ./mm run} takes it
 * (README's "Scenarios" lists the verbs). Parsing keeps the text; a run checks the machine lines before the machine
 * boots, then runs the lines in order, and stops at the first that cannot be parsed or run, as a shell stops a script.
 *
 * <pre>{@code
 * ScenarioRun run = Scenario.parse("machine ram=1G swap=0\nspawn app\napp malloc buf 64M\napp touch buf write\nfree -m\n").run();
 * System.out.print(run.text());
 * }</pre>
 */
public final class Scenario {
    private final String name;
    private final List<String> lines;

    private Scenario(String name, List<String> lines) {
        this.name = name;
        this.lines = List.copyOf(lines);
    }

    /** A scenario from its text; errors call it {@code scenario}. */
    public static Scenario parse(String text) {
        return parse("scenario", text);
    }

    /** A scenario from its text; errors call it {@code name} ({@code name:LINE: ...}). */
    public static Scenario parse(String name, String text) {
        // A byte order mark read in with the text is not part of the first line, as in a file.
        String lines = text.startsWith("\ufeff") ? text.substring(1) : text;
        return new Scenario(name, lines.lines().toList());
    }

    /**
     * The scenario in a file (UTF-8).
     *
     * @throws BadInputException if the file cannot be read ({@code FILE: no such file; expected a scenario file})
     */
    public static Scenario read(Path file) {
        return new Scenario(file.toString(), ScenarioRunner.lines(file));
    }

    /**
     * Boots the machine its {@code machine} lines describe (the default machine without any) and runs every line.
     *
     * @throws BadInputException for a line that cannot be parsed or run, naming it ({@code NAME:LINE: ...})
     */
    public ScenarioRun run() {
        return run(new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard())
                .run(name, lines, OptionalLong.empty()));
    }

    /**
     * Runs the scenario's lines on {@code machine}, which a program booted; the scenario has no {@code machine} line.
     *
     * @throws BadInputException for a line that cannot be parsed or run, or a {@code machine} line
     * @throws IllegalArgumentException for a machine mmsim did not boot
     */
    public ScenarioRun run(Machine machine) {
        if (!(machine instanceof SimulatedMachine)) {
            throw new IllegalArgumentException("a machine booted with Mmsim.boot; got " + machine);
        }
        return run(new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard())
                .runOn((SimulatedMachine) machine, name, lines));
    }

    private static ScenarioRun run(ScenarioResult result) {
        List<ScenarioRun.Line> lines = new ArrayList<>();
        for (Session.Printed p : result.printed()) {
            lines.add(new ScenarioRun.Line(p.line(), p.text()));
        }
        return new ScenarioRun(result.machine(), lines, Optional.ofNullable(result.panic()));
    }

    @Override
    public String toString() {
        return name + " (" + lines.size() + " lines)";
    }
}
