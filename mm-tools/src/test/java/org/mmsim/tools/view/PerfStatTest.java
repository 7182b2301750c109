package org.mmsim.tools.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.PerfCounts;

/**
 * perf stat's layout, against the real perf of this machine (6.18's tools/perf; the VM has no PMU, so only the
 * software events count there): {@code perf stat -e page-faults,minor-faults,major-faults true} prints
 * {@code "                50      page-faults"} padded to 91 columns, a {@code #} comment starting in column 58, and
 * {@code "   <not supported>      cycles"} padded to 84; the block opens with a blank line and
 * {@code " Performance counter stats for 'true':"}, and ends with {@code "%18.9f seconds time elapsed"}, user and sys.
 */
class PerfStatTest {
    private static PerfStat.Sample sample() {
        // 2,600,000 cycles in 1 ms at 2.6 GHz; 1,000 L1d misses of 100,000 loads; 250 of 1,000 LLC loads missed.
        PerfCounts hw = new PerfCounts(2_600_000, 100_000, 1_000, 50_000, 1_000, 250, 40, 3);
        return new PerfStat.Sample(1_000_000, 2, 0, 48, 1, hw, -1, 150_000, 150, 2_000_000, 900_000, 100_000);
    }

    @Test
    void theBlockHasPerfsHeaderCountsAndTimes() {
        String text = PerfStat.report("a touch buf", List.of("page-faults", "cycles", "L1-dcache-loads",
                "L1-dcache-load-misses", "LLC-load-misses", "dTLB-load-misses", "xsnp_hitm", "instructions"), sample());
        String[] lines = text.split("\n", -1);
        assertEquals("", lines[0]);
        assertEquals(" Performance counter stats for 'a touch buf':", lines[1]);
        assertEquals("", lines[2]);
        // 48 faults over 1 ms of task clock: 48,000 a second.
        assertEquals(pad("                48      page-faults                      #   48.000 K/sec", 91), lines[3]);
        assertEquals(pad("         2,600,000      cycles                           #    2.600 GHz", 91), lines[4]);
        assertEquals(pad("           100,000      L1-dcache-loads", 91), lines[5]);
        assertEquals(pad("             1,000      L1-dcache-load-misses            #    1.00% of all L1-dcache accesses",
                91), lines[6]);
        assertEquals(pad("               250      LLC-load-misses                  #   25.00% of all LL-cache accesses", 91),
                lines[7]);
        assertEquals(pad("               150      dTLB-load-misses                 #    0.10% of all dTLB cache accesses",
                91), lines[8]);
        assertEquals(pad("                 3      xsnp_hitm", 91), lines[9]);
        assertEquals(pad("   <not supported>      instructions", 84), lines[10]);
        assertEquals("", lines[11]);
        assertEquals("       0.002000000 seconds time elapsed", lines[12]);
        assertEquals("", lines[13]);
        assertEquals("       0.000900000 seconds user", lines[14]);
        assertEquals("       0.000100000 seconds sys", lines[15]);
        assertEquals(58, lines[4].indexOf('#') + 1, "the comment starts in perf's column");
    }

    @Test
    void theTaskClockIsInMillisecondsWithTheCpusItUsed() {
        String line = PerfStat.report("x", List.of("task-clock"), sample()).split("\n")[3];
        // 1 ms of CPU over 2 ms elapsed.
        assertEquals(pad("              1.00 msec task-clock                       #    0.500 CPUs utilized", 91), line);
    }

    @Test
    void instructionsATraceGivesAreCountedPerCycle() {
        PerfStat.Sample s = sample();
        PerfStat.Sample withInstructions = new PerfStat.Sample(s.taskClockNanos(), 0, 0, 0, 0, s.hardware(), 1_300_000,
                0, 0, s.elapsedNanos(), 0, 0);
        String line = PerfStat.report("t", List.of("instructions"), withInstructions).split("\n")[3];
        assertEquals(pad("         1,300,000      instructions                     #     0.50  insn per cycle", 91), line);
    }

    @Test
    void anUnknownEventNamesTheNearest() {
        String message = assertThrows(IllegalArgumentException.class, () -> PerfStat.events("cycles,L1-dcache-laods"))
                .getMessage();
        assertTrue(message.contains("L1-dcache-laods") && message.contains("L1-dcache-loads"), message);
        assertEquals(List.of("cycles", "LLC-loads"), PerfStat.events("cycles,LLC-loads"));
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
