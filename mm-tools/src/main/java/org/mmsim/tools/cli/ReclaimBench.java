package org.mmsim.tools.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.spi.BadInputException;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.tools.scenario.ScenarioResult;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.VerbTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm bench reclaim}: the thrashing scenario's first part (four loops over 300 MiB each on 1 GiB of RAM with
 * swap) for some seconds of simulated time: reclaim's pages scanned and reclaimed, and the loops' memory accesses,
 * per second of wall-clock time, with kswapd, direct reclaim, swap-out and swap-in all at work.
 */
@Command(name = "reclaim", mixinStandardHelpOptions = true,
        description = "Reclaim throughput under thrashing: pages scanned and reclaimed, and accesses, per wall-clock second.")
final class ReclaimBench implements Callable<Integer> {
    @Option(names = "--seconds", paramLabel = "N", defaultValue = "5", description = "Simulated seconds per run (default: 5).")
    private int seconds;

    @picocli.CommandLine.Mixin
    private Rounds rounds = new Rounds(2, 3);

    @Option(names = "--machine", arity = "1..*", paramLabel = "KEY=VALUE",
            description = "Change the machine (the scenario's keys), such as replacement=local or policy=clock.")
    private Map<String, String> machine = new java.util.LinkedHashMap<>();

    @picocli.CommandLine.Mixin
    private BenchReport report;

    @Spec
    private CommandSpec spec;

    /** One run's figures. */
    private record Run(double wallSeconds, long scanned, long stolen, long accesses, long majorFaults) {
    }

    @Override
    public Integer call() {
        rounds.check();
        if (seconds < 1 || seconds > 600) {
            throw new BadInputException("--seconds " + seconds + ": expected 1 to 600");
        }
        List<String> lines = new ArrayList<>(List.of("machine ram=1G swap=2G cpus=2"));
        for (String name : List.of("a", "b", "c", "d")) {
            lines.add("spawn " + name);
            lines.add(name + " malloc " + name + "data 300M");
            lines.add(name + " loop " + name + "data");
        }
        lines.add("tick " + seconds + "s");
        ScenarioRunner runner = new ScenarioRunner(PolicyRegistry.load(java.util.Optional.empty()), VerbTable.standard());
        for (int i = 0; i < rounds.warmups; i++) {
            run(runner, lines);
        }
        List<Run> measured = new ArrayList<>();
        for (int i = 0; i < rounds.runs; i++) {
            measured.add(run(runner, lines));
        }
        measured.sort(java.util.Comparator.comparingDouble(Run::wallSeconds));
        Run median = measured.get(rounds.runs / 2);
        double wall = median.wallSeconds();
        BenchReport out = report.open(spec, "reclaim");
        out.printf(Locale.ROOT, "4 loops x 300 MiB, 1 GiB RAM, 2 GiB swap, %d simulated s; median of %d runs: %.2f s%n",
                seconds, rounds.runs, wall);
        out.printf(Locale.ROOT, "pages scanned:   %s/s  (%d)%n", ReplayCommand.rate(median.scanned() / wall), median.scanned());
        out.printf(Locale.ROOT, "pages reclaimed: %s/s  (%d)%n", ReplayCommand.rate(median.stolen() / wall), median.stolen());
        out.printf(Locale.ROOT, "accesses:        %s/s  (%d, %d major faults)%n", ReplayCommand.rate(median.accesses() / wall),
                median.accesses(), median.majorFaults());
        out.figure("pages scanned", median.scanned() / wall, "pages/s");
        out.figure("pages reclaimed", median.stolen() / wall, "pages/s");
        out.figure("accesses", median.accesses() / wall, "accesses/s");
        out.figure("wall time", wall, "s");
        out.finish();
        return 0;
    }

    private Run run(ScenarioRunner runner, List<String> lines) {
        long start = System.nanoTime();
        ScenarioResult result = runner.run("bench-reclaim.mms", lines, OptionalLong.empty(), machine);
        double wall = (System.nanoTime() - start) / 1e9;
        VmStat v = result.machine().vmstat();
        long accesses = 0;
        for (int cpu = 0; cpu < result.machine().config().cpus(); cpu++) {
            TlbStats t = result.machine().processes().tlbStats(cpu);
            accesses += t.dataL1Hits() + t.dataL2Hits() + t.dataMisses();
        }
        return new Run(wall, v.get(VmItem.PGSCAN_KSWAPD) + v.get(VmItem.PGSCAN_DIRECT),
                v.get(VmItem.PGSTEAL_KSWAPD) + v.get(VmItem.PGSTEAL_DIRECT), accesses, v.get(VmItem.PGMAJFAULT));
    }
}
