package org.mmsim.api.paging;

/**
 * The limits on tasks that fork checks (kernel/pid.c, kernel/fork.c), as /proc/sys/kernel/pid_max and
 * /proc/sys/kernel/threads-max show and set them.
 */
public interface TaskLimits {
    /** The least kernel.pid_max a write may set: {@code pid_max_min}, RESERVED_PIDS + 1 (kernel/pid.c). */
    int PID_MAX_MIN = 301;
    /** {@code PID_MAX_LIMIT} on 64-bit: the most kernel.pid_max a write may set (include/linux/threads.h). */
    int PID_MAX_LIMIT = 4 * 1024 * 1024;
    /** {@code MAX_THREADS}, FUTEX_TID_MASK: the most kernel.threads-max a write may set (kernel/fork.c). */
    int MAX_THREADS = 0x3fffffff;

    /** kernel.pid_max: new pids are below it. */
    int pidMax();

    /**
     * Sets kernel.pid_max; pids already given stay as they are.
     *
     * @throws IllegalArgumentException outside {@value #PID_MAX_MIN}..{@value #PID_MAX_LIMIT}
     *     ({@code proc_dointvec_minmax()}'s EINVAL)
     */
    void setPidMax(int pidMax);

    /** kernel.threads-max: fork fails with EAGAIN when this many tasks live. */
    int threadsMax();

    /**
     * Sets kernel.threads-max ({@code sysctl_max_threads()}).
     *
     * @throws IllegalArgumentException outside 1..{@value #MAX_THREADS}
     */
    void setThreadsMax(int threadsMax);

    /** The tasks alive now, kernel threads included ({@code nr_threads}). */
    int threads();
}
