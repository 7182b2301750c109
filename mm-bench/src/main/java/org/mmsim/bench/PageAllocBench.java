package org.mmsim.bench;

import java.util.concurrent.TimeUnit;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.tools.Mmsim;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@code alloc_pages()} and {@code __free_pages()} pairs of one order: order 0 goes through the per-CPU lists. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PageAllocBench {
    @Param({"0", "3", "9"})
    public int order;

    private PageAllocator allocator;

    @Setup
    public void boot() {
        allocator = Mmsim.boot(MachineConfig.defaults()).pageAllocator();
    }

    @Benchmark
    public long allocFree() {
        long pfn = allocator.allocPages(Gfp.GFP_KERNEL, order);
        allocator.freePages(pfn, order);
        return pfn;
    }
}
