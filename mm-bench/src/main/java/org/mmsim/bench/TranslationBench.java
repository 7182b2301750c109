package org.mmsim.bench;

import java.util.concurrent.TimeUnit;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.Prot;
import org.mmsim.tools.Mmsim;
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
 * (the TLB-hit path), and 65,536 pages in a cycle, which miss every TLB level (the page-walk path).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TranslationBench {
    private static final int HIT_PAGES = 32;
    private static final int WALK_PAGES = 65536;

    private Processes processes;
    private int pid;
    private long base;
    private int next;

    @Setup
    public void boot() {
        processes = Mmsim.boot(MachineConfig.defaults()).processes();
        pid = processes.createProcess("bench", false);
        base = processes.mmap(pid, 0, WALK_PAGES * 4096L, Prot.PROT_READ | Prot.PROT_WRITE,
                Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS | Prot.MAP_POPULATE, null, 0);
        processes.switchTo(0, pid);
    }

    @Benchmark
    @OperationsPerInvocation(HIT_PAGES)
    public int tlbHit() {
        int faults = 0;
        for (int page = 0; page < HIT_PAGES; page++) {
            faults += processes.access(pid, base + ((long) page << 12), AccessType.READ);
        }
        return faults;
    }

    @Benchmark
    public int pageWalk() {
        next = (next + 1) & (WALK_PAGES - 1);
        return processes.access(pid, base + ((long) next << 12), AccessType.READ);
    }
}
