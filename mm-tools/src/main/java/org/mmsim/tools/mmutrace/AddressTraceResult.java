package org.mmsim.tools.mmutrace;

import java.util.List;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.api.physical.CacheLevelStats;
import org.mmsim.trace.format.TraceFormat;

/**
 * What driving one process's MMU with an address trace counted.
 *
 * @param format the trace's format
 * @param accesses access records (an {@code M} record is one)
 * @param pageTouches translations asked for: one per page an access touches, so a straddling access counts two
 * @param distinctPages distinct 4 KiB pages touched
 * @param minorFaults faults resolved without I/O
 * @param majorFaults faults that read the page from a file or swap
 * @param segfaults accesses outside every mapping or against its protection (SIGSEGV)
 * @param firstSegfault the address of the first of them, or -1
 * @param tlb the translation counters of the CPU the process ran on
 * @param vmHwmKb the process's peak resident set (VmHWM) in kB
 * @param caches what the CPU's caches counted, innermost level first, or empty when they were left out
 * @param seconds wall time of the run, reading included
 */
public record AddressTraceResult(TraceFormat format, long accesses, long pageTouches, long distinctPages,
                                 long minorFaults, long majorFaults, long segfaults, long firstSegfault, TlbStats tlb,
                                 long vmHwmKb, List<CacheLevelStats> caches, double seconds) {
    /** Keeps an unmodifiable copy of the cache counts. */
    public AddressTraceResult {
        caches = List.copyOf(caches);
    }

    /** Accesses per second of wall time. */
    public double accessesPerSecond() {
        return seconds > 0 ? accesses / seconds : 0;
    }
}
