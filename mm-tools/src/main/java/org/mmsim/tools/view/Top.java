package org.mmsim.tools.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import org.mmsim.tools.machine.CpuTimes;

/**
 * A frame of {@code top} (procps-ng 4's src/top/top.c): the summary — time, uptime, users and load average; tasks by
 * state; CPU shares, of all CPUs or (toggled by {@code 1}) of each; memory and swap in MiB (used = MemTotal −
 * MemAvailable, buff/cache = Buffers + Cached + SReclaimable, avail Mem = MemAvailable) — then the tasks on an
 * 80-column screen: PID USER PR NI VIRT RES SHR S %CPU %MEM TIME+ COMMAND, a name longer than its column cut with
 * {@code +}, sorted by a {@link TopField}.
 */
public final class Top {
    private static final int COMMAND_WIDTH = 10;

    /** A task in a frame, with its share of a CPU over the frame's interval. */
    public record Row(ProcTask task, double cpu) {
    }

    /**
     * The summary's inputs: {@code cpuTicks} are /proc/stat's cpu line over the frame (user nice system idle ...),
     * {@code perCpuTicks} each cpuN line's.
     */
    public record Summary(long nowNanos, long[] loadAverage, long[] cpuTicks, List<long[]> perCpuTicks, Meminfo meminfo) {
    }

    /**
     * How the task list is shown: sorted by {@code sort} (highest first unless {@code lowestFirst}), the CPUs one by
     * one or together, and only the tasks of user {@code uid} if it is given ({@code -u}, {@code U}).
     */
    public record View(TopField sort, boolean lowestFirst, boolean perCpu, OptionalInt uid) {
        /** The same view sorted by {@code field}, highest first. */
        public View sortedBy(TopField field) {
            return new View(field, false, perCpu, uid);
        }

        /** The same view with the CPUs' lines toggled. */
        public View togglePerCpu() {
            return new View(sort, lowestFirst, !perCpu, uid);
        }
    }

    private Top() {
    }

    /** The ticks of /proc/stat's cpu line, then of each cpuN line (user nice system idle iowait irq softirq steal ...). */
    public static List<long[]> cpuLines(String procStat) {
        List<long[]> lines = new ArrayList<>();
        for (String line : procStat.split("\n")) {
            String[] w = line.trim().split(" +");
            if (w[0].startsWith("cpu")) {
                long[] ticks = new long[w.length - 1];
                for (int i = 0; i < ticks.length; i++) {
                    ticks[i] = Long.parseLong(w[i + 1]);
                }
                lines.add(ticks);
            }
        }
        return lines;
    }

    /** The priority /proc/PID/stat gives: 20 + nice for a normal task, -1 less its priority for a real-time one. */
    static int priority(ProcTask t) {
        return t.rtPriority() > 0 ? -1 - t.rtPriority() : 20 + t.nice();
    }

    /** The whole screen: every one of {@code rows} counts in the Tasks line; the view's user's are listed. */
    public static String render(Summary s, List<Row> rows, View view) {
        StringBuilder out = new StringBuilder();
        out.append(firstLine(Uname.clock24(s.nowNanos()), s.nowNanos(), CpuTimes.loadText(s.loadAverage()[0]),
                CpuTimes.loadText(s.loadAverage()[1]), CpuTimes.loadText(s.loadAverage()[2])));
        long running = rows.stream().filter(r -> r.task().state() == 'R').count();
        out.append(String.format("Tasks:%4d total,%4d running,%4d sleeping,%4d stopped,%4d zombie%n", rows.size(),
                running, rows.size() - running, 0, 0));
        if (view.perCpu()) {
            for (int cpu = 0; cpu < s.perCpuTicks().size(); cpu++) {
                // WORD_eachcpu_fmt, "%%Cp%c%-3d:" (src/top/top_nls.c)
                out.append(cpuLine(String.format("%%Cpu%-3d:", cpu), s.perCpuTicks().get(cpu)));
            }
        } else {
            out.append(cpuLine("%Cpu(s):", s.cpuTicks()));
        }
        Meminfo m = s.meminfo();
        out.append(String.format(Locale.ROOT, "MiB Mem :%9.1f total,%9.1f free,%9.1f used,%9.1f buff/cache     %n",
                mib(m.get("MemTotal")), mib(m.get("MemFree")), mib(m.used()), mib(m.get("Buffers") + m.cache())));
        out.append(String.format(Locale.ROOT, "MiB Swap:%9.1f total,%9.1f free,%9.1f used.%9.1f avail Mem %n%n",
                mib(m.get("SwapTotal")), mib(m.get("SwapFree")), mib(m.swapUsed()), mib(m.get("MemAvailable"))));
        out.append("  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n");
        List<Row> sorted = new ArrayList<>(rows);
        sorted.removeIf(r -> view.uid().isPresent() && r.task().uid() != view.uid().getAsInt());
        sorted.sort(view.sort().order(view.lowestFirst()));
        long memTotal = Math.max(1, m.get("MemTotal"));
        for (Row r : sorted) {
            ProcTask t = r.task();
            int priority = priority(t);
            out.append(String.format(Locale.ROOT, "%5d %-8s %3s %3d %7d %6d %6d %c %5.1f %5.1f %9s %s%n", t.pid(),
                    t.user(), priority < -99 ? "rt" : Integer.toString(priority), t.nice(), t.virtKb(), t.resKb(),
                    t.shrKb(), t.state(), r.cpu(), 100.0 * t.resKb() / memTotal, time(t.cpuNanos()),
                    command(t.name())));
        }
        return out.toString();
    }

    /** A CPU line: the shares of the ticks {@code c} (user nice system idle iowait irq softirq steal). */
    private static String cpuLine(String label, long[] c) {
        long total = c[0] + c[1] + c[2] + c[3] + c[4] + c[5] + c[6] + c[7];
        // top.c sum_tics(): a frame without a tick counts one idle tick, so it reads 100.0 id
        long idle = total < 1 ? 1 : c[3];
        double scale = 100.0 / Math.max(1, total);
        return String.format(Locale.ROOT, "%s%5.1f us,%5.1f sy,%5.1f ni,%5.1f id,%5.1f wa,%5.1f hi,%5.1f si,%5.1f st %n",
                label, c[0] * scale, c[2] * scale, c[1] * scale, idle * scale, c[4] * scale, c[5] * scale, c[6] * scale,
                c[7] * scale);
    }

    /** The first line: the time, the uptime, no users logged in, the load averages. */
    static String firstLine(String clock, long uptimeNanos, String load1, String load5, String load15) {
        return String.format("top - %s up %s, %2d user,  load average: %s, %s, %s%n", clock, uptime(uptimeNanos), 0,
                load1, load5, load15);
    }

    /** sprint_uptime(): {@code 5 min}, {@code  1:04}, {@code 2 days,  3:05}. */
    static String uptime(long nanos) {
        long minutes = nanos / 60_000_000_000L;
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        String day = days == 0 ? "" : days + (days == 1 ? " day, " : " days, ");
        return day + (hours == 0 ? (minutes % 60) + " min" : String.format("%2d:%02d", hours, minutes % 60));
    }

    private static double mib(long kb) {
        return kb / 1024.0;
    }

    /** TIME+: minutes:seconds.hundredths. */
    static String time(long nanos) {
        long hundredths = nanos / 10_000_000;
        return String.format("%d:%02d.%02d", hundredths / 6000, hundredths / 100 % 60, hundredths % 100);
    }

    private static String command(String name) {
        return name.length() > COMMAND_WIDTH ? name.substring(0, COMMAND_WIDTH - 1) + "+" : name;
    }
}
