package org.mmsim.tools.cli;

import java.util.concurrent.Callable;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kalloc.SlabAllocator;
import org.mmsim.api.physical.Gfp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mm bench kmalloc}: kmalloc+kfree pairs per second for each size class, and kmem_cache_alloc+free pairs,
 * on one thread of a default machine: each pair takes an object from the CPU slab and gives it back, the fast path.
 * A second figure keeps 1024 objects live in a ring, so slabs fill, go partial and are refilled.
 */
@Command(name = "kmalloc", mixinStandardHelpOptions = true,
        description = "kmalloc/kfree and kmem_cache_alloc/free pairs per second, per size class, one thread.")
final class KmallocBench implements Callable<Integer> {
    private static final int[] CLASSES = {8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192};

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
        Rounds rounds = counts.rounds;
        BenchReport out = report.open(spec, "kmalloc");
        SlabAllocator slab = org.mmsim.tools.Mmsim.boot(MachineConfig.defaults()).slabAllocator();
        out.printf("%-24s  %16s  %16s%n", "size class", "pairs/s (hot)", "pairs/s (1024 live)");
        for (int size : CLASSES) {
            double hot = BenchRuns.median(rounds, () -> kmallocPairs(slab, size, pairs));
            double ring = BenchRuns.median(rounds, () -> kmallocRing(slab, size, pairs / 4));
            String name = slab.cacheName(slab.kmallocCache(size, Gfp.GFP_KERNEL));
            out.printf("%-24s  %16s  %16s%n", name, ReplayCommand.rate(hot), ReplayCommand.rate(ring));
            out.figure(name + " hot", hot, "pairs/s");
            out.figure(name + " 1024 live", ring, "pairs/s");
            out.flush();
        }
        int cache = slab.findCache("vm_area_struct");
        double hot = BenchRuns.median(rounds, () -> cachePairs(slab, cache, pairs));
        out.printf("%-24s  %16s%n", "kmem_cache vm_area_struct", ReplayCommand.rate(hot));
        out.figure("kmem_cache vm_area_struct", hot, "pairs/s");
        out.finish();
        return 0;
    }

    private static double kmallocPairs(SlabAllocator slab, int size, int pairs) {
        long start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            slab.kfree(slab.kmalloc(size, Gfp.GFP_KERNEL));
        }
        return pairs / ((System.nanoTime() - start) / 1e9);
    }

    private static double kmallocRing(SlabAllocator slab, int size, int pairs) {
        long[] ring = new long[1024];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = slab.kmalloc(size, Gfp.GFP_KERNEL);
        }
        long start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            int slot = i & 1023;
            slab.kfree(ring[slot]);
            ring[slot] = slab.kmalloc(size, Gfp.GFP_KERNEL);
        }
        double rate = pairs / ((System.nanoTime() - start) / 1e9);
        for (long a : ring) {
            slab.kfree(a);
        }
        return rate;
    }

    private static double cachePairs(SlabAllocator slab, int cache, int pairs) {
        long start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            slab.kmemCacheFree(cache, slab.kmemCacheAlloc(cache, Gfp.GFP_KERNEL));
        }
        return pairs / ((System.nanoTime() - start) / 1e9);
    }
}
