package org.mmsim.paging.mm;

import org.mmsim.api.paging.TaskLimits;

/**
 * kernel.pid_max and kernel.threads-max, each checked as its sysctl handler checks a write
 * ({@code proc_dointvec_minmax()} for pid_max, {@code sysctl_max_threads()} in kernel/fork.c) before it reaches the
 * pid map or the kernel stacks that enforce it at fork.
 */
final class Limits implements TaskLimits {
    private final PidMap pids;
    private final KernelStacks stacks;

    Limits(PidMap pids, KernelStacks stacks) {
        this.pids = pids;
        this.stacks = stacks;
    }

    @Override
    public int pidMax() {
        return pids.pidMax();
    }

    @Override
    public void setPidMax(int pidMax) {
        pids.setPidMax(inRange("pid_max", pidMax, PID_MAX_MIN, PID_MAX_LIMIT));
    }

    @Override
    public int threadsMax() {
        return stacks.maxThreads();
    }

    @Override
    public void setThreadsMax(int threadsMax) {
        stacks.setMaxThreads(inRange("threads-max", threadsMax, 1, MAX_THREADS));
    }

    @Override
    public int threads() {
        return stacks.threads();
    }

    private static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " " + value + "; expected " + min + " to " + max);
        }
        return value;
    }
}
