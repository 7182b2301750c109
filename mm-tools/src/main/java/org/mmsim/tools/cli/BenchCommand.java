package org.mmsim.tools.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
        subcommands = {BenchCommand.Replay.class, BenchCommand.Alloc.class})
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

        @picocli.CommandLine.Mixin
        private PluginPath plugins;

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
            PolicyRegistry registry = plugins.registry();
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

    /**
     * {@code mm bench alloc}: the page allocator's speed (order-0 alloc+free pairs, mixed orders) and the heap a
     * machine's frame table costs per frame, booting machines of several sizes.
     */
    @Command(name = "alloc", mixinStandardHelpOptions = true,
            description = "Page allocator benchmarks: order-0 alloc+free pairs per second, mixed orders, and heap bytes "
                    + "per simulated frame for machines of several sizes (give the JVM room: MM_JAVA_OPTS=-Xmx8g).")
    static final class Alloc implements Callable<Integer> {
        @Option(names = "--ram", split = ",", paramLabel = "SIZE", defaultValue = "1G,16G,64G,256G",
                description = "Machine sizes to boot for the heap figure (default: 1G,16G,64G,256G).")
        private List<String> sizes;

        @Option(names = "--pairs", paramLabel = "N", defaultValue = "20000000", description = "Alloc+free pairs per run.")
        private int pairs;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Measured runs (after 2 warm-ups).")
        private int runs;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            if (pairs < 1 || runs < 1) {
                throw new BadInputException("--pairs " + pairs + " --runs " + runs + ": expected 1 or more");
            }
            PrintWriter out = spec.commandLine().getOut();
            org.mmsim.api.physical.PageAllocator allocator = org.mmsim.tools.Mmsim.boot(org.mmsim.api.MachineConfig.defaults())
                    .pageAllocator();
            out.printf(Locale.ROOT, "order-0 alloc+free pairs (GFP_KERNEL, one CPU): median %s pairs/s of %d runs%n",
                    ReplayCommand.rate(median(runs, () -> orderZeroPairs(allocator, pairs))), runs);
            out.printf(Locale.ROOT, "mixed orders 0-10 (seeded, up to 256 live blocks): median %s alloc+free pairs/s%n",
                    ReplayCommand.rate(median(runs, () -> mixedPairs(allocator, pairs / 10))));
            out.printf(Locale.ROOT, "%-8s  %12s  %8s  %16s%n", "ram", "frames", "boot s", "heap bytes/frame");
            for (String size : sizes) {
                long bytes;
                try {
                    bytes = org.mmsim.tools.units.Sizes.parse(size);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--ram: " + e.getMessage(), e);
                }
                System.gc();
                long before = usedHeap();
                long start = System.nanoTime();
                org.mmsim.api.Machine machine = org.mmsim.tools.Mmsim.boot(org.mmsim.api.MachineConfig.builder().ramBytes(bytes).build());
                double seconds = (System.nanoTime() - start) / 1e9;
                System.gc();
                long used = usedHeap() - before;
                long frames = machine.config().ramPages();
                out.printf(Locale.ROOT, "%-8s  %12d  %8.2f  %16.1f%n", size, frames, seconds, (double) used / frames);
                out.flush();
                machine = null;
            }
            return 0;
        }

        private static long usedHeap() {
            Runtime runtime = Runtime.getRuntime();
            return runtime.totalMemory() - runtime.freeMemory();
        }

        private static double median(int runs, java.util.function.DoubleSupplier run) {
            run.getAsDouble();
            run.getAsDouble();
            double[] rates = new double[runs];
            for (int i = 0; i < runs; i++) {
                rates[i] = run.getAsDouble();
            }
            java.util.Arrays.sort(rates);
            return rates[runs / 2];
        }

        private static double orderZeroPairs(org.mmsim.api.physical.PageAllocator allocator, int pairs) {
            long start = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                long pfn = allocator.allocPages(org.mmsim.api.physical.Gfp.GFP_KERNEL, 0);
                allocator.freePages(pfn, 0);
            }
            return pairs / ((System.nanoTime() - start) / 1e9);
        }

        private static double mixedPairs(org.mmsim.api.physical.PageAllocator allocator, int pairs) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(42);
            long[] live = new long[256];
            int[] orders = new int[256];
            java.util.Arrays.fill(live, org.mmsim.api.physical.PageAllocator.NO_PAGE);
            long start = System.nanoTime();
            for (int i = 0; i < pairs; i++) {
                int slot = random.nextInt(live.length);
                if (live[slot] != org.mmsim.api.physical.PageAllocator.NO_PAGE) {
                    allocator.freePages(live[slot], orders[slot]);
                }
                // Small orders dominate, as in a real kernel: order k with probability about 2^-(k+1).
                int order = Math.min(10, Long.numberOfTrailingZeros(random.nextLong() | (1L << 10)));
                orders[slot] = order;
                live[slot] = allocator.allocPages(org.mmsim.api.physical.Gfp.GFP_KERNEL, order);
            }
            for (int slot = 0; slot < live.length; slot++) {
                if (live[slot] != org.mmsim.api.physical.PageAllocator.NO_PAGE) {
                    allocator.freePages(live[slot], orders[slot]);
                }
            }
            return pairs / ((System.nanoTime() - start) / 1e9);
        }
    }
}
