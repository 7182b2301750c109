package org.mmsim.tools.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.tools.proc.LinuxSamples;

/**
 * top's and ps's layouts against the real machine of linux-6.18-samples: with the sample's figures (its meminfo at
 * that moment, its first task's memory, nice and CPU time) every line comes back byte for byte.
 */
class TopPsTest {
    private static final long MINUTE = 60_000_000_000L;

    @Test
    void topsSummaryAndTaskLines() {
        List<String> sample = LinuxSamples.lines("top-b.txt");
        assertEquals(sample.get(0) + "\n", Top.firstLine("22:02:22", 64 * MINUTE + 5_000_000_000L, "0.00", "0.00", "0.00"));
        Meminfo m = Meminfo.parse(String.join("\n", "MemTotal: 24684084 kB", "MemFree: 24567000 kB",
                "MemAvailable: 24462490 kB", "Buffers: 1072 kB", "Cached: 22443 kB", "SReclaimable: 13656 kB",
                "SwapTotal: 0 kB", "SwapFree: 0 kB"));
        List<Top.Task> tasks = new java.util.ArrayList<>();
        tasks.add(new Top.Task(1, 0, -10, false, 44840, 14392, 6464, 'R', 0, 100.0 * 14392 / 24684084, 10_800_000_000L,
                "process_api"));
        for (int pid = 2; pid <= 74; pid++) {
            tasks.add(Top.Task.kernelThread(pid, "k", 'S', 0, 0));
        }
        String screen = Top.render(new Top.Summary(0, new long[3], new long[] {0, 0, 100, 0, 0, 0, 0, 0, 0, 0}, m),
                tasks, Top.order("PID"));
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
        Meminfo m = Meminfo.parse("MemTotal: 24684084 kB");
        for (String row : sample.subList(8, sample.size())) {
            String[] words = row.trim().split(" +");
            int pid = Integer.parseInt(words[0]);
            String[] time = words[10].split("[:.]");
            long nanos = (Long.parseLong(time[0]) * 60 + Long.parseLong(time[1])) * 1_000_000_000L
                    + Long.parseLong(time[2]) * 10_000_000L;
            String screen = Top.render(new Top.Summary(0, new long[3], new long[10], m),
                    List.of(Top.Task.kernelThread(pid, names.get(pid), 'S', 0, nanos)), Top.order("PID"));
            assertEquals(row, screen.split("\n")[7], names.get(pid));
        }
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
        MmCounters first = new MmCounters(44840 / 4, 0, 0, 0, 0, 14392 / 4, 0, 0, 0, 0, 0, 0, 0, 0);
        MmCounters none = new MmCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        String text = Ps.render(List.of(new TaskInfo(1, 0, "process_api", 0, 0, 0, 55727, 0, first),
                new TaskInfo(2, 0, "kthreadd", 0, 0, 0, 0, 0, none),
                new TaskInfo(6, 2, "kworker/R-kvfree_rcu_reclaim", 0, 0, 0, 0, 0, none)),
                Ps.fields("pid,rss,vsz,maj_flt,min_flt,comm"), 24684084);
        List<String> lines = List.of(text.split("\n"));
        assertEquals(sample.subList(0, 3), lines.subList(0, 3));
        // A kernel thread's name comes whole, past the 15 characters the kernel keeps of a program's.
        assertEquals(sample.get(6), lines.get(3));
    }
}
