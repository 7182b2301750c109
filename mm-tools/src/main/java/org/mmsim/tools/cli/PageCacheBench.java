package org.mmsim.tools.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kalloc.FileRef;
import org.mmsim.api.kalloc.Files;
import org.mmsim.spi.BadInputException;
import org.mmsim.tools.Mmsim;
import org.mmsim.tools.units.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm bench pagecache}: pages per second that {@code read()} gets through the page cache: from the disk with
 * readahead (after drop_caches), and from the cache in 128 KiB and 4 KiB reads.
 */
@Command(name = "pagecache", mixinStandardHelpOptions = true,
        description = "Read a file through the page cache: cold (each run after drop_caches: readahead and page "
                + "allocation) and warm (every page cached) in 128 KiB and 4 KiB reads; print the median pages per second.")
final class PageCacheBench implements Callable<Integer> {
    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "256M", description = "The file's size (default: 256M).")
    private String size;

    @Mixin
    private Rounds rounds = new Rounds(2, 5);

    @Mixin
    private BenchReport report;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        long bytes;
        try {
            bytes = Sizes.parse(size);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--size " + size + ": " + e.getMessage(), e);
        }
        rounds.check();
        if (bytes < 4096 || bytes > (1L << 31)) {
            throw new BadInputException("--size " + size + ": expected a size of 4K to 2G");
        }
        Files files = Mmsim.boot(MachineConfig.builder().ramBytes(4L << 30).build()).files();
        FileRef file = files.create("/bench/data", bytes);
        long pages = (bytes + 4095) >>> 12;
        BenchReport out = report.open(spec, "pagecache");
        // readAll() times its reads alone: the drop_caches before each cold run is not counted.
        double cold = BenchRuns.median(rounds, () -> {
            files.dropCaches(1);
            return readAll(files, file, bytes, 128 << 10, 1) * pages;
        });
        // A warm pass over 256 MiB takes milliseconds: a measured run reads at least 1 GiB, so the JIT's work and
        // the timer's grain do not decide the figure.
        int passes = (int) Math.max(1, (1L << 30) / bytes);
        double warm = BenchRuns.median(rounds, () -> readAll(files, file, bytes, 128 << 10, passes) * pages);
        double small = BenchRuns.median(rounds, () -> readAll(files, file, bytes, 4096, passes) * pages);
        out.printf(Locale.ROOT, "file of %d pages on a 4 GiB machine, one thread, median of %d runs%n", pages, rounds.runs);
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
    private static double readAll(Files files, FileRef file, long bytes, int chunk, int passes) {
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            for (long at = 0; at < bytes; at += chunk) {
                files.read(1, file, at, chunk, null);
            }
        }
        return passes * 1e9 / (System.nanoTime() - start);
    }
}
