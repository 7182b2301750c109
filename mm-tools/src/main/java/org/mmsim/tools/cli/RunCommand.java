package org.mmsim.tools.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.stat.VmItem;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.scenario.ScenarioResult;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.Session;
import org.mmsim.tools.scenario.VerbTable;
import org.mmsim.tools.units.Sizes;
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
        StepView stepper = step ? new StepView(spec.commandLine().getOut(), System.console() == null ? null
                : new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))) : null;
        RunTimeline timeline = plot == null ? null : new RunTimeline();
        PrintWriter out = spec.commandLine().getOut();
        ScenarioResult result = runner.run(file.toString(), lines, seeded, machine, new ScenarioRunner.StepListener() {
            @Override
            public void booted(org.mmsim.tools.machine.SimulatedMachine booted) {
                if (stepper != null) {
                    stepper.booted(booted);
                }
                if (timeline != null) {
                    timeline.booted(booted);
                }
            }

            @Override
            public void after(org.mmsim.tools.scenario.ScenarioLine line, String printed,
                              org.mmsim.tools.machine.SimulatedMachine now) {
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
                finish(before, Main.describe(error), timeline, out);
                out.flush();
            }
        });
        finish(result, null, timeline, out);
        return result.panicked() ? Main.KERNEL_PANIC : 0;
    }

    /** Prints what the scenario printed (unless --step showed it line by line) and draws its timeline. */
    private void finish(ScenarioResult result, String error, RunTimeline timeline, PrintWriter out) {
        if (timeline != null) {
            MrcCommand.writePlot(plot, timeline::svg, timeline::png);
        }
        if (!step) {
            out.print(json ? json(result, error) : result.text());
        }
    }

    /** The run as JSON; {@code error} is the line the run failed with, or null if it ran to its end. */
    private static String json(ScenarioResult result, String error) {
        ObjectNode root = Json.object();
        root.put("scenario", result.file());
        MachineConfig config = result.machine().config();
        root.putObject("machine")
                .put("arch", config.arch().unameName())
                .put("ram", Sizes.format(config.ramBytes()))
                .put("swap", Sizes.format(config.swapBytes()))
                .put("nodes", config.nodes())
                .put("cpus", config.cpus())
                .put("levels", config.pagingLevels())
                .put("movablecore", Sizes.format(config.movableCoreBytes()))
                .put("thp", config.thp().sysfsName())
                .put("policy", config.replacementPolicy())
                .put("oom", config.oomPolicy())
                .put("seed", config.seed())
                .put("dtlb", config.tlb().dtlbEntries() + "x" + config.tlb().dtlbWays())
                .put("itlb", config.tlb().itlbEntries() + "x" + config.tlb().itlbWays())
                .put("stlb", config.tlb().stlbEntries() + "x" + config.tlb().stlbWays())
                .put("pcid", config.tlb().pcid() ? "on" : "off");
        root.put("uptimeNanos", result.machine().clock().nanos());
        if (result.panicked()) {
            root.put("panic", result.panic());
        }
        if (error != null) {
            root.put("error", error);
        }
        ArrayNode output = root.putArray("output");
        for (Session.Printed printed : result.printed()) {
            output.addObject().put("line", printed.line()).put("text", printed.text());
        }
        ObjectNode vmstat = root.putObject("vmstat");
        for (VmItem item : VmItem.values()) {
            vmstat.put(item.kernelName(), result.machine().vmstat().get(item));
        }
        return Json.write(root);
    }
}
