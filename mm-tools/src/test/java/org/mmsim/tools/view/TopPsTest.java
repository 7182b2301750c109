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
        tasks.add(new Top.Task(1, 0, -10, 44840, 14392, 6464, 'R', 0, 100.0 * 14392 / 24684084, 10_800_000_000L,
                "process_api"));
        for (int pid = 2; pid <= 74; pid++) {
            tasks.add(new Top.Task(pid, 0, 0, 0, 0, 0, 'S', 0, 0, 0, "k"));
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
                new TaskInfo(6, 0, "kworker/R-kvfree_rcu_reclaim", 0, 0, 0, 0, 0, none)),
                Ps.fields("pid,rss,vsz,maj_flt,min_flt,comm"), 24684084);
        List<String> lines = List.of(text.split("\n"));
        assertEquals(sample.subList(0, 3), lines.subList(0, 3));
        // The kernel keeps 15 characters of a name; a workqueue's kworker name is its own (ps reads it whole).
        assertEquals("    6     0      0      0      0 kworker/R-kvfre", lines.get(3));
    }
}
