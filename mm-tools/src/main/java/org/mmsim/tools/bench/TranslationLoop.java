package org.mmsim.tools.bench;

import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.Prot;
import org.mmsim.tools.Mmsim;

/**
 * One process's reads of resident pages through {@code Processes.access}, the public path of a scenario's
 * {@code touch} and of {@code ./mm trace} (process lookup, TLB probe, a walk on a miss, A/D bits), cycling over a
 * working set: {@link #TLB_HIT_PAGES} pages stay in the L1 dTLB (the TLB-hit path), {@link #WALK_PAGES} pages miss
 * every TLB level (the page-walk path). mm-bench's {@code TranslationBench} times it with JMH; {@code ./mm bench mmu}
 * times it by hand.
 */
public final class TranslationLoop {
    /** A working set within the L1 dTLB. */
    public static final int TLB_HIT_PAGES = 32;
    /** A working set beyond the STLB: every access is a 4-level walk. */
    public static final int WALK_PAGES = 65536;

    private final Processes processes;
    private final int pid;
    private final long base;
    private final int pages;
    private int next;

    /** Boots a default machine with one process whose {@code pages} pages are mapped and resident, running on CPU 0. */
    public TranslationLoop(int pages) {
        if (pages < 1) {
            throw new IllegalArgumentException("pages " + pages + ": expected 1 or more");
        }
        this.pages = pages;
        processes = Mmsim.boot(MachineConfig.defaults()).processes();
        pid = processes.createProcess("bench", false);
        base = processes.mmap(pid, 0, pages * (long) MachineConfig.PAGE_SIZE, Prot.PROT_READ | Prot.PROT_WRITE,
                Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS | Prot.MAP_POPULATE, null, 0);
        processes.switchTo(0, pid);
    }

    /** Reads {@code n} pages of the working set in turn, from the one after the last call's; returns the faults (none). */
    public int access(long n) {
        // The fields in locals: the loop then reads nothing from this object, and its compiled code is the same on
        // every run (read from the fields, the TLB-hit figure of ./mm bench mmu came out 75 M or 190 M, run to run).
        Processes target = processes;
        int process = pid;
        long start = base;
        int size = pages;
        int faults = 0;
        int page = next;
        for (long i = 0; i < n; i++) {
            faults += target.access(process, start + ((long) page << MachineConfig.PAGE_SHIFT), AccessType.READ);
            if (++page == size) {
                page = 0;
            }
        }
        next = page;
        return faults;
    }

    /** The page walks CPU 0 has done so far (its TLB statistics). */
    public long walks() {
        return processes.tlbStats(0).walks();
    }
}
