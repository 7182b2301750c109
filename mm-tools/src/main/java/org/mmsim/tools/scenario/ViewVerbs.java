package org.mmsim.tools.scenario;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.tools.proc.ProcFiles;
import org.mmsim.tools.view.Free;
import org.mmsim.tools.view.Meminfo;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.tools.machine.CpuTimes;
import org.mmsim.tools.view.Ps;
import org.mmsim.tools.view.SarPaging;
import org.mmsim.tools.view.Top;
import org.mmsim.tools.view.Vmstat;
import org.mmsim.tools.view.Uname;

/**
 * The troubleshooting tools a Linux user runs, over the simulated machine: procps's {@code free}, {@code vmstat},
 * {@code ps} and {@code top}, and sysstat's {@code sar -B}. Their options are parsed by picocli ({@link ToolOptions}).
 */
final class ViewVerbs {
    private ViewVerbs() {
    }

    static List<Verb> all(ProcFiles files) {
        return List.of(
                Verb.plain("sar", "sar -B [INTERVAL COUNT] (seconds of simulated time, such as sar -B 1 5; sar -B 0: "
                        + "since boot)", "paging rates over simulated time, as sysstat's sar -B prints them (with "
                        + "%vmeff)", ViewVerbs::sar),
                Verb.plain("free", "free [-b|-k|-m|-g|-h] [-w]",
                        "memory and swap in use and free, as procps's free prints them",
                        (line, usage) -> free(files, line, usage)),
                Verb.plain("vmstat", "vmstat [-a] [-S k|K|m|M] [-s] [DELAY COUNT] (DELAY in seconds of simulated time)",
                        "processes, memory, swap, I/O, interrupts and CPU, as procps's vmstat prints them",
                        (line, usage) -> vmstat(files, line, usage)),
                Verb.plain("ps", "ps [-e] -o FIELD,... (pid, ppid, uid, rss, vsz, maj_flt, min_flt, %mem, comm)",
                        "the tasks with the fields asked, as procps's ps prints them",
                        (line, usage) -> ps(files, line, usage)),
                Verb.plain("top", "top -b -n N [-d SECS] [-o %CPU|%MEM|RES|VIRT|TIME+|PID]",
                        "the summary and the task list, as procps's top prints its frames in batch mode",
                        (line, usage) -> top(files, line, usage)));
    }

    /** LIB_USLEEP: how long top waits between priming its counters and its first frame. */
    private static final long PRIMING_NANOS = 150_000_000L;

    /** {@code ps [-e] -o FIELD,...}: every task (there are no terminals, so -e changes nothing). */
    private static Step ps(ProcFiles files, ScenarioLine line, String usage) {
        PsOptions options = ToolOptions.parse(line, usage, new PsOptions());
        if (options.formats.isEmpty()) {
            throw line.error("'" + String.join(" ", line.words()) + "'; expected " + usage);
        }
        List<String> fields;
        try {
            fields = Ps.fields(String.join(",", options.formats));
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
        return session -> session.print(Ps.render(everyTask(session), fields,
                meminfo(files, session).get("MemTotal")));
    }

    /**
     * {@code top -b -n N [-d SECS] [-o FIELD]} (options may be clustered, {@code -bn1}): N frames in batch mode,
     * SECS of simulated time apart (3 by default, as procps). Each frame shows the CPU shares and each task's %CPU
     * over the interval since the one before; as top primes its counters and waits LIB_USLEEP (150 ms, src/top/top.h)
     * before its first frame, the first covers those 150 ms, which pass on the simulated machine too.
     */
    private static Step top(ProcFiles files, ScenarioLine line, String usage) {
        TopOptions options = ToolOptions.parse(line, usage, new TopOptions());
        List<String> words = line.words();
        if (!options.batch || options.frames == null) {
            throw line.error("'" + String.join(" ", words) + "'; expected " + usage
                    + " (without -b and -n, top runs on a terminal until q)");
        }
        int frames;
        long delayNanos;
        java.util.Comparator<Top.Task> order;
        try {
            frames = Integer.parseInt(options.frames);
            delayNanos = new java.math.BigDecimal(options.delay).movePointRight(9).longValueExact();
            order = Top.order(options.sortField);
        } catch (NumberFormatException | ArithmeticException e) {
            throw line.error("'" + String.join(" ", words) + "': -n takes a whole number of frames, -d seconds; "
                    + "expected " + usage);
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
        if (frames < 1 || delayNanos <= 0) {
            throw line.error("'" + String.join(" ", words) + "'; expected at least 1 frame (-n) and a delay above "
                    + "0 (-d)");
        }
        return session -> {
            StringBuilder text = new StringBuilder();
            long[] ticksBefore = vmstatSample(files, session).cpu();
            Map<Integer, Long> cpuBefore = new HashMap<>();
            for (TaskInfo t : everyTask(session)) {
                cpuBefore.put(t.pid(), session.machine().cpuTimes().taskTime(t.pid()));
            }
            long before = session.machine().clock().nanos();
            for (int frame = 0; frame < frames; frame++) {
                if (frame > 0) {
                    text.append('\n');
                }
                session.pass(frame == 0 ? PRIMING_NANOS : delayNanos);
                var machine = session.machine();
                Meminfo m = meminfo(files, session);
                long now = machine.clock().nanos();
                CpuTimes times = machine.cpuTimes();
                List<Top.Task> tasks = new java.util.ArrayList<>();
                Map<Integer, Long> cpuNow = new HashMap<>();
                for (TaskInfo t : everyTask(session)) {
                    long res = t.counters().rss() * 4;
                    long cpu = times.taskTime(t.pid());
                    cpuNow.put(t.pid(), cpu);
                    // top.c: %CPU = the task's ticks in the frame over the frame's elapsed time (Irix mode)
                    long since = Math.max(before, t.startNanos());
                    long used = cpu - cpuBefore.getOrDefault(t.pid(), 0L);
                    double share = now <= since ? 0 : 100.0 * used / (now - since);
                    tasks.add(t.kernelThread()
                            ? Top.Task.kernelThread(t.pid(), t.name(), times.state(t.pid()), share, cpu)
                            : new Top.Task(t.pid(), t.uid(), 0, false, t.counters().totalVm() * 4, res,
                                    (t.counters().rssFile() + t.counters().rssShmem()) * 4, times.state(t.pid()),
                                    share, 100.0 * res / Math.max(1, m.get("MemTotal")), cpu, t.name()));
                }
                long[] ticks = vmstatSample(files, session).cpu();
                long[] delta = new long[ticks.length];
                for (int i = 0; i < ticks.length; i++) {
                    delta[i] = ticks[i] - ticksBefore[i];
                }
                long[] load = {times.loadAverage(0), times.loadAverage(1), times.loadAverage(2)};
                text.append(Top.render(new Top.Summary(now, load, delta, m), tasks, order));
                ticksBefore = ticks;
                cpuBefore = cpuNow;
                before = now;
            }
            session.print(text.toString());
        };
    }

    /** The kernel threads and the processes, by pid, as ps and top find them in /proc. */
    private static List<TaskInfo> everyTask(Session session) {
        List<TaskInfo> all = new java.util.ArrayList<>(session.machine().processes().kernelThreads());
        all.addAll(session.machine().processes().tasks());
        all.sort(java.util.Comparator.comparingInt(TaskInfo::pid));
        return all;
    }

    /** What vmstat reads now: /proc/stat, /proc/vmstat and /proc/meminfo. */
    private static Vmstat.Sample vmstatSample(ProcFiles files, Session session) {
        return Vmstat.Sample.parse(files.render("/proc/stat", session.machine(), session.line()::error),
                files.render("/proc/vmstat", session.machine(), session.line()::error),
                files.render("/proc/meminfo", session.machine(), session.line()::error));
    }

    /**
     * {@code vmstat [-a] [-S k|K|m|M] [-s] [DELAY [COUNT]]}: the first line since boot, then COUNT − 1 lines each
     * after DELAY seconds of simulated time (the loops running). vmstat with a DELAY and no COUNT runs until
     * interrupted; a scenario must say how many.
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
        if (options.delay != null && options.count == null) {
            throw line.error("vmstat " + delay + " would run until interrupted; expected DELAY COUNT, such as vmstat "
                    + delay + " 5");
        }
        long count = options.count == null ? 1 : positive(line, options.count, usage);
        boolean a = options.active;
        boolean s = options.summary;
        return session -> {
            if (s) {
                session.print(Vmstat.summary(vmstatSample(files, session), u));
                return;
            }
            StringBuilder text = new StringBuilder(Vmstat.header(a));
            Vmstat.Sample last = vmstatSample(files, session);
            text.append(Vmstat.sinceBoot(last, u, a));
            for (long i = 1; i < count; i++) {
                session.pass(delay * 1_000_000_000L);
                Vmstat.Sample now = vmstatSample(files, session);
                text.append(Vmstat.interval(last, now, delay, u, a));
                last = now;
            }
            session.print(text.toString());
        };
    }

    /** /proc/meminfo as the machine shows it now, parsed as procps parses it. */
    private static Meminfo meminfo(ProcFiles files, Session session) {
        return Meminfo.parse(files.render("/proc/meminfo", session.machine(), session.line()::error));
    }

    /** {@code free [-b|-k|-m|-g|-h] [-w]}: the procps report. */
    private static Step free(ProcFiles files, ScenarioLine line, String usage) {
        FreeOptions options = ToolOptions.parse(line, usage, new FreeOptions());
        Free.Unit unit = options.unit;
        boolean wide = options.wide;
        return session -> session.print(Free.render(meminfo(files, session), unit, wide));
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
