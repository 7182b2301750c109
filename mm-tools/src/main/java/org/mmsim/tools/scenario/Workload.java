package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.tools.machine.CpuTimes;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * The programs of a scenario that keep running while simulated time passes ({@code NAME loop VAR}): each sweeps its
 * region page by page, over and over, as a program that works on its whole data set does, one word a page. Time
 * passes in slices of {@link #SLICE_NANOS}: in each, up to one loop per CPU runs (taking turns when there are more
 * loops than CPUs), and a page costs the program's own work on it, {@link #WORK_NANOS}, and the time its access took
 * in the machine's memory hierarchy: the TLB miss's page-walk loads and the word's load or store, each the latency of
 * the cache level that served it or of DRAM ({@link org.mmsim.api.physical.MemoryHierarchy}). The work keeps a loop
 * near a million pages a second of simulated time, as before the caches were modelled, so that a second of it is
 * still a million accesses to simulate rather than ten; what the memory adds is the model's. A major fault waits for the disk: the loop sleeps until the disk's
 * request queue has served its read (the queue's waits are deferred while loops run, so one loop's wait does not
 * hold up the clock, the other loops or a tool's interval) and runs again in the first slice after; as the machine
 * has one disk, loops that fault wait one behind another. So progress is pages swept per second of simulated time,
 * and a thrashing machine makes as much of it as its disk allows.
 *
 * <p>The machine's {@link CpuTimes} hear of it: a page's work and access time are user time, each fault costs
 * {@link #FAULT_NANOS} of system time, and each page its fault's direct reclaim scans {@link #SCAN_NANOS} more; the
 * pages kswapd scans while a loop runs cost as much, taken from that loop's CPU and counted as kswapd0's (the reclaim
 * counters are the machine's, not each node's); a wait is I/O wait; a CPU changing loops and a loop sleeping on the disk (to
 * sleep and to wake) are context switches; after each slice the loops whose last access waited for the disk count as
 * blocked, the others as running.
 */
final class Workload {
    /** The scheduler's turn: about CFS's slice for a few runnable tasks. */
    static final long SLICE_NANOS = 1_000_000;
    /** How much simulated time passes at once when no loop runs, between looks at Ctrl-C: a minute's events take ms. */
    private static final long IDLE_STEP_NANOS = 60_000_000_000L;
    /** The CPU time a loop spends working on one page of its data, besides its access to it. */
    static final long WORK_NANOS = 1_000;
    /** The kernel's time to handle one page fault (its entry, the walk, the allocation, the PTE). */
    static final long FAULT_NANOS = 500;
    /** Reclaim's time for one page scanned (isolating it, the rmap walk, unmapping or rotating it). */
    static final long SCAN_NANOS = 1_000;

    /** One running loop. */
    static final class Loop {
        final String process;
        final int pid;
        final String var;
        final long addr;
        final long pages;
        final AccessType type;
        long next;
        long swept;
        long sweptAtLook;
        long lookedAt;
        long majorFaults;
        boolean dead;
        boolean waited;
        /** When its wait for the disk ends: it runs again from then. */
        long blockedUntil;

        Loop(String process, int pid, String var, long addr, long size, AccessType type, long now) {
            this.process = process;
            this.pid = pid;
            this.var = var;
            this.addr = addr;
            this.pages = Math.max(1, (size + 4095) >>> 12);
            this.type = type;
            this.lookedAt = now;
        }
    }

    private final List<Loop> loops = new ArrayList<>();
    private int turn;
    /** The loop each CPU ran last, for counting context switches. */
    private Loop[] lastOn = new Loop[0];
    /** Each CPU's busy time (user, system, its own waits) in the slice, and whether its loop waited for the disk. */
    private long[] busy = new long[0];
    private int kswapdPid;
    /** Each CPU's reclaim work that ran past its last slice's end: its next turn starts that much later. */
    private long[] owed = new long[0];
    private boolean[] queued = new boolean[0];

    /** The pid of kswapd0, looked up once: kernel threads never end. */
    private int kswapd(SimulatedMachine machine) {
        if (kswapdPid == 0) {
            for (TaskInfo thread : machine.processes().kernelThreads()) {
                if (thread.name().equals("kswapd0")) {
                    kswapdPid = thread.pid();
                }
            }
            if (kswapdPid == 0) {
                throw new IllegalStateException("no kswapd0 among the kernel threads");
            }
        }
        return kswapdPid;
    }

    /** Starts (or restarts) {@code process}'s loop over a region. */
    void start(Loop loop) {
        stop(loop.process);
        loops.add(loop);
    }

    /** Stops {@code process}'s loop; false if it had none. */
    boolean stop(String process) {
        return loops.removeIf(l -> l.process.equals(process));
    }

    /** The loops, in the order they started. */
    List<Loop> loops() {
        return List.copyOf(loops);
    }

    /** Lets {@code nanos} of simulated time pass with the loops running. A loop whose process dies ends. */
    void run(Session session, long nanos) {
        SimulatedMachine machine = session.machine();
        // A loop's wait for the disk blocks that loop, not the machine: the others and the clock go on meanwhile.
        machine.blockQueue().deferWaits(true);
        try {
            runSlices(session, machine, nanos);
        } finally {
            machine.blockQueue().deferWaits(false);
        }
    }

    private void runSlices(Session session, SimulatedMachine machine, long nanos) {
        long until = machine.clock().nanos() + nanos;
        int cpus = machine.config().cpus();
        if (lastOn.length != cpus) {
            lastOn = new Loop[cpus];
            busy = new long[cpus];
            owed = new long[cpus];
            queued = new boolean[cpus];
        }
        CpuTimes times = machine.cpuTimes();
        Processes processes = machine.processes();
        VmStat vmstat = machine.vmstat();
        org.mmsim.api.physical.MemoryHierarchy memory = machine.memoryHierarchy();
        while (machine.clock().nanos() < until && !session.interrupted()) {
            long start = machine.clock().nanos();
            session.lineClock().at(start);
            long slice = Math.min(SLICE_NANOS, until - start);
            // A process that exited, or that the OOM killer took during another's turn, runs no more.
            java.util.Set<Integer> alive = new java.util.HashSet<>();
            processes.tasks().forEach(t -> alive.add(t.pid()));
            loops.removeIf(l -> !alive.contains(l.pid));
            if (loops.isEmpty()) {
                times.setTasks(java.util.Map.of());
                // A minute at a time, so that Ctrl-C stops a long tick in the shell; the events run as in one go.
                machine.advance(Math.min(until - start, IDLE_STEP_NANOS));
                continue;
            }
            // The loops not waiting for the disk take the CPUs, in turn.
            List<Loop> ready = new ArrayList<>();
            for (int k = 0; k < loops.size(); k++) {
                Loop candidate = loops.get((turn + k) % loops.size());
                if (candidate.blockedUntil <= start) {
                    ready.add(candidate);
                }
            }
            int running = Math.min(cpus, ready.size());
            boolean kswapdRan = false;
            for (int i = 0; i < running; i++) {
                Loop loop = ready.get(i);
                processes.switchTo(i, loop.pid);
                if (lastOn[i] != loop) {
                    times.switched(1);
                    lastOn[i] = loop;
                }
                busy[i] = owed[i];
                queued[i] = false;
                long turnUser = 0;
                long turnSystem = 0;
                org.mmsim.api.physical.PerfCounts turnStart = memory.counts(i);
                // The CPUs run side by side: while an earlier CPU's loop waited for the disk past the slice's end,
                // this one ran on, so its turn lasts as long as the slice has so far.
                long budget = Math.max(slice, machine.clock().nanos() - start);
                for (long spent = owed[i]; spent < budget && !loop.dead; ) {
                    long before = machine.clock().nanos();
                    long accessBefore = memory.nanos(i);
                    long kswapdBefore = vmstat.get(VmItem.PGSCAN_KSWAPD);
                    long directBefore = vmstat.get(VmItem.PGSCAN_DIRECT);
                    // A wait noted outside this access (kswapd's submissions in the events between slices) is nobody's.
                    machine.blockQueue().takeDeferredWait();
                    int result = AccessVerbs.access(session, processes, loop.pid, loop.addr + (loop.next << 12),
                            loop.type, loop.process);
                    // A wait that moved the clock on (a throttled writer) is part of the turn.
                    long waited = machine.clock().nanos() - before;
                    long user = WORK_NANOS + memory.nanos(i) - accessBefore;
                    long wakes = machine.blockQueue().takeDeferredWait();
                    long kernel = (result == Processes.MINOR_FAULT || result == Processes.MAJOR_FAULT ? FAULT_NANOS : 0)
                            + (vmstat.get(VmItem.PGSCAN_DIRECT) - directBefore) * SCAN_NANOS;
                    long kswapd = (vmstat.get(VmItem.PGSCAN_KSWAPD) - kswapdBefore) * SCAN_NANOS;
                    spent += user + waited + kernel + kswapd;
                    times.charge(i, user, kernel + kswapd, waited);
                    if (kswapd > 0) {
                        times.chargeTask(kswapd(machine), 0, kswapd);
                        kswapdRan = true;
                    }
                    turnUser += user;
                    turnSystem += kernel;
                    busy[i] += user + kernel + kswapd + waited;
                    loop.waited = waited > 0;
                    queued[i] |= loop.waited;
                    if (AccessVerbs.died(result)) {
                        loop.dead = true;
                        break;
                    }
                    if (result == Processes.MAJOR_FAULT) {
                        loop.majorFaults++;
                        times.switched(2);
                    }
                    loop.swept++;
                    loop.next = loop.next + 1 == loop.pages ? 0 : loop.next + 1;
                    // Where this CPU is in the slice: its loop sleeps on the disk until its read completes.
                    long at = start + spent;
                    if (wakes > at) {
                        loop.waited = true;
                        queued[i] = true;
                        if (wakes >= start + budget) {
                            // Past the turn: the loop runs again in the first slice after it wakes.
                            loop.blockedUntil = wakes;
                            break;
                        }
                        // Within the turn: the CPU waits for I/O, then the loop goes on.
                        spent += wakes - at;
                        busy[i] += wakes - at;
                        times.charge(i, 0, 0, wakes - at);
                    }
                }
                times.chargeTask(loop.pid, turnUser, turnSystem);
                times.chargeTaskEvents(loop.pid, memory.counts(i).since(turnStart));
            }
            loops.removeIf(l -> l.dead);
            if (!loops.isEmpty()) {
                turn = (turn + running) % loops.size();
            }
            java.util.Map<Integer, Character> states = new java.util.HashMap<>();
            if (kswapdRan) {
                // Reclaiming, kswapd0 is runnable: it counts in nr_running and the load average.
                states.put(kswapd(machine), 'R');
            }
            for (Loop loop : loops) {
                states.put(loop.pid, loop.waited || loop.blockedUntil > start + slice ? 'D' : 'R');
            }
            times.setTasks(states);
            long end = start + slice;
            // The disk serves one request at a time: a CPU whose loop waited for it in this slice also waited while
            // the others' requests went first. That time is I/O wait, not idle.
            long elapsed = Math.max(machine.clock().nanos(), end) - start;
            for (int i = 0; i < running; i++) {
                if (queued[i] && elapsed > busy[i]) {
                    times.charge(i, 0, 0, elapsed - busy[i]);
                }
                // Reclaim that ran past the slice's end (a batch kswapd or a fault scanned) takes the CPU's next turn.
                owed[i] = Math.max(0, busy[i] - elapsed);
            }
            // A CPU left without a loop while some loop sleeps on the disk waits for I/O too (as Linux counts a CPU
            // idle with a task of its runqueue in io_schedule()); one such CPU for each sleeping loop.
            long sleeping = loops.stream().filter(l -> l.blockedUntil > start).count();
            for (int i = running; i < cpus && i - running < sleeping; i++) {
                times.charge(i, 0, 0, elapsed);
                owed[i] = 0;
            }
            if (machine.clock().nanos() < end) {
                machine.advance(end - machine.clock().nanos());
            }
        }
    }
}
