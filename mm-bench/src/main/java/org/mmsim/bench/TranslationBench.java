package org.mmsim.bench;

import java.util.concurrent.TimeUnit;
import org.mmsim.tools.bench.TranslationLoop;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One process's reads of resident pages through {@code Processes.access}: 32 pages, which stay in the L1 dTLB
 * (the TLB-hit path), and 65,536 pages in a cycle, which miss every TLB level (the page-walk path). The loop is
 * {@link TranslationLoop}, which {@code ./mm bench mmu} also runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TranslationBench {
    private TranslationLoop hit;
    private TranslationLoop walk;

    @Setup
    public void boot() {
        hit = new TranslationLoop(TranslationLoop.TLB_HIT_PAGES);
        walk = new TranslationLoop(TranslationLoop.WALK_PAGES);
    }

    @Benchmark
    @OperationsPerInvocation(TranslationLoop.TLB_HIT_PAGES)
    public int tlbHit() {
        return hit.access(TranslationLoop.TLB_HIT_PAGES);
    }

    @Benchmark
    public int pageWalk() {
        return walk.access(1);
    }
}
