package org.mmsim.tools.view;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.mmsim.tools.machine.CpuTimes;

/**
 * A frame of {@code top -b} (procps-ng 4's src/top/top.c): the summary — time, uptime, users and load average; tasks by
 * state; CPU shares; memory and swap in MiB (used = MemTotal − MemAvailable, buff/cache = Buffers + Cached +
 * SReclaimable, avail Mem = MemAvailable) — then the tasks on an 80-column screen: PID USER PR NI VIRT RES SHR S %CPU
 * %MEM TIME+ COMMAND, a name longer than its column cut with {@code +}. Tasks are sorted by %CPU, or by the field
 * {@code -o} names (%MEM, RES, VIRT, PID, TIME+), largest first, ties by pid.
 */
public final class Top {
    private static final int COMMAND_WIDTH = 10;

    /** A task as top shows it; a real-time one shows {@code rt} for its priority. */
    public record Task(int pid, int uid, int nice, boolean realtime, long virtKb, long resKb, long shrKb, char state,
                       double cpu, double mem, long cpuNanos, String command) {
        /**
         * A kernel thread's row: no memory; idle workqueue workers and RCU's threads in I (TASK_IDLE); the
         * high-priority and rescuer workers at nice -20, the stoppers (migration/N) and watchdogd at real-time
         * priority, as a 6.18 machine's top shows them.
         */
        public static Task kernelThread(int pid, String name, char state, double cpu, long cpuNanos) {
            boolean idle = name.startsWith("kworker/") || name.startsWith("rcu_");
            int nice = name.startsWith("kworker/R-") || name.matches("kworker/[0-9]+:[0-9]+H.*") ? -20 : 0;
            boolean realtime = name.startsWith("migration/") || name.equals("watchdogd");
            return new Task(pid, 0, nice, realtime, 0, 0, 0, idle && state == 'S' ? 'I' : state, cpu, 0, cpuNanos, name);
        }
    }

    /** The summary's inputs: {@code cpuTicks} are /proc/stat's cpu line over the frame (user nice system idle ...). */
    public record Summary(long nowNanos, long[] loadAverage, long[] cpuTicks, Meminfo meminfo) {
    }

    private Top() {
    }

    /**
     * The sort key {@code -o} names.
     *
     * @throws IllegalArgumentException for a field top does not sort by here
     */
    public static Comparator<Task> order(String field) {
        Comparator<Task> key;
        switch (field) {
            case "%CPU":
                key = Comparator.comparingDouble(Task::cpu);
                break;
            case "%MEM":
            case "RES":
                key = Comparator.comparingLong(Task::resKb);
                break;
            case "VIRT":
                key = Comparator.comparingLong(Task::virtKb);
                break;
            case "TIME+":
                key = Comparator.comparingLong(Task::cpuNanos);
                break;
            case "PID":
                return Comparator.comparingInt(Task::pid);
            default:
                throw new IllegalArgumentException("sort field '" + field + "'; expected %CPU, %MEM, RES, VIRT, TIME+ or PID");
        }
        return key.reversed().thenComparingInt(Task::pid);
    }

    /** The whole screen. */
    public static String render(Summary s, List<Task> tasks, Comparator<Task> order) {
        StringBuilder out = new StringBuilder();
        out.append(firstLine(Uname.clock24(s.nowNanos()), s.nowNanos(), CpuTimes.loadText(s.loadAverage()[0]),
                CpuTimes.loadText(s.loadAverage()[1]), CpuTimes.loadText(s.loadAverage()[2])));
        long running = tasks.stream().filter(t -> t.state() == 'R').count();
        out.append(String.format("Tasks:%4d total,%4d running,%4d sleeping,%4d stopped,%4d zombie%n", tasks.size(),
                running, tasks.size() - running, 0, 0));
        long[] c = s.cpuTicks();
        long total = c[0] + c[1] + c[2] + c[3] + c[4] + c[5] + c[6] + c[7];
        // top.c sum_tics(): a frame without a tick counts one idle tick, so it reads 100.0 id
        long idle = total < 1 ? 1 : c[3];
        double scale = 100.0 / Math.max(1, total);
        out.append(String.format(Locale.ROOT,
                "%%Cpu(s):%5.1f us,%5.1f sy,%5.1f ni,%5.1f id,%5.1f wa,%5.1f hi,%5.1f si,%5.1f st %n",
                c[0] * scale, c[2] * scale, c[1] * scale, idle * scale, c[4] * scale, c[5] * scale, c[6] * scale,
                c[7] * scale));
        Meminfo m = s.meminfo();
        out.append(String.format(Locale.ROOT, "MiB Mem :%9.1f total,%9.1f free,%9.1f used,%9.1f buff/cache     %n",
                mib(m.get("MemTotal")), mib(m.get("MemFree")), mib(m.used()), mib(m.get("Buffers") + m.cache())));
        out.append(String.format(Locale.ROOT, "MiB Swap:%9.1f total,%9.1f free,%9.1f used.%9.1f avail Mem %n%n",
                mib(m.get("SwapTotal")), mib(m.get("SwapFree")), mib(m.swapUsed()), mib(m.get("MemAvailable"))));
        out.append("  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n");
        List<Task> sorted = new ArrayList<>(tasks);
        sorted.sort(order);
        for (Task t : sorted) {
            out.append(String.format(Locale.ROOT, "%5d %-8s %3s %3d %7d %6d %6d %c %5.1f %5.1f %9s %s%n", t.pid(),
                    t.uid() == 0 ? "root" : Integer.toString(t.uid()), t.realtime() ? "rt" : Integer.toString(20 + t.nice()),
                    t.nice(), t.virtKb(), t.resKb(), t.shrKb(),
                    t.state(), t.cpu(), t.mem(), time(t.cpuNanos()), command(t.command())));
        }
        return out.toString();
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
