package org.mmsim.api;

/**
 * What a program embedding mmsim (a user interface, a test) is told as a machine runs, so it can watch without parsing
 * text: the kernel's own moments of memory management. Every method has an empty default; implement those you need.
 * Listeners run on the simulation's thread, in simulated-time order, and must not call back into the machine.
 */
public interface MachineListener {
    /** The OOM killer killed a task ({@code __oom_kill_process()} in mm/oom_kill.c), before its memory is freed. */
    default void oomKill(OomKillEvent kill) {
    }

    /**
     * A task's access faulted and the fault was handled ({@code handle_mm_fault()} in mm/memory.c): a page was mapped
     * for it, from nothing, the page cache or swap. A fault that kills the task (SIGSEGV, OOM) is not one.
     *
     * @param address the virtual address the task touched
     * @param write whether it wrote
     * @param major whether the page had to be read from the disk or swap ({@code pgmajfault})
     */
    default void pageFault(long nanos, int pid, long address, boolean write, boolean major) {
    }

    /** An allocation woke kswapd on {@code node} ({@code wakeup_kswapd()} in mm/vmscan.c). */
    default void kswapdWake(long nanos, int node) {
    }

    /**
     * An allocation reclaimed directly ({@code __alloc_pages_direct_reclaim()} in mm/page_alloc.c, one allocstall).
     *
     * @param reclaimed the pages it freed
     */
    default void directReclaim(long nanos, int order, long reclaimed) {
    }
}
