package org.mmsim.tools.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mmsim.trace.replay.Capacity;
import org.mmsim.trace.replay.ReplayBench;
import org.mmsim.trace.format.TraceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm bench compare}: the simulations of {@code ./mm compare} (4 policies × 8 capacities by default) replayed
 * from memory on one thread and on two, in a warm JVM, in turn: the wall time of each and the speed-up.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "The speed-up of ./mm compare's simulations on two threads over one: every pair replayed from "
                + "memory, after warm-up rounds, medians.")
final class CompareBench implements Callable<Integer> {
    @Option(names = "--trace", paramLabel = "FILE", description = "The trace (default: ../shared/traces/binary/w106.trace.xz, u32be).")
    private Path trace;

    @Option(names = "--format", paramLabel = "F", description = "The trace format (u32be for the default trace).")
    private String format;

    @Option(names = "--policies", split = ",", paramLabel = "NAME", defaultValue = "lru,arc,2q,clock",
            description = "Policies (default: lru,arc,2q,clock).")
    private List<String> policies;

    @Option(names = "--capacities", split = ",", paramLabel = "N", defaultValue = "0.5%,1%,2%,5%,10%,20%,50%,100%",
            description = "Capacities (default: 0.5%%,1%%,2%%,5%%,10%%,20%%,50%%,100%%).")
    private List<String> capacities;

    @Mixin
    private Rounds rounds = new Rounds(3, 7);

    @Mixin
    private PluginPath plugins;

    @Mixin
    private BenchReport report;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        rounds.check();
        Path file = BenchCommand.replayTrace(trace);
        TraceOptions options = BenchCommand.replayOptions(trace, format);
        double[] walls = ReplayBench.pairsWall(file, options, plugins.registry().replacements(policies, "--policies"),
                Capacity.parseAll(capacities, "--capacities"), new int[] {1, 2}, rounds.warmups, rounds.runs, 1);
        BenchReport out = report.open(spec, "compare");
        out.printf(Locale.ROOT, "trace %s: %d policies x %d capacities from memory, %d warm-up and %d measured rounds, medians%n",
                file, policies.size(), capacities.size(), rounds.warmups, rounds.runs);
        out.printf(Locale.ROOT, "one thread   %8.3f s%n", walls[0]);
        out.printf(Locale.ROOT, "two threads  %8.3f s%n", walls[1]);
        out.printf(Locale.ROOT, "speed-up     %8.2f%n", walls[0] / walls[1]);
        out.figure("one thread", walls[0], "s");
        out.figure("two threads", walls[1], "s");
        out.figure("speed-up", walls[0] / walls[1], "");
        out.finish();
        return 0;
    }
}
