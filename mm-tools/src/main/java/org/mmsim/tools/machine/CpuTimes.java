package org.mmsim.tools.machine;

import org.mmsim.api.time.SimClock;

/**
 * Where each CPU's time went (kernel/sched/cputime.c, as /proc/stat shows it): user time of the programs that run
 * (a scenario's loops), system time of the faults they take, I/O wait while one waits for the disk, and idle as the
 * rest; with the context switches, each task's CPU time and state, the tasks running and blocked at the last look,
 * and the load average over them (kernel/sched/loadavg.c: every LOAD_FREQ, 5 s and a tick, in fixed point with
 * FSHIFT 11 and the decays EXP_1, EXP_5, EXP_15). Nothing else runs on the simulated CPUs, so a machine with no loops
 * is idle.
 */
public final class CpuTimes {
    private final SimClock clock;
    private final long[] user;
    private final long[] system;
    private final long[] iowait;
    private static final int FSHIFT = 11;
    private static final long FIXED_1 = 1L << FSHIFT;
    private static final long[] EXP = {1884, 2014, 2037};
    /** LOAD_FREQ: 5 s and one jiffy at HZ 250. */
    private static final long LOAD_FREQ = 5_004_000_000L;
    private long contextSwitches;
    private int running;
    private int blocked;
    private final long[] avenrun = new long[3];
    private long nextLoad = LOAD_FREQ;
    private final java.util.Map<Integer, long[]> taskTimes = new java.util.HashMap<>();
    private final java.util.Map<Integer, org.mmsim.api.physical.PerfCounts> taskEvents = new java.util.HashMap<>();
    private java.util.Map<Integer, Character> states = java.util.Map.of();

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

    /**
     * The tasks now: each loop's pid with {@code R} (runnable) or {@code D} (waiting for the disk); the counts are
     * {@code nr_running()} and {@code nr_iowait()}.
     */
    public void setTasks(java.util.Map<Integer, Character> states) {
        catchUpLoad();
        this.states = states;
        running = 0;
        blocked = 0;
        for (char state : states.values()) {
            running += state == 'R' ? 1 : 0;
            blocked += state == 'D' ? 1 : 0;
        }
    }

    /** The state of task {@code pid} as ps and top show it: R, D, or S for one that runs no loop. */
    public char state(int pid) {
        return states.getOrDefault(pid, 'S');
    }

    /** Adds hardware events a task's accesses counted on a CPU (a loop's turn, a line of its own). */
    public void chargeTaskEvents(int pid, org.mmsim.api.physical.PerfCounts events) {
        taskEvents.merge(pid, events, org.mmsim.api.physical.PerfCounts::plus);
    }

    /** The hardware events {@code pid}'s accesses counted on whichever CPU it ran: perf's per-task counters. */
    public org.mmsim.api.physical.PerfCounts taskEvents(int pid) {
        return taskEvents.getOrDefault(pid, new org.mmsim.api.physical.PerfCounts(0, 0, 0, 0, 0, 0, 0, 0));
    }

    /** Charges a task's own CPU time, user and system ({@code utime}, {@code stime}). */
    public void chargeTask(int pid, long userNanos, long systemNanos) {
        long[] t = taskTimes.computeIfAbsent(pid, k -> new long[2]);
        t[0] += userNanos;
        t[1] += systemNanos;
    }

    /** Task {@code pid}'s CPU time, user and system together. */
    public long taskTime(int pid) {
        long[] t = taskTimes.get(pid);
        return t == null ? 0 : t[0] + t[1];
    }

    /** {@code avenrun[i]} in FSHIFT fixed point: the load average over 1, 5 and 15 minutes. */
    public long loadAverage(int i) {
        catchUpLoad();
        return avenrun[i];
    }

    /** A load average as /proc/loadavg prints it: two decimals, rounded by adding FIXED_1/200 first. */
    public static String loadText(long fixed) {
        long a = fixed + FIXED_1 / 200;
        return (a >> FSHIFT) + "." + String.format("%02d", ((a & (FIXED_1 - 1)) * 100) >> FSHIFT);
    }

    /** {@code calc_global_load()} for every LOAD_FREQ passed, with the tasks active meanwhile. */
    private void catchUpLoad() {
        long active = (long) (running + blocked) * FIXED_1;
        while (nextLoad <= clock.nanos()) {
            for (int i = 0; i < 3; i++) {
                long load = avenrun[i] * EXP[i] + active * (FIXED_1 - EXP[i]);
                if (active >= avenrun[i]) {
                    load += FIXED_1 - 1;
                }
                avenrun[i] = load / FIXED_1;
            }
            nextLoad += LOAD_FREQ;
        }
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
