package org.mmsim.api.paging;

/**
 * A process as ps(1) and /proc/PID/stat see it ({@code struct task_struct}).
 *
 * @param pid the process id
 * @param ppid the parent's pid
 * @param name the command name ({@code comm})
 * @param uid the user id
 * @param oomScoreAdj {@code oom_score_adj}, -1000 to 1000
 * @param startNanos simulated time it started
 * @param minFlt minor faults ({@code min_flt})
 * @param majFlt major faults ({@code maj_flt})
 * @param counters its address space's figures
 */
public record TaskInfo(int pid, int ppid, String name, int uid, int oomScoreAdj, long startNanos, long minFlt,
                       long majFlt, MmCounters counters) {
    /** kthreadd's pid: it is started right after init, and every other kernel thread is its child. */
    public static final int KTHREADD_PID = 2;

    /** Whether this is a kernel thread: kthreadd or a child of it (kernel/kthread.c). */
    public boolean kernelThread() {
        return pid == KTHREADD_PID || ppid == KTHREADD_PID;
    }
}
