package org.mmsim.tools.machine;

import org.mmsim.api.time.SimClock;

/**
 * Where each CPU's time went (kernel/sched/cputime.c, as /proc/stat shows it): user time of the programs that run
 * (a scenario's loops), system time of the faults they take, I/O wait while one waits for the disk, and idle as the
 * rest; with the context switches, and the tasks running and blocked at the last look. Nothing else runs on the
 * simulated CPUs, so a machine with no loops is idle.
 */
public final class CpuTimes {
    private final SimClock clock;
    private final long[] user;
    private final long[] system;
    private final long[] iowait;
    private long contextSwitches;
    private int running;
    private int blocked;

    CpuTimes(SimClock clock, int cpus) {
        this.clock = clock;
        this.user = new long[cpus];
        this.system = new long[cpus];
        this.iowait = new long[cpus];
    }

    /** Charges time to {@code cpu}. */
    public void charge(int cpu, long userNanos, long systemNanos, long iowaitNanos) {
        user[cpu] += userNanos;
        system[cpu] += systemNanos;
        iowait[cpu] += iowaitNanos;
    }

    /** Counts context switches ({@code nr_context_switches()}). */
    public void switched(long count) {
        contextSwitches += count;
    }

    /** The tasks runnable and those waiting for I/O now ({@code nr_running()}, {@code nr_iowait()}). */
    public void setTasks(int running, int blocked) {
        this.running = running;
        this.blocked = blocked;
    }

    public int cpus() {
        return user.length;
    }

    public long user(int cpu) {
        return user[cpu];
    }

    public long system(int cpu) {
        return system[cpu];
    }

    public long iowait(int cpu) {
        return iowait[cpu];
    }

    /** The rest of the time since boot. */
    public long idle(int cpu) {
        return Math.max(0, clock.nanos() - user[cpu] - system[cpu] - iowait[cpu]);
    }

    public long contextSwitches() {
        return contextSwitches;
    }

    public int running() {
        return running;
    }

    public int blocked() {
        return blocked;
    }
}
