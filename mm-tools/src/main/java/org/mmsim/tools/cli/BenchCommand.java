package org.mmsim.tools.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.mmsim.api.spi.ReplacementPolicyProvider;
import org.mmsim.tools.input.BadInputException;
import org.mmsim.tools.plugin.PolicyChoice;
import org.mmsim.tools.plugin.PolicyRegistry;
import org.mmsim.tools.plugin.Registered;
import org.mmsim.tools.replay.Capacity;
import org.mmsim.tools.replay.ReplayBench;
import org.mmsim.tools.trace.TraceFormat;
import org.mmsim.tools.trace.TraceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mm bench}: whole-command benchmarks whose figures docs/PERFORMANCE.md records. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Replay.class})
final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The default trace: the CloudPhysics w106 block trace of the shared trace set, next to the repository. */
    static Path defaultTrace() {
        String home = System.getenv("MM_HOME");
        return Path.of(home == null ? "." : home).resolve("../shared/traces/binary/w106.trace.xz").normalize();
    }

    /** {@code mm bench replay}: requests per second of each policy's replay loop, from memory, one thread. */
    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = "Replay a trace from memory under each policy, one at a time on one thread, after warm-up "
                    + "runs, and print the median requests per second of the measured runs.")
    static final class Replay implements Callable<Integer> {
        @Option(names = "--trace", paramLabel = "FILE", description = "The trace (default: ../shared/traces/binary/w106.trace.xz, u32be).")
        private Path trace;

        @Option(names = "--format", paramLabel = "F", description = "The trace format (u32be for the default trace).")
        private String format;

        @Option(names = "--policy", split = ",", paramLabel = "NAME", description = "Policies (default: every built-in one).")
        private List<String> policies;

        @Option(names = "--capacity", paramLabel = "N", defaultValue = "27517", description = "Cache size in pages (default: 27517, 10%% of w106's keys).")
        private String capacity;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "Unmeasured runs per policy first.")
        private int warmups;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Measured runs per policy.")
        private int runs;

        @Option(names = "--plugin-path", paramLabel = "DIR", description = "Also load the policy plugins in the jars of DIR.")
        private Path pluginPath;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            if (runs < 1 || warmups < 0) {
                throw new BadInputException("--runs " + runs + " --warmup " + warmups + ": expected runs >= 1 and warmup >= 0");
            }
            Path file = trace == null ? defaultTrace() : trace;
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file + ": no such trace; expected --trace FILE (the default needs ../shared/traces next to the repository)");
            }
            TraceOptions options = format != null ? TraceOptions.of(TraceFormat.byName(format))
                    : trace == null ? TraceOptions.of(TraceFormat.U32BE) : TraceOptions.detect();
            PolicyRegistry registry = PolicyRegistry.load(Optional.ofNullable(pluginPath));
            List<PolicyChoice<ReplacementPolicyProvider>> chosen = new ArrayList<>();
            if (policies == null) {
                for (Registered<ReplacementPolicyProvider> r : registry.replacementPolicies()) {
                    chosen.add(registry.replacement(r.provider().name()));
                }
            } else {
                for (String policy : policies) {
                    try {
                        chosen.add(registry.replacement(policy));
                    } catch (IllegalArgumentException e) {
                        throw new BadInputException("--policy " + policy + ": " + e.getMessage(), e);
                    }
                }
            }
            Capacity size;
            try {
                size = Capacity.parse(capacity);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--capacity: " + e.getMessage(), e);
            }
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "trace %s, capacity %s, %d warm-up and %d measured runs per policy, one thread%n",
                    file, size, warmups, runs);
            out.printf(Locale.ROOT, "%-12s  %10s  %14s  %10s  %10s%n", "policy", "miss ratio", "median req/s", "min", "max");
            ReplayBench.run(file, options, chosen, size, warmups, runs, 1, f -> {
                out.printf(Locale.ROOT, "%-12s  %10.4f  %14s  %10s  %10s%n", f.policy(), f.missRatio(),
                        ReplayCommand.rate(f.median()), ReplayCommand.rate(f.min()), ReplayCommand.rate(f.max()));
                out.flush();
            });
            return 0;
        }
    }
}
