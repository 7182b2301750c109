package org.mmsim.tools.view;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The fields of {@code ps -o}, as procps-ng 4's format_array (src/ps/output.c) has them: each field's header, width,
 * alignment and value, read the way its {@code pr_*()} function prints it. CPU figures count in clock ticks (USER_HZ
 * = 100), as /proc/PID/stat gives them.
 */
final class PsColumns {
    /** How a field sits in its column: numbers right, text left, a user name left, a command line last and whole. */
    enum Align { RIGHT, LEFT, USER, UNLIMITED }

    /** A field: its header, its width (a wider value pushes the rest right), alignment, and value. */
    record Column(String header, int width, Align align, BiFunction<ProcTask, Ps.Moment, String> value) {
    }

    private static final long TICK_NANOS = 10_000_000L;
    private static final DateTimeFormatter HOUR_MINUTE = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter MONTH_DAY = DateTimeFormatter.ofPattern("MMMdd", Locale.US);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter CTIME_DAY = DateTimeFormatter.ofPattern("MMM dd", Locale.US);

    /** Every field by its name, in the order an error lists them; aliases share a column. */
    static final Map<String, Column> ALL = new LinkedHashMap<>();

    static {
        Column pid = new Column("PID", 5, Align.RIGHT, (t, m) -> Integer.toString(t.pid()));
        put(pid, "pid");
        put(new Column("PPID", 5, Align.RIGHT, (t, m) -> Integer.toString(t.ppid())), "ppid");
        put(new Column("UID", 5, Align.RIGHT, (t, m) -> Integer.toString(t.uid())), "uid");
        put(new Column("USER", 8, Align.USER, (t, m) -> t.user()), "user", "uname", "euser");
        put(new Column("%CPU", 4, Align.RIGHT, PsColumns::pcpu), "%cpu", "pcpu");
        put(new Column("%MEM", 4, Align.RIGHT, PsColumns::pmem), "%mem", "pmem");
        put(new Column("VSZ", 6, Align.RIGHT, (t, m) -> Long.toString(t.virtKb())), "vsz", "vsize");
        put(new Column("RSS", 5, Align.RIGHT, (t, m) -> Long.toString(t.resKb())), "rss", "rsz");
        put(new Column("TT", 8, Align.LEFT, (t, m) -> "?"), "tty");
        put(new Column("TTY", 8, Align.LEFT, (t, m) -> "?"), "tname", "tty8");
        put(new Column("STAT", 4, Align.LEFT, PsColumns::stat), "stat");
        put(new Column("S", 1, Align.LEFT, (t, m) -> String.valueOf(t.state())), "s", "state");
        put(new Column("START", 5, Align.RIGHT, PsColumns::stime), "start_time");
        put(new Column("STIME", 5, Align.RIGHT, PsColumns::stime), "stime");
        put(new Column("STARTED", 8, Align.RIGHT, PsColumns::started), "start");
        put(new Column("TIME", 8, Align.RIGHT, (t, m) -> days(cpuSeconds(t), true)), "time", "cputime");
        put(new Column("TIME", 6, Align.RIGHT, PsColumns::bsdtime), "bsdtime");
        put(new Column("ELAPSED", 11, Align.RIGHT, (t, m) -> days(elapsedTicks(t, m) / Ps.USER_HZ, false)), "etime");
        put(new Column("C", 2, Align.RIGHT, (t, m) -> String.format("%2d", Math.min(99, (long) utilization(t, m)))),
                "c");
        put(new Column("NI", 3, Align.RIGHT, (t, m) -> t.rtPriority() > 0 ? "-" : Integer.toString(t.nice())), "ni", "nice");
        put(new Column("MAJFL", 6, Align.RIGHT, (t, m) -> Long.toString(t.majFlt())), "maj_flt");
        put(new Column("MINFL", 6, Align.RIGHT, (t, m) -> Long.toString(t.minFlt())), "min_flt");
        put(new Column("MAJFLT", 6, Align.RIGHT, (t, m) -> Long.toString(t.majFlt())), "majflt");
        put(new Column("MINFLT", 6, Align.RIGHT, (t, m) -> Long.toString(t.minFlt())), "minflt");
        put(new Column("COMMAND", 15, Align.UNLIMITED, (t, m) -> t.name()), "comm", "ucomm");
        put(new Column("CMD", 15, Align.UNLIMITED, (t, m) -> t.name()), "ucmd");
        put(new Column("COMMAND", 27, Align.UNLIMITED, PsColumns::args), "args", "command");
        put(new Column("CMD", 27, Align.UNLIMITED, PsColumns::args), "cmd");
        // -f's first column: the user's name under the header UID.
        put(new Column("UID", 8, Align.USER, (t, m) -> t.user()), "uid_hack");
    }

    private PsColumns() {
    }

    private static void put(Column column, String... names) {
        for (String name : names) {
            ALL.put(name, column);
        }
    }

    /**
     * The command line: the name a program was run as (no arguments: a scenario gives none); a kernel thread's name
     * in brackets, as procps shows a task whose /proc/PID/cmdline is empty.
     */
    private static String args(ProcTask t, Ps.Moment m) {
        return t.kernelThread() ? "[" + t.name() + "]" : t.name();
    }

    /** pr_stat(): the state, then {@code <} high priority, {@code N} low, {@code L} locked pages, {@code s} session leader. */
    private static String stat(ProcTask t, Ps.Moment m) {
        StringBuilder s = new StringBuilder().append(t.state());
        s.append(t.nice() < 0 ? "<" : t.nice() > 0 ? "N" : "");
        s.append(t.lockedKb() > 0 ? "L" : "");
        s.append(t.sessionLeader() ? "s" : "");
        return s.toString();
    }

    /** The task's CPU ticks, utime + stime. */
    private static long ticks(ProcTask t) {
        return t.cpuNanos() / TICK_NANOS;
    }

    /** The ticks since the task started: the machine's uptime in ticks less its start_time. */
    private static long elapsedTicks(ProcTask t, Ps.Moment m) {
        return m.nowNanos() / TICK_NANOS - t.startNanos() / TICK_NANOS;
    }

    /**
     * library/pids.c's UTILIZATION: the CPU ticks × 100 (in single precision) over the ticks since it started, so the
     * share of one CPU over its whole life.
     */
    private static double utilization(ProcTask t, Ps.Moment m) {
        long elapsed = elapsedTicks(t, m);
        return elapsed <= 0 ? 0 : (double) ((float) ticks(t) * 100.0f) / elapsed;
    }

    /** pr_pcpu(): tenths of a percent, truncated; above 99.9 a whole number. */
    private static String pcpu(ProcTask t, Ps.Moment m) {
        long tenths = (long) (utilization(t, m) * 10);
        return tenths > 999 ? Long.toString(tenths / 10) : tenths / 10 + "." + tenths % 10;
    }

    /** pr_pmem(): permille of RSS over MemTotal, at most 99.9. */
    private static String pmem(ProcTask t, Ps.Moment m) {
        long permille = Math.min(999, m.memTotalKb() == 0 ? 0 : t.resKb() * 1000 / m.memTotalKb());
        return String.format("%2d.%d", permille / 10, permille % 10);
    }

    private static long cpuSeconds(ProcTask t) {
        return ticks(t) / Ps.USER_HZ;
    }

    /** pr_time() and pr_etime(): {@code [dd-]hh:mm:ss}; etime leaves out a zero day and hour. */
    private static String days(long seconds, boolean hours) {
        long days = seconds / 86_400;
        long h = seconds / 3600 % 24;
        String clock = String.format("%02d:%02d", seconds / 60 % 60, seconds % 60);
        if (!hours && days == 0 && h == 0) {
            return clock;
        }
        return (days > 0 ? days + "-" : "") + String.format("%02d:", h) + clock;
    }

    /** pr_bsdtime(): minutes:seconds of CPU time. */
    private static String bsdtime(ProcTask t, Ps.Moment m) {
        long s = cpuSeconds(t);
        return String.format("%3d:%02d", s / 60, s % 60);
    }

    /** A moment on the machine's wall clock to the second, as time(2) and boot_time() + start_time / Hertz give it. */
    private static LocalDateTime second(long nanos) {
        return Uname.wallClock(nanos / 1_000_000_000L * 1_000_000_000L);
    }

    /** pr_stime(): the time today, the month and day this year, or the year. */
    private static String stime(ProcTask t, Ps.Moment m) {
        LocalDateTime start = second(t.startNanos());
        LocalDateTime now = second(m.nowNanos());
        if (start.getYear() != now.getYear()) {
            return Integer.toString(start.getYear());
        }
        return start.getDayOfYear() != now.getDayOfYear() ? start.format(MONTH_DAY) : start.format(HOUR_MINUTE);
    }

    /** pr_start(): {@code HH:MM:SS} within a day, else {@code   Mon dd}. */
    private static String started(ProcTask t, Ps.Moment m) {
        LocalDateTime start = second(t.startNanos());
        boolean today = start.plusDays(1).isAfter(second(m.nowNanos()));
        return today ? start.format(CLOCK) : "  " + start.format(CTIME_DAY);
    }
}
