package org.mmsim.tools.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.BadInputException;
import org.mmsim.trace.plugin.PolicyChoice;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.trace.plugin.Registered;
import org.mmsim.trace.replay.Capacity;
import org.mmsim.trace.replay.ReplayBench;
import org.mmsim.trace.format.TraceFormat;
import org.mmsim.trace.format.TraceOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mm bench}: whole-command benchmarks whose figures docs/PERFORMANCE.md records. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Replay.class, BenchCommand.Alloc.class, BenchCommand.Trace.class, BenchCommand.Mmu.class,
            KmallocBench.class, BenchCommand.PageCache.class, ReclaimBench.class, CompareBench.class})
final class BenchCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The key trace a replay benchmark reads: {@code --trace}, or w106 of the shared trace set. */
    static Path replayTrace(Path trace) {
        Path file = trace == null ? sharedTrace("binary/w106.trace.xz") : trace;
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + ": no such trace; expected --trace FILE (the default needs ../shared/traces next to the repository)");
        }
        return file;
    }

    /** How to read it: {@code --format}, u32be for w106, else detected. */
    static TraceOptions replayOptions(Path trace, String format) {
        return format != null ? TraceOptions.of(TraceFormat.byName(format))
                : trace == null ? TraceOptions.of(TraceFormat.U32BE) : TraceOptions.detect();
    }

    /** A trace of the shared trace set, next to the repository (../shared/traces). */
    static Path sharedTrace(String relative) {
        String home = System.getenv("MM_HOME");
        return Path.of(home == null ? "." : home).resolve("../shared/traces").resolve(relative).normalize();
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

        @picocli.CommandLine.Mixin
        private BenchReport report;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            if (runs < 1 || warmups < 0) {
                throw new BadInputException("--runs " + runs + " --warmup " + warmups + ": expected runs >= 1 and warmup >= 0");
            }
            Path file = replayTrace(trace);
            TraceOptions options = replayOptions(trace, format);
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
            BenchReport out = report.open(spec, "replay");
            out.printf(Locale.ROOT, "trace %s, capacity %s, %d warm-up and %d measured runs per policy, one thread%n",
                    file, size, warmups, runs);
            out.printf(Locale.ROOT, "%-12s  %10s  %14s  %10s  %10s%n", "policy", "miss ratio", "median req/s", "min", "max");
            ReplayBench.run(file, options, chosen, size, warmups, runs, 1, f -> {
                out.printf(Locale.ROOT, "%-12s  %10.4f  %14s  %10s  %10s%n", f.policy(), f.missRatio(),
                        ReplayCommand.rate(f.median()), ReplayCommand.rate(f.min()), ReplayCommand.rate(f.max()));
                out.figure(f.policy() + " median", f.median(), "requests/s");
                out.flush();
            });
            out.finish();
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

        @picocli.CommandLine.Mixin
        private PairRuns counts;

        @picocli.CommandLine.Mixin
        private BenchReport report;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            counts.check();
            int pairs = counts.pairs;
            int runs = counts.runs;
            BenchReport out = report.open(spec, "alloc");
            org.mmsim.api.physical.PageAllocator allocator = org.mmsim.tools.Mmsim.boot(org.mmsim.api.MachineConfig.defaults())
                    .pageAllocator();
            double orderZero = median(runs, () -> orderZeroPairs(allocator, pairs));
            out.printf(Locale.ROOT, "order-0 alloc+free pairs (GFP_KERNEL, one CPU): median %s pairs/s of %d runs%n",
                    ReplayCommand.rate(orderZero), runs);
            out.figure("order-0 alloc+free", orderZero, "pairs/s");
            double mixed = median(runs, () -> mixedPairs(allocator, pairs / 10));
            out.printf(Locale.ROOT, "mixed orders 0-10 (seeded, up to 256 live blocks): median %s alloc+free pairs/s%n",
                    ReplayCommand.rate(mixed));
            out.figure("mixed orders alloc+free", mixed, "pairs/s");
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
                out.figure(size + " heap per frame", (double) used / frames, "bytes");
                out.figure(size + " boot", seconds, "s");
                out.flush();
                machine = null;
            }
            out.finish();
            return 0;
        }

        private static long usedHeap() {
            Runtime runtime = Runtime.getRuntime();
            return runtime.totalMemory() - runtime.freeMemory();
        }

        static double median(int runs, java.util.function.DoubleSupplier run) {
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

    /**
     * {@code mm bench trace}: {@code mm trace}'s accesses per second through the whole stack, against reading and
     * parsing the same trace alone.
     */
    @Command(name = "trace", mixinStandardHelpOptions = true,
            description = "Time reading and parsing an address trace alone, then running it through a fresh machine's "
                    + "MMU as mm trace does (boot not timed); print the medians and their ratio.")
    static final class Trace implements Callable<Integer> {
        @Option(names = "--trace", paramLabel = "FILE", description = "The trace (default: ../shared/traces/lackey/ls.lackey.xz).")
        private Path trace;

        @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Unmeasured runs of each first.")
        private int warmups;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Measured runs of each.")
        private int runs;

        @picocli.CommandLine.Mixin
        private BenchReport report;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            if (runs < 1 || warmups < 0) {
                throw new BadInputException("--runs " + runs + " --warmup " + warmups + ": expected runs >= 1 and warmup >= 0");
            }
            Path file = trace == null ? sharedTrace("lackey/ls.lackey.xz") : trace;
            if (!Files.isRegularFile(file)) {
                throw new BadInputException(file + ": no such trace; expected --trace FILE (the default needs ../shared/traces next to the repository)");
            }
            long[] accesses = new long[1];
            double[] parse = new double[runs];
            double[] full = new double[runs];
            for (int i = -warmups; i < runs; i++) {
                long[] count = {0};
                long start = System.nanoTime();
                org.mmsim.trace.format.TraceDecoder.decodeAccesses(file, java.util.Optional.empty(), (k, a, n) -> count[0]++);
                double seconds = (System.nanoTime() - start) / 1e9;
                org.mmsim.tools.mmutrace.AddressTrace run = new org.mmsim.tools.mmutrace.AddressTrace(
                        org.mmsim.tools.machine.MachineAssembler.boot(org.mmsim.api.MachineConfig.defaults(),
                                org.mmsim.trace.plugin.PolicyRegistry.load(java.util.Optional.empty())), java.util.Optional.empty());
                org.mmsim.tools.mmutrace.AddressTraceResult result = run.run(file, java.util.Optional.empty());
                if (i >= 0) {
                    parse[i] = seconds;
                    full[i] = result.seconds();
                }
                accesses[0] = count[0];
            }
            java.util.Arrays.sort(parse);
            java.util.Arrays.sort(full);
            double p = parse[runs / 2];
            double f = full[runs / 2];
            BenchReport out = report.open(spec, "trace");
            out.printf(Locale.ROOT, "trace %s: %,d accesses, %d warm-up and %d measured runs, medians%n", file, accesses[0],
                    warmups, runs);
            out.printf(Locale.ROOT, "read and parse only     %8.3f s  %10s accesses/s%n", p, ReplayCommand.rate(accesses[0] / p));
            out.printf(Locale.ROOT, "mm trace (whole stack)  %8.3f s  %10s accesses/s%n", f, ReplayCommand.rate(accesses[0] / f));
            out.printf(Locale.ROOT, "ratio                   %8.2f%n", f / p);
            out.figure("read and parse only", accesses[0] / p, "accesses/s");
            out.figure("mm trace", accesses[0] / f, "accesses/s");
            out.figure("ratio", f / p, "");
            out.finish();
            return 0;
        }
    }

    /**
     * {@code mm bench mmu}: translations per second through {@code Processes.access}, with every page resident: on the
     * TLB-hit path (a working set that fits the L1 dTLB) and on the walk path (one that misses every TLB level).
     */
    @Command(name = "mmu", mixinStandardHelpOptions = true,
            description = "Translations per second of one process's reads: TLB hits (32 pages, within the L1 dTLB) and "
                    + "page walks (65,536 pages in a cycle, beyond the STLB), every page resident.")
    static final class Mmu implements Callable<Integer> {
        @Option(names = "--accesses", paramLabel = "N", defaultValue = "200000000", description = "Accesses per measured run.")
        private long accesses;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Measured runs (after 2 warm-ups).")
        private int runs;

        @picocli.CommandLine.Mixin
        private BenchReport report;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            if (accesses < 1 || runs < 1) {
                throw new BadInputException("--accesses " + accesses + " --runs " + runs + ": expected 1 or more");
            }
            org.mmsim.api.paging.Processes processes = org.mmsim.tools.Mmsim.boot(org.mmsim.api.MachineConfig.defaults())
                    .processes();
            int pid = processes.createProcess("bench", false);
            int pages = 65536;
            long base = processes.mmap(pid, 0, pages * 4096L, org.mmsim.api.paging.Prot.PROT_READ
                    | org.mmsim.api.paging.Prot.PROT_WRITE, org.mmsim.api.paging.Prot.MAP_PRIVATE
                    | org.mmsim.api.paging.Prot.MAP_ANONYMOUS | org.mmsim.api.paging.Prot.MAP_POPULATE, null, 0);
            processes.switchTo(0, pid);
            BenchReport out = report.open(spec, "mmu");
            org.mmsim.api.paging.TlbStats before = processes.tlbStats(0);
            double hits = Alloc.median(runs, () -> translations(processes, pid, base, 32, accesses));
            org.mmsim.api.paging.TlbStats middle = processes.tlbStats(0);
            double walks = Alloc.median(runs, () -> translations(processes, pid, base, pages, accesses / 10));
            org.mmsim.api.paging.TlbStats after = processes.tlbStats(0);
            out.printf(Locale.ROOT, "TLB-hit path (32 pages):    median %s translations/s of %d runs; %d walks%n",
                    ReplayCommand.rate(hits), runs, middle.walks() - before.walks());
            out.printf(Locale.ROOT, "walk path (65,536 pages):   median %s translations/s of %d runs; %.3f walks per access%n",
                    ReplayCommand.rate(walks), runs, (double) (after.walks() - middle.walks()) / ((runs + 2) * (accesses / 10)));
            out.figure("TLB-hit path", hits, "translations/s");
            out.figure("walk path", walks, "translations/s");
            out.finish();
            return 0;
        }

        private static double translations(org.mmsim.api.paging.Processes processes, int pid, long base, int pages, long n) {
            long start = System.nanoTime();
            int page = 0;
            for (long i = 0; i < n; i++) {
                processes.access(pid, base + ((long) page << 12), org.mmsim.api.paging.AccessType.READ);
                if (++page == pages) {
                    page = 0;
                }
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * {@code mm bench pagecache}: pages per second that {@code read()} gets through the page cache: from the disk with
     * readahead (after drop_caches), and from the cache in 128 KiB and 4 KiB reads.
     */
    @Command(name = "pagecache", mixinStandardHelpOptions = true,
            description = "Read a file through the page cache: cold (each run after drop_caches: readahead and page "
                    + "allocation) and warm (every page cached) in 128 KiB and 4 KiB reads; print the median pages per second.")
    static final class PageCache implements Callable<Integer> {
        @Option(names = "--size", paramLabel = "SIZE", defaultValue = "256M", description = "The file's size (default: 256M).")
        private String size;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Measured runs of each kind (after 2 warm-ups).")
        private int runs;

        @picocli.CommandLine.Mixin
        private BenchReport report;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            long bytes;
            try {
                bytes = org.mmsim.tools.units.Sizes.parse(size);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--size " + size + ": " + e.getMessage(), e);
            }
            if (runs < 1 || bytes < 4096 || bytes > (1L << 31)) {
                throw new BadInputException("--size " + size + " --runs " + runs + ": expected a size of 4K to 2G and 1 run or more");
            }
            org.mmsim.api.Machine machine = org.mmsim.tools.Mmsim.boot(org.mmsim.api.MachineConfig.builder().ramBytes(4L << 30).build());
            org.mmsim.api.kalloc.Files files = machine.files();
            org.mmsim.api.kalloc.FileRef file = files.create("/bench/data", bytes);
            long pages = (bytes + 4095) >>> 12;
            BenchReport out = report.open(spec, "pagecache");
            // readAll() times its reads alone: the drop_caches before each cold run is not counted.
            double cold = Alloc.median(runs, () -> {
                files.dropCaches(1);
                return readAll(files, file, bytes, 128 << 10, 1) * pages;
            });
            // A warm pass over 256 MiB takes milliseconds: a measured run reads at least 1 GiB, so the JIT's work and
            // the timer's grain do not decide the figure.
            int passes = (int) Math.max(1, (1L << 30) / bytes);
            double warm = Alloc.median(runs, () -> readAll(files, file, bytes, 128 << 10, passes) * pages);
            double small = Alloc.median(runs, () -> readAll(files, file, bytes, 4096, passes) * pages);
            out.printf(Locale.ROOT, "file of %d pages on a 4 GiB machine, one thread, median of %d runs%n", pages, runs);
            out.printf(Locale.ROOT, "cold, 128 KiB reads (readahead from disk): %s pages/s%n", ReplayCommand.rate(cold));
            out.printf(Locale.ROOT, "warm, 128 KiB reads (page cache hits):     %s pages/s%n", ReplayCommand.rate(warm));
            out.printf(Locale.ROOT, "warm, 4 KiB reads:                         %s pages/s%n", ReplayCommand.rate(small));
            out.figure("cold 128 KiB reads", cold, "pages/s");
            out.figure("warm 128 KiB reads", warm, "pages/s");
            out.figure("warm 4 KiB reads", small, "pages/s");
            out.finish();
            return 0;
        }

        /** Reads the whole file {@code passes} times in {@code chunk}-byte reads; returns whole-file reads per second. */
        private static double readAll(org.mmsim.api.kalloc.Files files, org.mmsim.api.kalloc.FileRef file, long bytes,
                                      int chunk, int passes) {
            long start = System.nanoTime();
            for (int pass = 0; pass < passes; pass++) {
                for (long at = 0; at < bytes; at += chunk) {
                    files.read(1, file, at, chunk, null);
                }
            }
            return passes * 1e9 / (System.nanoTime() - start);
        }
    }
}
