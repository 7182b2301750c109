package org.mmsim.api.physical;

import java.util.List;

/**
 * The hardware under the pages, as the CPUs' accesses meet it after the MMU has translated them: each CPU's private
 * caches (L1i, L1d, L2), the last-level caches that groups of CPUs of a node share, kept coherent by MESI, and the
 * memory behind them (one northbridge, or a controller per NUMA node). Caches are physically indexed and tagged, as
 * on x86: an access names its physical address ({@code pfn << 12 | offset}). Each access returns what it cost in
 * core cycles, from the level that served it; each CPU counts the events {@code perf stat} reads from its PMU. One
 * machine's hierarchy belongs to its simulation thread; an access allocates nothing.
 */
public interface MemoryHierarchy {
    /**
     * One access by a CPU, a user load, store or instruction fetch of {@code size} bytes.
     *
     * @param kind {@link CacheHierarchy#FETCH}, {@link CacheHierarchy#LOAD}, {@link CacheHierarchy#STORE} or
     *     {@link CacheHierarchy#MODIFY}
     * @return the cycles it took: the latency of the level that served it, DRAM's (times the SLIT distance's share on a
     *     remote node), or a coherence transfer's
     * @throws IllegalArgumentException for an unknown CPU or kind, or a size under 1; nothing is counted then
     */
    int access(int cpu, int kind, long paddr, int size);

    /**
     * One load of a page-table entry by a CPU's page walker after a TLB miss: it goes through the data caches as the
     * hardware walker's loads do, and counts as a walk load rather than as one of the program's loads.
     *
     * @return the cycles it took
     * @throws IllegalArgumentException for an unknown CPU
     */
    int walkLoad(int cpu, long paddr, int size);

    /** The core clock in MHz: cycles per microsecond. */
    int mhz();

    /** The CPUs. */
    int cpus();

    /** The cycles {@code cpu}'s accesses took since boot: {@code counts(cpu).cycles()}, without building the record. */
    long cycles(int cpu);

    /**
     * The nanoseconds {@code cpu}'s accesses took since boot, at the core's clock: the difference of two looks is the
     * CPU time of the accesses between them.
     */
    default long nanos(int cpu) {
        return cycles(cpu) * 1000 / mhz();
    }

    /** What {@code cpu} counted since boot. */
    PerfCounts counts(int cpu);

    /** {@code cpu}'s cache levels since boot, innermost first: L1i, L1d, L2 and the last level it shares with its group. */
    List<CacheLevelStats> stats(int cpu);
}
