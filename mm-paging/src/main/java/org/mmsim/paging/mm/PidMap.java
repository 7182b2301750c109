package org.mmsim.paging.mm;

import java.util.BitSet;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.TaskLimits;

/**
 * Process ids as kernel/pid.c hands them out. {@code alloc_pid()} takes the first free id after the last one given
 * ({@code idr_alloc_cyclic()}), below {@code pid_max}; past it the ids wrap, and once they have gone past
 * {@code RESERVED_PIDS} (300) they start again there, so the low ids of the boot's daemons are not handed out anew.
 * {@code pid_max} is {@code pid_idr_init()}'s: {@code PID_MAX_DEFAULT} (32768), or 1024 a possible CPU if that is more,
 * up to {@code PID_MAX_LIMIT} (4,194,304). An exited task's id is free again ({@code free_pid()}).
 */
final class PidMap {
    /** {@code RESERVED_PIDS} (kernel/pid.c). */
    static final int RESERVED_PIDS = 300;
    private static final int PID_MAX_DEFAULT = 0x8000;
    private static final int PIDS_PER_CPU_DEFAULT = 1024;

    private int pidMax;
    private final BitSet used = new BitSet();
    private int last;
    private long allocated;

    /** @param cpus the machine's possible CPUs */
    PidMap(int cpus) {
        this.pidMax = (int) Math.min(TaskLimits.PID_MAX_LIMIT, Math.max(PID_MAX_DEFAULT, (long) PIDS_PER_CPU_DEFAULT * cpus));
    }

    /** {@code kernel.pid_max}: ids are below it. */
    int pidMax() {
        return pidMax;
    }

    /** A write to kernel.pid_max, checked by the caller: the ids given stay, new ones are below it. */
    void setPidMax(int pidMax) {
        this.pidMax = pidMax;
    }

    /**
     * {@code alloc_pid()}: the next free id, taken.
     *
     * @throws SyscallException EAGAIN when every id below pid_max is taken
     */
    int alloc() {
        int pid = next();
        take(pid);
        return pid;
    }

    /**
     * The id {@link #alloc()} would give, not taken yet, so that a fork can check it before it allocates anything.
     *
     * @throws SyscallException EAGAIN when every id below pid_max is taken
     */
    int next() {
        int min = last >= RESERVED_PIDS ? RESERVED_PIDS : 1;
        int pid = used.nextClearBit(Math.max(last + 1, min));
        if (pid >= pidMax) {
            pid = used.nextClearBit(min);
            if (pid >= pidMax) {
                throw new SyscallException("EAGAIN", "every pid below kernel.pid_max " + pidMax + " is taken");
            }
        }
        return pid;
    }

    /** Takes {@code pid}, the one {@link #next()} gave. */
    void take(int pid) {
        used.set(pid);
        last = pid;
        allocated++;
    }

    /** {@code free_pid()}: {@code pid} may be handed out again. */
    void free(int pid) {
        used.clear(pid);
    }

    /** The ids handed out since boot: the tasks created ({@code total_forks}). */
    long allocated() {
        return allocated;
    }
}
