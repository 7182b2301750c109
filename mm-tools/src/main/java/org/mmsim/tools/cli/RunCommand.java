package org.mmsim.tools.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.scenario.LineClock;
import org.mmsim.tools.scenario.ScenarioLine;
import org.mmsim.tools.scenario.ScenarioResult;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.Session;
import org.mmsim.tools.scenario.VerbTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mm run FILE}: runs a scenario and prints what it printed. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a scenario: a script of what happens on a simulated machine.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The scenario (.mms): one command a line, '#' starts a comment.")
    private Path file;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (overrides the machine line's).")
    private Long seed;

    @Option(names = "--machine", arity = "1..*", paramLabel = "KEY=VALUE",
            description = "Change the machine line's settings (the same keys), such as replacement=local or ram=2G.")
    private java.util.Map<String, String> machine = new java.util.LinkedHashMap<>();

    @Option(names = "--step", description = "After each line show what it printed and changed (vmstat items, TLBs); "
            + "on a terminal, wait for Enter.")
    private boolean step;

    @Option(names = "--plot", paramLabel = "OUT.svg|OUT.png", description = "Draw the run's timeline as SVG or PNG: free memory per "
            + "zone, page cache, swap used, RSS per process, pgscan/pgsteal rates, OOM kills marked.")
    private Path plot;

    @Option(names = "--json", description = "Print one JSON object: the machine, what each line printed, and /proc/vmstat.")
    private boolean json;

    @picocli.CommandLine.Mixin
    private PluginPath plugins;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        List<String> lines = ScenarioRunner.lines(file);
        ScenarioRunner runner = new ScenarioRunner(plugins.registry(), VerbTable.standard());
        OptionalLong seeded = seed == null ? OptionalLong.empty() : OptionalLong.of(seed);
        if (seed != null && machine.containsKey("seed")) {
            throw new BadInputException("--seed " + seed + " and --machine seed=" + machine.get("seed")
                    + ": two seeds; expected one of them");
        }
        if (step && json) {
            throw new BadInputException("--step and --json: expected one of them");
        }
        if (plot != null) {
            MrcCommand.checkPlot(plot);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StepView stepper = step ? new StepView(out, System.console() == null ? null
                : new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))) : null;
        RunTimeline timeline = plot == null ? null : new RunTimeline();
        RunOutput output = new RunOutput(file.toString(), out, err, step ? RunOutput.Mode.NONE : json ? RunOutput.Mode.JSON
                : RunOutput.Mode.TEXT, LineProgress.onTerminal(err));
        try (StopSignals signals = StopSignals.install(caught -> {
            // The running line did not stop in time: what the lines before it printed is all there is.
            if (output.interrupted(caught.name())) {
                Runtime.getRuntime().halt(caught.status());
            }
        })) {
            return run(runner, lines, seeded, output, stepper, timeline, signals);
        }
    }

    /** Runs the scenario, telling {@code output}, the stepper and the timeline of each line; returns the exit status. */
    private int run(ScenarioRunner runner, List<String> lines, OptionalLong seeded, RunOutput output, StepView stepper,
                    RunTimeline timeline, StopSignals signals) {
        ScenarioResult result = runner.run(file.toString(), lines, seeded, machine, new ScenarioRunner.StepListener() {
            @Override
            public void booted(SimulatedMachine booted) {
                output.booted(booted);
                if (stepper != null) {
                    stepper.booted(booted);
                }
                if (timeline != null) {
                    timeline.booted(booted);
                }
            }

            @Override
            public void before(ScenarioLine line, LineClock clock) {
                output.before(line, clock);
            }

            @Override
            public void after(ScenarioLine line, List<Session.Printed> printed, SimulatedMachine now) {
                output.after(line, printed, now);
                if (stepper != null) {
                    stepper.after(line, printed, now);
                }
                if (timeline != null) {
                    timeline.after(line, printed, now);
                }
            }

            @Override
            public void stopped(ScenarioResult before, RuntimeException error) {
                // As a shell running a script: what ran before the failing line is there to debug with, the error
                // after it (on the error stream, flushed after this).
                drawPlot(timeline);
                output.end(null, Main.describe(error));
            }

            @Override
            public boolean stopRequested() {
                return signals.requested();
            }
        });
        drawPlot(timeline);
        if (signals.requested()) {
            output.interrupted(signals.name());
            signals.stopped();
            return signals.status();
        }
        output.end(result.panic(), null);
        return result.panicked() ? Main.KERNEL_PANIC : 0;
    }

    /** Draws the run's timeline, with --plot. */
    private void drawPlot(RunTimeline timeline) {
        if (timeline != null) {
            MrcCommand.writePlot(plot, timeline::svg, timeline::png);
        }
    }
}
