package org.mmsim.api.reclaim;

/**
 * Memory pressure stall information (kernel/sched/psi.c, /proc/pressure/memory): the time tasks spent waiting for
 * memory (reclaim, refaults of their working set, swap-ins), as running averages over 10, 60 and 300 seconds of
 * simulated time and a total. "some" is time at least one task waited; "full", time every runnable task did — the
 * same here, where one task runs at a time.
 */
public interface Pressure {
    /** A task waited {@code nanos} for memory, ending now ({@code psi_memstall_leave()}). */
    void memstall(long nanos);

    /** The avg10, avg60 and avg300 percentages, brought up to now ({@code calc_avgs()} every 2 s). */
    double[] averages();

    /** The total stall in microseconds. */
    long totalMicros();
}
