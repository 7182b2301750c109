package org.mmsim.tools.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mmsim.api.physical.PerfCounts;
import org.mmsim.spi.NearestName;

/**
 * {@code perf stat}'s report (tools/perf/builtin-stat.c, util/stat-display.c and util/stat-shadow.c): the
 * " Performance counter stats for 'CMD':" block, each count right-aligned in 18 columns with thousands separators, the
 * event's name, and the comment perf derives from the counts ("of all L1-dcache accesses", GHz, CPUs utilized, a
 * rate a second), then the seconds elapsed and the user and system time. The hardware events are perf's generic
 * ones as the machine's PMU would count them ({@link PerfCounts}); {@code branches} and {@code branch-misses}, which
 * the simulation has no notion of, are {@code <not supported>}, as perf says of a counter the PMU lacks, and so are
 * {@code instructions} unless a trace gives them (a lackey trace's instruction fetches).
 */
public final class PerfStat {
    /** The events perf counts without {@code -e}: its default set. */
    public static final List<String> DEFAULT_EVENTS = List.of("task-clock", "context-switches", "cpu-migrations",
            "page-faults", "cycles", "instructions", "branches", "branch-misses");
    /** Every event {@code -e} may name. */
    public static final List<String> EVENTS = List.of("task-clock", "context-switches", "cpu-migrations", "page-faults",
            "minor-faults", "major-faults", "cycles", "instructions", "branches", "branch-misses", "L1-dcache-loads",
            "L1-dcache-load-misses", "L1-dcache-stores", "LLC-loads", "LLC-load-misses", "dTLB-loads", "dTLB-load-misses",
            "xsnp_hitm");
    private static final List<String> UNSUPPORTED = List.of("branches", "branch-misses");
    /** The column perf's comments start in, and the width it pads a line with a comment to. */
    private static final int NAME_WIDTH = 33;
    private static final int LINE_WIDTH = 91;
    private static final int UNSUPPORTED_WIDTH = 84;

    /**
     * What was counted while the command ran.
     *
     * @param taskClockNanos the CPU time of the command (user and system)
     * @param contextSwitches context switches
     * @param migrations moves to another CPU
     * @param faults page faults, minor and major
     * @param majorFaults major faults
     * @param hardware the PMU's counts
     * @param instructions instructions retired, or -1 where nothing tells them
     * @param dtlbLoads data accesses the TLBs translated, or -1 where they are not counted (per task)
     * @param dtlbMisses those that missed both TLB levels and walked
     * @param elapsedNanos simulated time from start to end
     * @param userNanos user time
     * @param systemNanos system time
     */
    public record Sample(long taskClockNanos, long contextSwitches, long migrations, long faults, long majorFaults,
                         PerfCounts hardware, long instructions, long dtlbLoads, long dtlbMisses, long elapsedNanos, long userNanos,
                         long systemNanos) {
    }

    private PerfStat() {
    }

    /**
     * The events of an {@code -e} list: names separated by commas.
     *
     * @throws IllegalArgumentException for an unknown name, naming the nearest
     */
    public static List<String> events(String list) {
        List<String> events = new ArrayList<>();
        for (String name : list.split(",", -1)) {
            if (!EVENTS.contains(name)) {
                throw new IllegalArgumentException(NearestName.unknown("event", name, EVENTS));
            }
            events.add(name);
        }
        return events;
    }

    /** The events {@code ./mm trace --perf-stat} shows: the hardware's, then the faults. */
    public static final List<String> TRACE_EVENTS = List.of("cycles", "instructions", "L1-dcache-loads",
            "L1-dcache-load-misses", "L1-dcache-stores", "LLC-loads", "LLC-load-misses", "dTLB-loads", "dTLB-load-misses",
            "page-faults", "minor-faults", "major-faults");

    /** The report of {@code events} for {@code command}, with the user and system lines of a command perf ran. */
    public static String report(String command, List<String> events, Sample s) {
        return report("'" + command + "'", events, s, true);
    }

    /**
     * The report of {@code events} for what {@code target} names ({@code 'CMD'}, {@code process id '42'}), with the
     * user and system lines if perf ran the command itself ({@code forked}), not if it watched a running process.
     */
    public static String report(String target, List<String> events, Sample s, boolean forked) {
        StringBuilder out = new StringBuilder();
        out.append("\n Performance counter stats for ").append(target).append(":\n\n");
        for (String event : events) {
            out.append(line(event, s)).append('\n');
        }
        out.append('\n').append(seconds(s.elapsedNanos())).append(" seconds time elapsed\n");
        if (forked) {
            out.append('\n').append(seconds(s.userNanos())).append(" seconds user\n");
            out.append(seconds(s.systemNanos())).append(" seconds sys\n");
        }
        return out.toString();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%18.9f", nanos / 1e9);
    }

    private static String line(String event, Sample s) {
        if (UNSUPPORTED.contains(event) || event.equals("instructions") && s.instructions() < 0
                || event.startsWith("dTLB-") && s.dtlbLoads() < 0) {
            return pad(String.format(Locale.ROOT, "%18s      %s", "<not supported>", event), UNSUPPORTED_WIDTH);
        }
        if (event.equals("task-clock")) {
            double msec = s.taskClockNanos() / 1e6;
            String comment = s.elapsedNanos() == 0 ? ""
                    : String.format(Locale.ROOT, "# %8.3f CPUs utilized", (double) s.taskClockNanos() / s.elapsedNanos());
            return pad(String.format(Locale.ROOT, "%18.2f msec %-" + NAME_WIDTH + "s", msec, event) + comment, LINE_WIDTH);
        }
        PerfCounts h = s.hardware();
        long count;
        String comment;
        switch (event) {
            case "context-switches" -> {
                count = s.contextSwitches();
                comment = rate(count, s);
            }
            case "cpu-migrations" -> {
                count = s.migrations();
                comment = rate(count, s);
            }
            case "page-faults" -> {
                count = s.faults();
                comment = rate(count, s);
            }
            case "minor-faults" -> {
                count = s.faults() - s.majorFaults();
                comment = rate(count, s);
            }
            case "major-faults" -> {
                count = s.majorFaults();
                comment = rate(count, s);
            }
            case "cycles" -> {
                count = h.cycles();
                comment = s.taskClockNanos() == 0 ? ""
                        : String.format(Locale.ROOT, "# %8.3f GHz", (double) count / s.taskClockNanos());
            }
            case "instructions" -> {
                count = s.instructions();
                comment = h.cycles() == 0 ? "" : String.format(Locale.ROOT, "# %8.2f  insn per cycle",
                        (double) count / h.cycles());
            }
            case "L1-dcache-loads" -> {
                count = h.l1dLoads();
                comment = "";
            }
            case "L1-dcache-load-misses" -> {
                count = h.l1dLoadMisses();
                comment = share(count, h.l1dLoads(), "L1-dcache");
            }
            case "L1-dcache-stores" -> {
                count = h.l1dStores();
                comment = "";
            }
            case "LLC-loads" -> {
                count = h.llcLoads();
                comment = "";
            }
            case "LLC-load-misses" -> {
                count = h.llcLoadMisses();
                comment = share(count, h.llcLoads(), "LL-cache");
            }
            case "dTLB-loads" -> {
                count = s.dtlbLoads();
                comment = "";
            }
            case "dTLB-load-misses" -> {
                count = s.dtlbMisses();
                comment = share(count, s.dtlbLoads(), "dTLB cache");
            }
            case "xsnp_hitm" -> {
                count = h.transfers();
                comment = "";
            }
            default -> throw new IllegalArgumentException(NearestName.unknown("event", event, EVENTS));
        }
        return pad(String.format(Locale.ROOT, "%,18d      %-" + NAME_WIDTH + "s", count, event) + comment, LINE_WIDTH);
    }

    /** stat-shadow.c's miss ratios: {@code #   3.64% of all L1-dcache accesses}. */
    private static String share(long misses, long all, String what) {
        return all == 0 ? "" : String.format(Locale.ROOT, "# %7.2f%% of all %s accesses", 100.0 * misses / all, what);
    }

    /** A software event's rate over the task clock, as perf scales it: {@code #   81.427 K/sec}. */
    private static String rate(long count, Sample s) {
        if (s.taskClockNanos() == 0) {
            return "";
        }
        double perSecond = count * 1e9 / s.taskClockNanos();
        String unit = perSecond >= 1e9 ? "G/sec" : perSecond >= 1e6 ? "M/sec" : perSecond >= 1e3 ? "K/sec" : "/sec";
        double scaled = perSecond >= 1e9 ? perSecond / 1e9 : perSecond >= 1e6 ? perSecond / 1e6
                : perSecond >= 1e3 ? perSecond / 1e3 : perSecond;
        return String.format(Locale.ROOT, "# %8.3f %s", scaled, unit);
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
