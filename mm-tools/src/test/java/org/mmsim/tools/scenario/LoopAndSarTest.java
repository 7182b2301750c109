package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Loops in simulated time and {@code sar -B}: sysstat's layout, rates from counter deltas over the interval, loops
 * sharing the CPUs, and one-line errors for bad lines.
 */
class LoopAndSarTest {
    private final ScenarioHarness scenarios = new ScenarioHarness("s.mms");

    @Test
    void sarPrintsSysstatsLayoutWithRatesOverEachInterval() {
        String text = scenarios.run("machine ram=1G cpus=2", "spawn p", "p malloc m 8M", "p loop m", "sar -B 1 2").text();
        String[] lines = text.split("\n");
        assertEquals("Linux 6.18.0-mmsim (mmsim) \t01/01/2026 \t_x86_64_\t(2 CPU)", lines[0]);
        assertEquals("", lines[1]);
        assertEquals("12:00:00 AM  pgpgin/s pgpgout/s   fault/s  majflt/s  pgfree/s pgscank/s pgscand/s pgsteal/s    %vmeff",
                lines[2]);
        // m is faulted in during the first second; in the second the loop only sweeps it.
        assertTrue(lines[3].startsWith("12:00:01 AM "), lines[3]);
        assertTrue(lines[4].startsWith("12:00:02 AM "), lines[4]);
        assertTrue(lines[5].startsWith("Average:    "), lines[5]);
        for (int i = 3; i <= 5; i++) {
            assertEquals(11 + 9 * 10, lines[i].length(), "eleven columns of time, nine of ten: " + lines[i]);
        }
        double first = Double.parseDouble(lines[3].substring(11 + 20, 11 + 30).trim());
        double second = Double.parseDouble(lines[4].substring(11 + 20, 11 + 30).trim());
        double average = Double.parseDouble(lines[5].substring(11 + 20, 11 + 30).trim());
        assertTrue(first > 0, "the loop faults its memory in: " + lines[3]);
        assertEquals(0, second, 0, "and then only sweeps it: " + lines[4]);
        assertEquals(first / 2, average, 0.01, "the average is over both seconds");
    }

    /** sysstat: an INTERVAL of 0 reports the averages since boot, one line stamped now, no Average line. */
    @Test
    void sarIntervalZeroIsSinceBoot() {
        String text = scenarios.run("machine ram=1G cpus=2", "spawn p", "p malloc m 8M", "p loop m", "tick 2s", "sar 0 -B").text();
        String[] lines = text.split("\n");
        assertEquals(4, lines.length, text);
        assertTrue(lines[2].startsWith("12:00:02 AM  pgpgin/s"), lines[2]);
        assertTrue(lines[3].startsWith("12:00:02 AM "), lines[3]);
        String after = scenarios.run("machine ram=1G cpus=2", "spawn p", "p malloc m 8M", "p loop m", "tick 2s", "sar -B 2 1").text();
        double sinceBoot = Double.parseDouble(lines[3].substring(11 + 20, 11 + 30).trim());
        String[] twoSeconds = after.split("\n");
        double faultsPerSecondAfter = Double.parseDouble(twoSeconds[3].substring(11 + 20, 11 + 30).trim());
        assertTrue(sinceBoot > 2048 / 2.0, "8 MiB faulted in within the 2 s since boot: " + lines[3]);
        assertEquals(0, faultsPerSecondAfter, 0, "and none after: " + twoSeconds[3]);
    }

    /** Without an INTERVAL sar reads the day's data file; no sadc collects one on the simulated machine. */
    @Test
    void sarWithoutIntervalSaysThereIsNoDataFile() {
        assertEquals("Cannot open /var/log/sysstat/sa01: No such file or directory\n"
                + "Please check if data collecting is enabled\n", scenarios.run("sar -B").text());
    }

    @Test
    void loopsShareTheCpusAndProgressCountsTheirPages() {
        String text = scenarios.run("machine cpus=1", "spawn p", "spawn q", "p malloc m 4M", "q malloc m 4M", "p loop m",
                "q loop m read", "tick 10ms", "progress").text();
        // One CPU, two loops, 1 ms turns: 5 ms each, a page a microsecond (plus their first-touch faults' cost).
        String[] rows = text.split("\n");
        assertTrue(rows[0].startsWith("NAME "), text);
        for (int i = 1; i <= 2; i++) {
            String[] words = rows[i].trim().split(" +");
            long pages = Long.parseLong(words[2]);
            assertTrue(pages > 2000 && pages <= 5000, rows[i]);
        }
    }

    @Test
    void aStoppedLoopMakesNoProgressAndAnExitedOneIsGone() {
        String text = scenarios.run("spawn p", "spawn q", "p malloc m 1M", "q malloc m 1M", "p loop m", "q loop m", "tick 5ms",
                "p stop", "q exit", "tick 5ms", "progress").text();
        String last = text.substring(text.lastIndexOf("NAME "));
        assertEquals(1, last.split("\n").length, "no loop runs: " + last);
    }

    @Test
    void badLinesAreRefusedWithOneLine() {
        assertTrue(scenarios.error("sar -B -1 2").startsWith("s.mms:1: '-1'; expected sar -B [INTERVAL COUNT]"), scenarios.error("sar -B -1 2"));
        assertTrue(scenarios.error("sar -W 1").startsWith("s.mms:1: '-W'; expected sar -B"), scenarios.error("sar -W 1"));
        assertTrue(scenarios.error("sar 1 2").startsWith("s.mms:1: 'sar 1 2' reports no paging"), scenarios.error("sar 1 2"));
        assertTrue(scenarios.error("sar -B 1 x").startsWith("s.mms:1: COUNT 'x'"), scenarios.error("sar -B 1 x"));
        assertTrue(scenarios.error("sar -B 1 0").startsWith("s.mms:1: COUNT '0'; expected a whole number from 1"), scenarios.error("sar -B 1 0"));
        assertTrue(scenarios.error("sar -B 2").startsWith("s.mms:1: sar -B 2 would run until interrupted"), scenarios.error("sar -B 2"));
        assertTrue(scenarios.error("spawn p", "p loop nosuch").startsWith("s.mms:2: no malloc or mmap named 'nosuch'"),
                scenarios.error("spawn p", "p loop nosuch"));
        assertTrue(scenarios.error("spawn p", "p malloc m 1M", "p loop m exec").contains("expected read or write"));
        assertTrue(scenarios.error("spawn p", "p stop").startsWith("s.mms:2: p runs no loop"), scenarios.error("spawn p", "p stop"));
    }
}
