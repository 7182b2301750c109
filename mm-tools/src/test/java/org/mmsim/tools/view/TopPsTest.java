package org.mmsim.tools.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.tools.proc.LinuxSamples;

/**
 * top's and ps's layouts against the real machine of linux-6.18-samples: with the sample's figures (its meminfo at
 * that moment, its tasks' memory, nice, start and CPU time) every line comes back byte for byte.
 */
class TopPsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final Meminfo SAMPLE_MEMORY = Meminfo.parse("MemTotal: 24684084 kB");
    private static final Top.View BY_CPU = new Top.View(TopField.CPU, false, false, OptionalInt.empty());

    /** A kernel thread as the machine's accounting gives it: sleeping, with {@code cpuNanos} of CPU time. */
    private static ProcTask kernelThread(int pid, String name, long cpuNanos) {
        return ProcTask.of(new TaskInfo(pid, 2, name, 0, 0, 0, 0, 0, MmCounters.NONE), 'S', cpuNanos);
    }

    /**
     * A program of the samples: {@code hog 50} and {@code hog 120}, the command line its name (a scenario's programs
     * take no arguments), started from a shell (so no session leader).
     */
    private static ProcTask hog(int pid, String command, long startNanos, long cpuNanos, long vsz, long rss, long shr) {
        return new ProcTask(pid, 2619, 0, command, false, false, 0, 0, 'S', startNanos, cpuNanos, vsz, rss, shr, 0, 0, 0);
    }

    @Test
    void topsSummaryAndTaskLines() {
        List<String> sample = LinuxSamples.lines("top-b.txt");
        assertEquals(sample.get(0) + "\n", Top.firstLine("22:02:22", 64 * MINUTE + 5 * SECOND, "0.00", "0.00", "0.00"));
        Meminfo m = Meminfo.parse(String.join("\n", "MemTotal: 24684084 kB", "MemFree: 24567000 kB",
                "MemAvailable: 24462490 kB", "Buffers: 1072 kB", "Cached: 22443 kB", "SReclaimable: 13656 kB",
                "SwapTotal: 0 kB", "SwapFree: 0 kB"));
        List<Top.Row> rows = new ArrayList<>();
        rows.add(new Top.Row(new ProcTask(1, 0, 0, "process_api", false, true, -10, 0, 'R', 0, 10_800_000_000L, 44840,
                14392, 6464, 0, 0, 0), 0));
        for (int pid = 2; pid <= 74; pid++) {
            rows.add(new Top.Row(kernelThread(pid, "k", 0), 0));
        }
        String screen = Top.render(new Top.Summary(0, new long[3], new long[] {0, 0, 100, 0, 0, 0, 0, 0, 0, 0},
                List.of(), m), rows, BY_CPU);
        List<String> lines = List.of(screen.split("\n", -1));
        for (int i = 1; i <= 6; i++) {
            assertEquals(sample.get(i), lines.get(i), "line " + (i + 1));
        }
        // The sample's pid 1 slept at that moment (S); its row otherwise comes back whole.
        assertEquals(sample.get(7), lines.get(7).replace(" R ", " S "));
    }

    /** The sample's kernel threads, named as its ps names them, with its CPU times: priority, nice and state agree. */
    @Test
    void kernelThreadRowsAsTheSamplesTop() {
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        for (String row : LinuxSamples.lines("ps.txt").subList(1, LinuxSamples.lines("ps.txt").size())) {
            String[] words = row.trim().split(" +");
            names.put(Integer.parseInt(words[0]), words[words.length - 1]);
        }
        List<String> sample = LinuxSamples.lines("top-b.txt");
        for (String row : sample.subList(8, sample.size())) {
            String[] words = row.trim().split(" +");
            int pid = Integer.parseInt(words[0]);
            String[] time = words[10].split("[:.]");
            long nanos = (Long.parseLong(time[0]) * 60 + Long.parseLong(time[1])) * SECOND
                    + Long.parseLong(time[2]) * 10_000_000L;
            String screen = Top.render(new Top.Summary(0, new long[3], new long[10], List.of(), SAMPLE_MEMORY),
                    List.of(new Top.Row(kernelThread(pid, names.get(pid), nanos), 0)), BY_CPU);
            assertEquals(row, screen.split("\n")[7], names.get(pid));
        }
    }

    /** {@code top -b -n1 -p 2620,2621}: only those tasks are read, so the Tasks line counts two. */
    @Test
    void topOfTwoTasks() {
        List<String> sample = LinuxSamples.lines("top-b-p.txt");
        Meminfo m = Meminfo.parse(String.join("\n", "MemTotal: 24683725 kB", "MemFree: 22935552 kB",
                "MemAvailable: 24006246 kB", "Buffers: 1354342 kB", "SwapTotal: 0 kB", "SwapFree: 0 kB"));
        long now = (15 * 60 + 58) * MINUTE + 38 * SECOND;
        List<Top.Row> rows = List.of(new Top.Row(hog(2620, "hog", 0, 160_000_000L, 53680, 52488, 1192), 0),
                new Top.Row(hog(2621, "hog", 0, 350_000_000L, 125360, 124068, 1092), 0));
        String screen = Top.render(new Top.Summary(now, new long[3], new long[] {100, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                List.of(), m), rows, BY_CPU);
        assertEquals(sample.subList(1, sample.size()), List.of(screen.split("\n")).subList(1, sample.size()));
    }

    /** With {@code 1}, a line per CPU (WORD_eachcpu_fmt) in place of %Cpu(s). */
    @Test
    void eachCpusLine() {
        String screen = Top.render(new Top.Summary(0, new long[3], new long[] {50, 0, 0, 150, 0, 0, 0, 0},
                List.of(new long[] {50, 0, 0, 50, 0, 0, 0, 0}, new long[] {0, 0, 0, 100, 0, 0, 0, 0}), SAMPLE_MEMORY),
                List.of(), BY_CPU.togglePerCpu());
        assertEquals(List.of(
                "%Cpu0  : 50.0 us,  0.0 sy,  0.0 ni, 50.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st ",
                "%Cpu1  :  0.0 us,  0.0 sy,  0.0 ni,100.0 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st "),
                List.of(screen.split("\n")).subList(2, 4));
    }

    /** -o's fields sort highest first, {@code -FIELD} lowest first, ties in pid order; -u lists one user's tasks. */
    @Test
    void sortFieldsAndUser() {
        List<Top.Row> rows = List.of(new Top.Row(kernelThread(2, "kthreadd", 0), 0),
                new Top.Row(kernelThread(15, "migration/0", 0), 0), new Top.Row(kernelThread(35, "watchdogd", 0), 0),
                new Top.Row(new ProcTask(40, 1, 1000, "web", false, true, 0, 0, 'R', 0, 0, 100, 50, 0, 0, 0, 0), 3.5));
        assertEquals(List.of(40, 2, 15, 35), pids(rows, TopField.named("%CPU"), false, OptionalInt.empty()));
        assertEquals(List.of(40, 35, 15, 2), pids(rows, TopField.named("PID"), false, OptionalInt.empty()));
        assertEquals(List.of(2, 15, 35, 40), pids(rows, TopField.named("-PID"), true, OptionalInt.empty()));
        assertEquals(List.of(40, 35, 15, 2), pids(rows, TopField.named("COMMAND"), false, OptionalInt.empty()));
        // PR: 20 for a normal task, -51 for watchdogd (real-time 50), rt for the stoppers (99)
        assertEquals(List.of(2, 40, 35, 15), pids(rows, TopField.named("+PR"), false, OptionalInt.empty()));
        assertEquals(List.of(40), pids(rows, TopField.named("%CPU"), false, OptionalInt.of(1000)));
        assertEquals("sort field 'FOO'; expected one of PID, USER, PR, NI, VIRT, RES, SHR, S, %CPU, %MEM, TIME+, "
                + "COMMAND, with + or - before it for highest or lowest first",
                assertThrows(IllegalArgumentException.class, () -> TopField.named("FOO")).getMessage());
    }

    private static List<Integer> pids(List<Top.Row> rows, TopField field, boolean lowestFirst, OptionalInt uid) {
        String screen = Top.render(new Top.Summary(0, new long[3], new long[10], List.of(), SAMPLE_MEMORY), rows,
                new Top.View(field, lowestFirst, false, uid));
        return screen.lines().skip(7).map(l -> Integer.parseInt(l.trim().split(" +")[0])).toList();
    }

    @Test
    void uptimeAsTopPrintsIt() {
        assertEquals("0 min", Top.uptime(0));
        assertEquals("59 min", Top.uptime(59 * MINUTE));
        assertEquals(" 1:04", Top.uptime(64 * MINUTE));
        assertEquals("1 day, 0 min", Top.uptime(24 * 60 * MINUTE));
        assertEquals("2 days,  3:05", Top.uptime((2 * 24 * 60 + 185) * MINUTE));
        assertEquals("0:10.80", Top.time(10_800_000_000L));
    }

    @Test
    void psColumns() {
        List<String> sample = LinuxSamples.lines("ps.txt");
        MmCounters first = new MmCounters(44840 / 4, 0, 0, 0, 0, 14392 / 4, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        List<ProcTask> tasks = List.of(ProcTask.of(new TaskInfo(1, 0, "process_api", 0, 0, 0, 55727, 0, first), 'S', 0),
                kernelThread(2, "kthreadd", 0), kernelThread(6, "kworker/R-kvfree_rcu_reclaim", 0));
        List<String> lines = List.of(Ps.render(tasks, Ps.fields("pid,rss,vsz,maj_flt,min_flt,comm"),
                new Ps.Moment(0, 24684084)).split("\n"));
        assertEquals(sample.subList(0, 3), lines.subList(0, 3));
        // A kernel thread's name comes whole, past the 15 characters the kernel keeps of a program's.
        assertEquals(sample.get(6), lines.get(3));
    }

    /**
     * {@code ps u} and {@code ps -f} of the samples' two hogs at 15:58:38: hog 50 started 2.16 s before and used 16
     * ticks, hog 120 2.14 s before and 35 ticks, so 7.4 and 16.3 %CPU (C 7 and 16). hog 120's RSS is a digit wider than
     * its column: the fields after it give the digit back, as show_one_proc() does.
     */
    @Test
    void psUserAndFullFormats() {
        long now = (15 * 60 + 58) * MINUTE + 38 * SECOND;
        List<ProcTask> hogs = List.of(hog(2620, "hog 50", now - 2_160_000_000L, 160_000_000L, 53680, 52488, 1192),
                hog(2621, "hog 120", now - 2_140_000_000L, 350_000_000L, 125360, 124068, 1092));
        Ps.Moment moment = new Ps.Moment(now, 24684084);
        assertEquals(String.join("\n", LinuxSamples.lines("ps-u.txt")) + "\n",
                Ps.render(hogs, Ps.Format.USER.fields(), moment));
        assertEquals(String.join("\n", LinuxSamples.lines("ps-f.txt")) + "\n",
                Ps.render(hogs, Ps.Format.FULL.fields(), moment));
    }

    /**
     * Times past a day, as procps prints them: a task started 5 s after boot on 1 January, 2 days and 3 hours ago,
     * with 25 hours of CPU time. The day-long values overflow their columns, and the columns after give the room back.
     */
    @Test
    void psTimesPastADay() {
        long hour = 60 * MINUTE;
        ProcTask t = new ProcTask(7, 1, 0, "p", false, true, 0, 0, 'R', 5 * SECOND, 25 * hour, 0, 0, 0, 0, 0, 0);
        assertEquals("    ELAPSED     TIME   TIME STIME  STARTED\n 2-03:00:00 1-01:00:00 1500:00 Jan01   Jan 01\n",
                Ps.render(List.of(t), Ps.fields("etime,time,bsdtime,stime,start"),
                        new Ps.Moment(51 * hour + 5 * SECOND, 1)));
    }

    /** The other formats' headers, as procps 4 prints them (ps, ps ax, ps -o of the time and state fields). */
    @Test
    void psHeaders() {
        Ps.Moment moment = new Ps.Moment(0, 1);
        assertEquals("  PID TTY          TIME CMD\n", Ps.render(List.of(), Ps.Format.DEFAULT.fields(), moment));
        assertEquals("  PID TTY      STAT   TIME COMMAND\n", Ps.render(List.of(), Ps.Format.BSD.fields(), moment));
        assertEquals("  PID  C STIME  STARTED START   TIME     TIME     ELAPSED STAT S  NI USER       UID TT       "
                + "COMMAND\n", Ps.render(List.of(), Ps.fields("pid,c,stime,start,start_time,bsdtime,time,etime,stat,s,"
                + "ni,user,uid,tty,args"), moment));
        assertEquals("unknown field 'foo'; expected some of pid, ppid, uid, user, uname, euser, %cpu, pcpu, %mem, "
                + "pmem, vsz, vsize, rss, rsz, tty, tname, tty8, stat, s, state, start_time, stime, start, time, "
                + "cputime, bsdtime, etime, c, ni, nice, maj_flt, min_flt, majflt, minflt, comm, ucomm, ucmd, args, "
                + "command, cmd", assertThrows(IllegalArgumentException.class, () -> Ps.fields("pid,foo")).getMessage());
    }
}
