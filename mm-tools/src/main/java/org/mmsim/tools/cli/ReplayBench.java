package org.mmsim.tools.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.trace.format.TraceOptions;
import org.mmsim.trace.plugin.PolicyChoice;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.trace.replay.Capacity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm bench replay}: requests per second of each policy's replay loop, from memory, one thread. The runs are
 * mm-trace's {@link org.mmsim.trace.replay.ReplayBench}; this is its command.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay a trace from memory under each policy, one at a time on one thread, after warm-up "
                + "runs, and print the median requests per second of the measured runs.")
final class ReplayBench implements Callable<Integer> {
    @Option(names = "--trace", paramLabel = "FILE", description = "The trace (default: ../shared/traces/binary/w106.trace.xz, u32be).")
    private Path trace;

    @Option(names = "--format", paramLabel = "F", description = "The trace format (u32be for the default trace).")
    private String format;

    @Option(names = "--policy", split = ",", paramLabel = "NAME", description = "Policies (default: every built-in one).")
    private List<String> policies;

    @Option(names = "--capacity", paramLabel = "N", defaultValue = "27517", description = "Cache size in pages (default: 27517, 10%% of w106's keys).")
    private String capacity;

    @Mixin
    private Rounds rounds = new Rounds(3, 5);

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
        PolicyRegistry registry = plugins.registry();
        List<String> names = policies;
        if (names == null) {
            names = registry.replacementPolicies().stream().map(r -> r.provider().name()).toList();
        }
        List<PolicyChoice<ReplacementPolicyProvider>> chosen = registry.replacements(names, "--policy");
        Capacity size = Capacity.parseAll(List.of(capacity), "--capacity").get(0);
        BenchReport out = report.open(spec, "replay");
        out.printf(Locale.ROOT, "trace %s, capacity %s, %d warm-up and %d measured runs per policy, one thread%n",
                file, size, rounds.warmups, rounds.runs);
        out.printf(Locale.ROOT, "%-12s  %10s  %14s  %10s  %10s%n", "policy", "miss ratio", "median req/s", "min", "max");
        org.mmsim.trace.replay.ReplayBench.run(file, options, chosen, size, rounds.warmups, rounds.runs, 1, f -> {
            out.printf(Locale.ROOT, "%-12s  %10.4f  %14s  %10s  %10s%n", f.policy(), f.missRatio(),
                    ReplayCommand.rate(f.median()), ReplayCommand.rate(f.min()), ReplayCommand.rate(f.max()));
            out.figure(f.policy() + " median", f.median(), "requests/s");
            out.flush();
        });
        out.finish();
        return 0;
    }
}
