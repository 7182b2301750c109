package org.mmsim.tools.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.Mmsim;
import org.mmsim.tools.units.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm bench alloc}: the page allocator under a mix of orders, and the boot time of machines of several sizes.
 * Order-0 pairs alone are mm-bench's {@code PageAllocBench} (JMH), and the heap per frame its {@code HeapPerFrame}
 * (JOL): see docs/PERFORMANCE.md.
 */
@Command(name = "alloc", mixinStandardHelpOptions = true,
        description = "Page allocator benchmarks: alloc+free pairs per second of mixed orders, and the boot time of "
                + "machines of several sizes (give the JVM room: MM_JAVA_OPTS=-Xmx8g). Order-0 pairs and heap bytes "
                + "per frame are mm-bench's (docs/PERFORMANCE.md).")
final class AllocBench implements Callable<Integer> {
    @Option(names = "--ram", split = ",", paramLabel = "SIZE", defaultValue = "1G,16G,64G,256G",
            description = "Machine sizes to boot (default: 1G,16G,64G,256G).")
    private List<String> sizes;

    @Mixin
    private PairRuns counts;

    @Mixin
    private BenchReport report;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        counts.check();
        int pairs = counts.pairs;
        Rounds rounds = counts.rounds;
        long[] ram = new long[sizes.size()];
        for (int i = 0; i < ram.length; i++) {
            try {
                ram[i] = Sizes.parse(sizes.get(i));
            } catch (IllegalArgumentException e) {
                throw new BadInputException("--ram: " + e.getMessage(), e);
            }
        }
        BenchReport out = report.open(spec, "alloc");
        PageAllocator allocator = Mmsim.boot(MachineConfig.defaults()).pageAllocator();
        double mixed = BenchRuns.median(rounds, () -> mixedPairs(allocator, pairs / 10));
        out.printf(Locale.ROOT, "mixed orders 0-10 (seeded, up to 256 live blocks): median %s alloc+free pairs/s of %d runs%n",
                ReplayCommand.rate(mixed), rounds.runs);
        out.figure("mixed orders alloc+free", mixed, "pairs/s");
        out.printf(Locale.ROOT, "%-8s  %12s  %8s%n", "ram", "frames", "boot s");
        for (int i = 0; i < ram.length; i++) {
            long start = System.nanoTime();
            Machine machine = Mmsim.boot(MachineConfig.builder().ramBytes(ram[i]).build());
            double seconds = (System.nanoTime() - start) / 1e9;
            out.printf(Locale.ROOT, "%-8s  %12d  %8.2f%n", sizes.get(i), machine.config().ramPages(), seconds);
            out.figure(sizes.get(i) + " boot", seconds, "s");
            out.flush();
        }
        out.finish();
        return 0;
    }

    private static double mixedPairs(PageAllocator allocator, int pairs) {
        SplittableRandom random = new SplittableRandom(42);
        long[] live = new long[256];
        int[] orders = new int[256];
        Arrays.fill(live, PageAllocator.NO_PAGE);
        long start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            int slot = random.nextInt(live.length);
            if (live[slot] != PageAllocator.NO_PAGE) {
                allocator.freePages(live[slot], orders[slot]);
            }
            // Small orders dominate, as in a real kernel: order k with probability about 2^-(k+1).
            int order = Math.min(10, Long.numberOfTrailingZeros(random.nextLong() | (1L << 10)));
            orders[slot] = order;
            live[slot] = allocator.allocPages(Gfp.GFP_KERNEL, order);
        }
        for (int slot = 0; slot < live.length; slot++) {
            if (live[slot] != PageAllocator.NO_PAGE) {
                allocator.freePages(live[slot], orders[slot]);
            }
        }
        return pairs / ((System.nanoTime() - start) / 1e9);
    }
}
