package org.mmsim.tools.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.bench.TranslationLoop;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm bench mmu}: translations per second through {@code Processes.access}, with every page resident, on the
 * TLB-hit path and on the walk path. The loop is {@link TranslationLoop}, the kernel of mm-bench's
 * {@code TranslationBench}: this times it by hand for a quick look, and docs/PERFORMANCE.md records JMH's figures.
 */
@Command(name = "mmu", mixinStandardHelpOptions = true,
        description = "Translations per second of one process's reads: TLB hits (32 pages, within the L1 dTLB) and "
                + "page walks (65,536 pages in a cycle, beyond the STLB), every page resident. The kernel of "
                + "mm-bench's TranslationBench, timed by hand (docs/PERFORMANCE.md records JMH's figures).")
final class MmuBench implements Callable<Integer> {
    @Option(names = "--accesses", paramLabel = "N", defaultValue = "200000000", description = "Accesses per measured run.")
    private long accesses;

    @Mixin
    private Rounds rounds = new Rounds(2, 5);

    @Mixin
    private BenchReport report;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        rounds.check();
        if (accesses < 1) {
            throw new BadInputException("--accesses " + accesses + ": expected 1 or more");
        }
        TranslationLoop hit = new TranslationLoop(TranslationLoop.TLB_HIT_PAGES);
        TranslationLoop walk = new TranslationLoop(TranslationLoop.WALK_PAGES);
        long walkAccesses = Math.max(1, accesses / 10);
        BenchReport out = report.open(spec, "mmu");
        long before = hit.walks();
        double hits = BenchRuns.median(rounds, () -> rate(hit, accesses));
        long hitWalks = hit.walks() - before;
        before = walk.walks();
        double walks = BenchRuns.median(rounds, () -> rate(walk, walkAccesses));
        double walksPerAccess = (double) (walk.walks() - before) / ((rounds.warmups + rounds.runs) * walkAccesses);
        out.printf(Locale.ROOT, "TLB-hit path (32 pages):    median %s translations/s of %d runs; %d walks%n",
                ReplayCommand.rate(hits), rounds.runs, hitWalks);
        out.printf(Locale.ROOT, "walk path (65,536 pages):   median %s translations/s of %d runs; %.3f walks per access%n",
                ReplayCommand.rate(walks), rounds.runs, walksPerAccess);
        out.figure("TLB-hit path", hits, "translations/s");
        out.figure("walk path", walks, "translations/s");
        out.finish();
        return 0;
    }

    private static double rate(TranslationLoop loop, long n) {
        long start = System.nanoTime();
        loop.access(n);
        return n / ((System.nanoTime() - start) / 1e9);
    }
}
