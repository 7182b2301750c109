package org.mmsim.tools.scenario;

import java.util.List;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.tools.machine.CpuTimes;
import org.mmsim.tools.proc.ProcFiles;
import org.mmsim.tools.view.Free;
import org.mmsim.tools.view.Meminfo;
import org.mmsim.tools.view.ProcTask;
import org.mmsim.tools.view.SarPaging;
import org.mmsim.tools.view.Uname;
import org.mmsim.tools.view.Vmstat;

/**
 * The troubleshooting tools a Linux user runs, over the simulated machine: procps's {@code free}, {@code vmstat},
 * {@code ps} ({@link PsVerb}), {@code top} ({@link TopVerb}) and {@code watch} ({@link WatchVerb}), and sysstat's
 * {@code sar -B}. Their options are parsed by picocli ({@link ToolOptions}).
 */
final class ViewVerbs {
    static final String FREE_USAGE = "free [-b|-k|-m|-g|-h] [-w] [-s SECS] [-c COUNT] (free -m -s 1 -c 3: every second "
            + "of simulated time, 3 times; -s without -c, in ./mm shell, until Ctrl-C)";

    private ViewVerbs() {
    }

    static List<Verb> all(ProcFiles files) {
        return List.of(
                Verb.plain("sar", "sar -B [INTERVAL COUNT] (seconds of simulated time, such as sar -B 1 5; sar -B 0: "
                        + "since boot)", "paging rates over simulated time, as sysstat's sar -B prints them (with "
                        + "%vmeff)", ViewVerbs::sar),
                Verb.plain("free", FREE_USAGE, "memory and swap in use and free, as procps's free prints them",
                        (line, usage) -> free(files, line, usage)),
                Verb.plain("vmstat", "vmstat [-a] [-n] [-w] [-S k|K|m|M] [-s] [DELAY [COUNT]] (DELAY in seconds of "
                        + "simulated time; without COUNT, in ./mm shell, until Ctrl-C)",
                        "processes, memory, swap, I/O, interrupts and CPU, as procps's vmstat prints them",
                        (line, usage) -> vmstat(files, line, usage)),
                PsVerb.verb(files), TopVerb.verb(files), WatchVerb.verb(), PerfVerb.verb());
    }

    /** The kernel threads and the processes, by pid, as ps and top find them in /proc. */
    static List<ProcTask> everyTask(Session session) {
        List<TaskInfo> all = new java.util.ArrayList<>(session.machine().processes().kernelThreads());
        all.addAll(session.machine().processes().tasks());
        all.sort(java.util.Comparator.comparingInt(TaskInfo::pid));
        CpuTimes times = session.machine().cpuTimes();
        return all.stream().map(t -> ProcTask.of(t, times.state(t.pid()), times.taskTime(t.pid()))).toList();
    }

    /** A /proc file as the machine shows it now. */
    static String read(ProcFiles files, Session session, String path) {
        return files.render(path, session.machine(), session.line()::error);
    }

    /** What vmstat reads now: /proc/stat, /proc/vmstat and /proc/meminfo. */
    private static Vmstat.Sample vmstatSample(ProcFiles files, Session session) {
        return Vmstat.Sample.parse(read(files, session, "/proc/stat"), read(files, session, "/proc/vmstat"),
                read(files, session, "/proc/meminfo"));
    }

    /**
     * {@code vmstat [-a] [-n] [-w] [-S k|K|m|M] [-s] [DELAY [COUNT]]}: the first line since boot, then COUNT − 1 lines
     * each after DELAY seconds of simulated time (the loops running); the header again every screenful (21 lines on
     * a pipe, the terminal's height less 3), unless {@code -n}. vmstat with a DELAY and no COUNT runs until interrupted:
     * in the shell, until Ctrl-C; a scenario must say how many.
     */
    private static Step vmstat(ProcFiles files, ScenarioLine line, String usage) {
        VmstatOptions options = ToolOptions.parse(line, usage, new VmstatOptions());
        long u;
        try {
            u = options.unit == null ? 1024 : Vmstat.unit(options.unit);
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
        long delay = options.delay == null ? 0 : positive(line, options.delay, usage);
        long count = options.count != null ? positive(line, options.count, usage)
                : options.delay != null ? Reports.UNTIL_STOPPED : 1;
        Vmstat.Layout layout = new Vmstat.Layout(u, options.active, options.wide);
        boolean s = options.summary;
        boolean oneHeader = options.oneHeader;
        return session -> {
            if (s) {
                session.print(Vmstat.summary(vmstatSample(files, session), u));
                return;
            }
            if (count == Reports.UNTIL_STOPPED) {
                Reports.checkStoppable(session, "vmstat " + delay, "DELAY COUNT, such as vmstat " + delay + " 5");
            }
            // main(): height = winhi() - 3, winhi() being the terminal's rows or 24
            long height = session.tty().filter(Tty::isTerminal).map(t -> (long) t.rows()).orElse(24L) - 3;
            Vmstat.Sample[] last = {vmstatSample(files, session)};
            Reports.repeat(session, count, delay * 1_000_000_000L, i -> {
                if (i == 0) {
                    return Vmstat.header(layout) + Vmstat.sinceBoot(last[0], layout);
                }
                Vmstat.Sample now = vmstatSample(files, session);
                String text = (!oneHeader && i % height == 0 ? Vmstat.header(layout) : "")
                        + Vmstat.interval(last[0], now, delay, layout);
                last[0] = now;
                return text;
            });
        };
    }

    /** /proc/meminfo as the machine shows it now, parsed as procps parses it. */
    static Meminfo meminfo(ProcFiles files, Session session) {
        return Meminfo.parse(read(files, session, "/proc/meminfo"));
    }

    /**
     * {@code free [-b|-k|-m|-g|-h] [-w] [-s SECS] [-c COUNT]}: the procps report; with {@code -s} or {@code -c}, COUNT
     * reports SECS of simulated time apart (1 by default), a blank line between, as free prints them; {@code -s}
     * without {@code -c} runs until interrupted.
     */
    private static Step free(ProcFiles files, ScenarioLine line, String usage) {
        FreeOptions options = ToolOptions.parse(line, usage, new FreeOptions());
        Free.Unit unit = options.unit;
        boolean wide = options.wide;
        long delayNanos = 1_000_000_000L;
        if (options.seconds != null) {
            try {
                delayNanos = new java.math.BigDecimal(options.seconds).movePointRight(9).longValue();
            } catch (NumberFormatException e) {
                throw line.error("free -s '" + options.seconds + "'; expected a number of seconds, such as 1 or 0.5");
            }
            if (delayNanos <= 0) {
                // free.c: "seconds argument `%s' is not positive number"
                throw line.error("free -s '" + options.seconds + "' is not a positive number; expected " + usage);
            }
        }
        long count = options.count != null ? positive(line, options.count, usage)
                : options.seconds != null ? Reports.UNTIL_STOPPED : 1;
        long delay = delayNanos;
        return session -> {
            if (count == Reports.UNTIL_STOPPED) {
                Reports.checkStoppable(session, "free -s " + options.seconds, "-c COUNT, such as free -s "
                        + options.seconds + " -c 5");
            }
            Reports.repeat(session, count, delay,
                    i -> (i == 0 ? "" : "\n") + Free.render(meminfo(files, session), unit, wide));
        };
    }

    /**
     * {@code sar -B [INTERVAL [COUNT]]}, options and numbers in any order as sysstat takes them: COUNT intervals of
     * INTERVAL seconds of simulated time, the loops running, one line of paging rates each, then their average.
     * INTERVAL 0 prints the averages since boot, one line. Without INTERVAL sar reads the day's data file, which
     * nothing collects here (sysstat's collection is off, as it is on a fresh Debian install), so it says what sar
     * says then. sar with an INTERVAL and no COUNT runs until interrupted; a scenario must say how many.
     */
    private static Step sar(ScenarioLine line, String usage) {
        SarOptions options = ToolOptions.parse(line, usage, new SarOptions());
        for (String number : java.util.Arrays.asList(options.interval, options.count)) {
            // picocli takes -1 for a number; sar takes every word that starts with a dash for an option.
            if (number != null && number.startsWith("-")) {
                throw line.error("'" + number + "'; expected " + usage);
            }
        }
        if (!options.paging) {
            throw line.error("'" + String.join(" ", line.words()) + "' reports no paging; expected " + usage);
        }
        if (options.interval == null) {
            return session -> session.print(String.format("Cannot open /var/log/sysstat/sa%s: No such file or "
                    + "directory%nPlease check if data collecting is enabled%n",
                    Uname.date(session.machine().clock().nanos()).substring(3, 5)));
        }
        int interval = number(line, options.interval, "INTERVAL", 0);
        if (interval == 0) {
            return session -> {
                SarPaging.Sample now = SarPaging.Sample.of(session.machine());
                session.print(SarPaging.banner(session.machine()) + SarPaging.header(now.nanos())
                        + SarPaging.line(Uname.clock(now.nanos()), SarPaging.Sample.BOOT, now));
            };
        }
        if (options.count == null) {
            throw line.error("sar -B " + interval + " would run until interrupted; expected INTERVAL COUNT, such as "
                    + "sar -B " + interval + " 5");
        }
        int count = number(line, options.count, "COUNT", 1);
        return session -> {
            StringBuilder text = new StringBuilder(SarPaging.banner(session.machine()));
            SarPaging.Sample first = SarPaging.Sample.of(session.machine());
            text.append(SarPaging.header(first.nanos()));
            SarPaging.Sample last = first;
            for (int i = 0; i < count; i++) {
                session.pass(interval * 1_000_000_000L);
                SarPaging.Sample now = SarPaging.Sample.of(session.machine());
                text.append(SarPaging.line(Uname.clock(now.nanos()), last, now));
                last = now;
            }
            text.append(SarPaging.line("Average:", first, last));
            session.print(text.toString());
        };
    }

    private static int number(ScenarioLine line, String word, String what, int least) {
        try {
            int value = Integer.parseInt(word);
            if (value >= least) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw line.error(what + " '" + word + "'; expected a whole number from " + least
                + (what.equals("INTERVAL") ? " (seconds)" : ""));
    }

    /** A vmstat DELAY or COUNT: a whole number above 0. */
    private static long positive(ScenarioLine line, String word, String usage) {
        if (word.matches("[0-9]{1,18}") && Long.parseLong(word) > 0) {
            return Long.parseLong(word);
        }
        throw line.error("'" + word + "'; expected " + usage);
    }
}
