package org.mmsim.paging.mm;

import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.TaskInfo;

/** A process ({@code struct task_struct}): its identity, its address space and its fault counters. */
public final class Task {
    /** The size of {@code task_struct.comm}, its NUL included. */
    static final int TASK_COMM_LEN = 16;

    final int pid;
    int ppid;
    String comm;
    Mm mm;
    int uid;
    int oomScoreAdj;
    final long startNanos;
    /** The kernel stack's address in vmalloc space. */
    long kernelStack;
    /** Its {@code task_struct} in the slab, 0 if none could be allocated. */
    long object;
    /** Its memory policy ({@code task->mempolicy}, set_mempolicy), null for MPOL_DEFAULT. */
    Mempolicy mempolicy;
    public long minFlt;
    public long majFlt;

    Task(int pid, int ppid, String comm, Mm mm, long startNanos) {
        this.pid = pid;
        this.ppid = ppid;
        this.comm = comm;
        this.mm = mm;
        this.startNanos = startNanos;
    }

    /**
     * Names a process as {@code __set_task_comm()} does: the kernel keeps TASK_COMM_LEN (16, include/linux/sched.h)
     * bytes with the terminating NUL, so 15 characters of the name. A kernel thread keeps its whole name (its
     * {@code full_name}, which /proc shows), so it is not set through here.
     */
    void setComm(String name) {
        comm = name.length() > TASK_COMM_LEN - 1 ? name.substring(0, TASK_COMM_LEN - 1) : name;
    }

    /** What /proc and the tools see of the task: its identity and its address space's counters. */
    TaskInfo info() {
        return new TaskInfo(pid, ppid, comm, uid, oomScoreAdj, startNanos, minFlt, majFlt,
                mm == null ? MmCounters.NONE : mm.counters());
    }

    public int pid() {
        return pid;
    }

    public Mm mm() {
        return mm;
    }
}
