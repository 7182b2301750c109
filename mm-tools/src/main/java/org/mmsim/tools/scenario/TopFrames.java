package org.mmsim.tools.scenario;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.tools.machine.CpuTimes;
import org.mmsim.tools.proc.ProcFiles;
import org.mmsim.tools.view.Meminfo;
import org.mmsim.tools.view.ProcTask;
import org.mmsim.tools.view.Top;

/**
 * What top reads of the machine, frame after frame: the CPU shares and each task's %CPU over the interval since the
 * frame before (top.c's Irix mode: the task's CPU time in the interval over the interval), the load average, memory.
 * As top primes its counters and waits LIB_USLEEP (150 ms, src/top/top.h) before its first frame, the first covers
 * those 150 ms, which pass on the simulated machine too.
 */
final class TopFrames {
    /** LIB_USLEEP: how long top waits between priming its counters and its first frame. */
    static final long PRIMING_NANOS = 150_000_000L;

    /** A frame's figures, to render in any {@link Top.View}. */
    record Frame(Top.Summary summary, List<Top.Row> rows) {
        String render(Top.View view) {
            return Top.render(summary, rows, view);
        }
    }

    private final ProcFiles files;
    private final Session session;
    private final List<Integer> pids;
    private List<long[]> ticksBefore;
    private Map<Integer, Long> cpuBefore = new HashMap<>();
    private long before;

    /** Primes the counters; {@code pids} are the tasks top reads ({@code -p}), or empty for every task. */
    TopFrames(ProcFiles files, Session session, List<Integer> pids) {
        this.files = files;
        this.session = session;
        this.pids = pids;
        ticksBefore = Top.cpuLines(ViewVerbs.read(files, session, "/proc/stat"));
        for (ProcTask t : ViewVerbs.everyTask(session)) {
            cpuBefore.put(t.pid(), t.cpuNanos());
        }
        before = session.machine().clock().nanos();
    }

    /** Lets {@code nanos} of simulated time pass (the loops running), then reads a frame. */
    Frame next(long nanos) {
        session.pass(nanos);
        CpuTimes times = session.machine().cpuTimes();
        long now = session.machine().clock().nanos();
        List<Top.Row> rows = new ArrayList<>();
        Map<Integer, Long> cpuNow = new HashMap<>();
        for (ProcTask t : ViewVerbs.everyTask(session)) {
            cpuNow.put(t.pid(), t.cpuNanos());
            if (pids.isEmpty() || pids.contains(t.pid())) {
                long since = Math.max(before, t.startNanos());
                long used = t.cpuNanos() - cpuBefore.getOrDefault(t.pid(), 0L);
                rows.add(new Top.Row(t, now <= since ? 0 : 100.0 * used / (now - since)));
            }
        }
        List<long[]> ticks = Top.cpuLines(ViewVerbs.read(files, session, "/proc/stat"));
        List<long[]> delta = new ArrayList<>();
        for (int line = 0; line < ticks.size(); line++) {
            long[] d = new long[ticks.get(line).length];
            for (int i = 0; i < d.length; i++) {
                d[i] = ticks.get(line)[i] - ticksBefore.get(line)[i];
            }
            delta.add(d);
        }
        long[] load = {times.loadAverage(0), times.loadAverage(1), times.loadAverage(2)};
        Meminfo m = ViewVerbs.meminfo(files, session);
        ticksBefore = ticks;
        cpuBefore = cpuNow;
        before = now;
        return new Frame(new Top.Summary(now, load, delta.get(0), delta.subList(1, delta.size()), m), rows);
    }
}
