package org.mmsim.tools.view;

import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.TaskInfo;

/**
 * A task as ps and top read it from /proc/PID/stat, statm and status: identity, scheduling, CPU time and memory, the
 * memory in KiB.
 *
 * @param pid the process id
 * @param ppid the parent's
 * @param uid the effective user id
 * @param name comm (a kernel thread's whole name)
 * @param kernelThread whether it is a kernel thread (no address space, no session)
 * @param sessionLeader whether it leads its session (its pid is its session id)
 * @param nice its nice value, -20 to 19
 * @param rtPriority its real-time priority under SCHED_FIFO, 1 to 99, or 0 for a normal task (ps shows NI {@code -},
 *     top PR {@code rt} at 99, else -1 less the priority)
 * @param state R, S, D or I
 * @param startNanos simulated time it started
 * @param cpuNanos CPU time it used, user and system
 * @param virtKb VmSize
 * @param resKb VmRSS
 * @param shrKb its shared resident pages (RssFile + RssShmem)
 * @param lockedKb VmLck
 * @param minFlt minor faults
 * @param majFlt major faults
 */
public record ProcTask(int pid, int ppid, int uid, String name, boolean kernelThread, boolean sessionLeader, int nice,
                       int rtPriority, char state, long startNanos, long cpuNanos, long virtKb, long resKb, long shrKb,
                       long lockedKb, long minFlt, long majFlt) {
    private static final long PAGE_KB = 4;

    /**
     * The task {@code t}, in {@code scheduled} state (as the scheduler's accounting has it), having used
     * {@code cpuNanos} of CPU time. A kernel thread has no memory; the idle workqueue workers and RCU's threads sleep in
     * I (TASK_IDLE); the high-priority and rescuer workers run at nice -20, the stoppers (migration/N) at real-time
     * priority 99 and watchdogd at 50, as a 6.18 machine's ps and top show them.
     */
    public static ProcTask of(TaskInfo t, char scheduled, long cpuNanos) {
        String name = t.name();
        char state = scheduled;
        int nice = 0;
        int rtPriority = 0;
        if (t.kernelThread()) {
            boolean idle = name.startsWith("kworker/") || name.startsWith("rcu_");
            state = idle && state == 'S' ? 'I' : state;
            nice = name.startsWith("kworker/R-") || name.matches("kworker/[0-9]+:[0-9]+H.*") ? -20 : 0;
            rtPriority = name.startsWith("migration/") ? 99 : name.equals("watchdogd") ? 50 : 0;
        }
        MmCounters c = t.counters();
        // Every program leads a session of its own, as /proc/PID/status's NSsid says; a kernel thread is in none.
        return new ProcTask(t.pid(), t.ppid(), t.uid(), name, t.kernelThread(), !t.kernelThread(), nice, rtPriority,
                state, t.startNanos(), cpuNanos, c.totalVm() * PAGE_KB, c.rss() * PAGE_KB,
                (c.rssFile() + c.rssShmem()) * PAGE_KB, c.lockedVm() * PAGE_KB, t.minFlt(), t.majFlt());
    }

    /** The user name ps and top print: root's, or the number of a user the machine has no name for. */
    public String user() {
        return uid == 0 ? "root" : Integer.toString(uid);
    }
}
