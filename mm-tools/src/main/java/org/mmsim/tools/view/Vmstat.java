package org.mmsim.tools.view;

/**
 * {@code vmstat} (procps-ng 4's src/vmstat.c), from the texts of /proc/stat, /proc/vmstat and /proc/meminfo as it
 * reads them: procs (r b: procs_running, procs_blocked), memory in KiB or the {@code -S} unit (swpd = SwapTotal −
 * SwapFree, free, buff, cache = Cached + SReclaimable; with {@code -a} inact and active), swap (si so: pages swapped
 * in and out as the unit per second), io (bi bo: pgpgin and pgpgout, KiB per second), system (in cs: interrupts and
 * context switches per second) and cpu (us sy id wa st: shares of the ticks, user with nice, system with irq and
 * softirq; {@code -w} widens the columns and adds gu, guest time). The first line is since boot, with vmstat's own
 * arithmetic: a count since boot times USER_HZ over the ticks of all CPUs; the next lines are over each delay.
 * {@code -s} prints the counters as a list.
 */
public final class Vmstat {
    private static final long USER_HZ = 100;
    private static final long PAGE_KB = 4;
    /** new_format()'s format and wide_format (src/vmstat.c, procps-ng 4.0.2): the narrow one leaves gu out. */
    private static final String NARROW = "%2d %2d %6d %6d %6d %6d %4d %4d %5d %5d %4d %4d %2d %2d %2d %2d %2d%n";
    private static final String WIDE = "%4d %4d %12d %12d %12d %12d %4d %4d %5d %5d %4d %4d %3d %3d %3d %3d %3d %3d%n";

    /** What vmstat reads at one moment. */
    public record Sample(long[] cpu, long interrupts, long contextSwitches, long bootTime, long forks, long running,
                         long blocked, long pgpgin, long pgpgout, long pswpin, long pswpout, Meminfo meminfo) {
        /** Parses the three files' texts. */
        public static Sample parse(String stat, String vmstat, String meminfo) {
            long[] cpu = new long[10];
            java.util.Map<String, Long> s = new java.util.HashMap<>();
            for (String line : stat.split("\n")) {
                String[] w = line.trim().split(" +");
                if (w[0].equals("cpu")) {
                    for (int i = 0; i < cpu.length && i + 1 < w.length; i++) {
                        cpu[i] = Long.parseLong(w[i + 1]);
                    }
                } else if (w.length >= 2 && !w[0].startsWith("cpu")) {
                    s.put(w[0], Long.parseLong(w[1]));
                }
            }
            java.util.Map<String, Long> v = new java.util.HashMap<>();
            for (String line : vmstat.split("\n")) {
                String[] w = line.split(" ");
                if (w.length == 2) {
                    v.put(w[0], Long.parseLong(w[1]));
                }
            }
            return new Sample(cpu, s.getOrDefault("intr", 0L), s.getOrDefault("ctxt", 0L), s.getOrDefault("btime", 0L),
                    s.getOrDefault("processes", 0L), s.getOrDefault("procs_running", 0L),
                    s.getOrDefault("procs_blocked", 0L), v.getOrDefault("pgpgin", 0L), v.getOrDefault("pgpgout", 0L),
                    v.getOrDefault("pswpin", 0L), v.getOrDefault("pswpout", 0L), Meminfo.parse(meminfo));
        }

        long use() {
            return cpu[0] + cpu[1];
        }

        long sys() {
            return cpu[2] + cpu[5] + cpu[6];
        }
    }

    private Vmstat() {
    }

    /**
     * The {@code -S} unit's bytes: {@code k} 1000, {@code K} 1024 (the default), {@code m} 1000000, {@code M} 1048576.
     *
     * @throws IllegalArgumentException for another letter, with vmstat's own message
     */
    public static long unit(String letter) {
        switch (letter) {
            case "k":
                return 1000;
            case "K":
                return 1024;
            case "m":
                return 1000_000;
            case "M":
                return 1 << 20;
            default:
                throw new IllegalArgumentException("-S requires k, K, m or M (default is KiB)");
        }
    }

    /**
     * How the lines are laid out: memory in {@code unit} bytes ({@code -S}), inact and active in place of buff and
     * cache ({@code -a}), and the wide columns of {@code -w}, which add gu (guest time).
     */
    public record Layout(long unit, boolean active, boolean wide) {
    }

    /** new_header(): the two heading lines. */
    public static String header(Layout layout) {
        String format = layout.wide() ? WIDE : NARROW;
        return (layout.wide()
                ? "--procs-- -----------------------memory---------------------- ---swap-- -----io---- -system-- "
                        + "----------cpu----------"
                : "procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----") + "\n"
                + String.format(format.replace('d', 's'), "r", "b", "swpd", "free", layout.active() ? "inact" : "buff",
                        layout.active() ? "active" : "cache", "si", "so", "bi", "bo", "in", "cs", "us", "sy", "id", "wa",
                        "st", "gu");
    }

    /** The first line: averages since boot, as vmstat computes them. */
    public static String sinceBoot(Sample s, Layout layout) {
        long div = s.use() + s.sys() + s.cpu[3] + s.cpu[4] + s.cpu[7];
        long idle = s.cpu[3];
        if (div == 0) {
            div = 1;
            idle = 1;
        }
        long half = div / 2;
        long unit = layout.unit();
        return line(s, layout,
                (convert(s.pswpin * PAGE_KB, unit) * USER_HZ + half) / div,
                (convert(s.pswpout * PAGE_KB, unit) * USER_HZ + half) / div,
                (s.pgpgin * USER_HZ + half) / div, (s.pgpgout * USER_HZ + half) / div,
                (s.interrupts * USER_HZ + half) / div, (s.contextSwitches * USER_HZ + half) / div,
                (100 * s.use() + half) / div, (100 * s.sys() + half) / div, (100 * idle + half) / div,
                (100 * s.cpu[4] + half) / div, (100 * s.cpu[7] + half) / div);
    }

    /** A line over {@code seconds} from {@code from} to {@code to}. */
    public static String interval(Sample from, Sample to, long seconds, Layout layout) {
        long use = to.use() - from.use();
        long sys = to.sys() - from.sys();
        long idle = to.cpu[3] - from.cpu[3];
        long iowait = to.cpu[4] - from.cpu[4];
        long steal = to.cpu[7] - from.cpu[7];
        long div = use + sys + idle + iowait + steal;
        if (div == 0) {
            div = 1;
            idle = 1;
        }
        long half = div / 2;
        long secHalf = seconds / 2;
        long unit = layout.unit();
        return line(to, layout,
                (convert((to.pswpin - from.pswpin) * PAGE_KB, unit) + secHalf) / seconds,
                (convert((to.pswpout - from.pswpout) * PAGE_KB, unit) + secHalf) / seconds,
                (to.pgpgin - from.pgpgin + secHalf) / seconds, (to.pgpgout - from.pgpgout + secHalf) / seconds,
                (to.interrupts - from.interrupts + secHalf) / seconds,
                (to.contextSwitches - from.contextSwitches + secHalf) / seconds,
                (100 * use + half) / div, (100 * sys + half) / div, (100 * idle + half) / div,
                (100 * iowait + half) / div, (100 * steal + half) / div);
    }

    /** A line of figures; the machine runs no guests, so gu, which only {@code -w} shows, is 0. */
    private static String line(Sample s, Layout layout, long si, long so, long bi, long bo, long in, long cs, long us,
                               long sy, long id, long wa, long st) {
        Meminfo m = s.meminfo;
        long unit = layout.unit();
        long third = layout.active() ? m.get("Inactive") : m.get("Buffers");
        long fourth = layout.active() ? m.get("Active") : m.cache();
        return String.format(layout.wide() ? WIDE : NARROW, s.running, s.blocked, convert(m.swapUsed(), unit),
                convert(m.get("MemFree"), unit), convert(third, unit), convert(fourth, unit), si, so, bi, bo, in, cs,
                us, sy, id, wa, st, 0);
    }

    /** {@code vmstat -s}. */
    public static String summary(Sample s, long unit) {
        Meminfo m = s.meminfo;
        String u = unit == 1024 ? "K" : unit == 1000 ? "k" : unit == 1000_000 ? "m" : "M";
        StringBuilder out = new StringBuilder();
        String[][] memory = {{"MemTotal", "total memory"}, {null, "used memory"}, {"Active", "active memory"},
            {"Inactive", "inactive memory"}, {"MemFree", "free memory"}, {"Buffers", "buffer memory"},
            {null, "swap cache"}, {"SwapTotal", "total swap"}, {null, "used swap"}, {"SwapFree", "free swap"}};
        for (String[] row : memory) {
            long kb = row[0] != null ? m.get(row[0])
                    : row[1].equals("used memory") ? m.used() : row[1].equals("swap cache") ? m.cache() : m.swapUsed();
            out.append(String.format("%13d %s %s%n", convert(kb, unit), u, row[1]));
        }
        String[] ticks = {"non-nice user cpu ticks", "nice user cpu ticks", "system cpu ticks", "idle cpu ticks",
            "IO-wait cpu ticks", "IRQ cpu ticks", "softirq cpu ticks", "stolen cpu ticks", "non-nice guest cpu ticks",
            "nice guest cpu ticks"};
        for (int i = 0; i < ticks.length; i++) {
            out.append(String.format("%13d %s%n", s.cpu[i], ticks[i]));
        }
        out.append(String.format("%13d K paged in%n%13d K paged out%n", s.pgpgin, s.pgpgout));
        out.append(String.format("%13d pages swapped in%n%13d pages swapped out%n", s.pswpin, s.pswpout));
        out.append(String.format("%13d interrupts%n%13d CPU context switches%n", s.interrupts, s.contextSwitches));
        out.append(String.format("%13d boot time%n%13d forks%n", s.bootTime, s.forks));
        return out.toString();
    }

    /** procps's unitConvert(): KiB into the unit, truncated, in its single-precision arithmetic. */
    private static long convert(long kb, long unit) {
        return (long) ((float) kb / (float) unit * 1024f);
    }
}
