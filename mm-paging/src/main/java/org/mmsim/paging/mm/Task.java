package org.mmsim.paging.mm;

/** A process ({@code struct task_struct}): its identity, its address space and its fault counters. */
public final class Task {
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
    public long minFlt;
    public long majFlt;

    Task(int pid, int ppid, String comm, Mm mm, long startNanos) {
        this.pid = pid;
        this.ppid = ppid;
        this.comm = comm;
        this.mm = mm;
        this.startNanos = startNanos;
    }

    public int pid() {
        return pid;
    }

    public Mm mm() {
        return mm;
    }
}
