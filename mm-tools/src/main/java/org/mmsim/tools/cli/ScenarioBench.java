package org.mmsim.tools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mmsim.api.MachineConfig;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.scenario.MachineTools;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.VerbTable;
import org.mmsim.trace.plugin.PolicyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm bench scenario}: scenario lines per second when a line does almost nothing but print ({@code echo}), so
 * that what a run pays per line — parsing, running, keeping and handing on what it printed — is the figure: it stays
 * the same from a few lines to many, as long as that cost is linear in the lines.
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Run a scenario of N echo lines on a booted machine (the boot not timed); print the median lines "
                + "per second.")
final class ScenarioBench implements Callable<Integer> {
    @Option(names = "--lines", paramLabel = "N", defaultValue = "50000", description = "Echo lines in the scenario (default: 50000).")
    private int lines;

    @Mixin
    private Rounds rounds = new Rounds(2, 5);

    @Mixin
    private BenchReport report;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        rounds.check();
        if (lines < 1) {
            throw new BadInputException("--lines " + lines + ": expected 1 or more");
        }
        List<String> scenario = new ArrayList<>(lines);
        for (int i = 0; i < lines; i++) {
            scenario.add("echo line " + i);
        }
        PolicyRegistry registry = PolicyRegistry.load(Optional.empty());
        SimulatedMachine machine = MachineTools.boot(MachineConfig.defaults(), registry);
        ScenarioRunner runner = new ScenarioRunner(registry, VerbTable.standard());
        BenchReport out = report.open(spec, "scenario");
        double rate = BenchRuns.median(rounds, () -> {
            long start = System.nanoTime();
            runner.runOn(machine, "bench.mms", scenario);
            return lines * 1e9 / (System.nanoTime() - start);
        });
        out.printf(Locale.ROOT, "%d echo lines, one thread: median %s lines/s of %d runs (%.2f s a run)%n", lines,
                ReplayCommand.rate(rate), rounds.runs, lines / rate);
        out.figure("echo lines", rate, "lines/s");
        out.finish();
        return 0;
    }
}
