package org.mmsim.tools.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.tools.scenario.ScenarioResult;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.VerbTable;

/** The page cache's lines in /proc: meminfo's order, vmstat's dirty thresholds, /proc/PID/io. */
class PageCacheViewsTest {
    private static ScenarioResult run(String... lines) {
        return new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard())
                .run("v.mms", List.of(lines), OptionalLong.empty());
    }

    private static String label(String line) {
        return line.substring(0, line.indexOf(':'));
    }

    @Test
    void thePageCacheLinesHaveTheRealLayout() {
        ScenarioResult r = run("machine ram=24G cpus=2 swap=0", "file create /f 1M", "spawn app", "app write /f",
                "cat /proc/meminfo");
        for (String label : List.of("Buffers", "Cached", "Dirty", "Writeback", "Mapped", "Shmem")) {
            String real = LinuxSamples.lines("proc-meminfo.txt").stream().filter(l -> l.startsWith(label + ":")).findFirst().orElseThrow();
            String line = r.text().lines().filter(l -> l.startsWith(label + ":")).findFirst().orElseThrow();
            assertEquals(real.length(), line.length(), "label in 16 columns, value right-aligned in 8: " + line);
            assertEquals(real.replaceAll(" +\\d+", " #"), line.replaceAll(" +\\d+", " #"));
        }
    }

    @Test
    void vmstatComputesTheDirtyThresholdsAsItIsRead() {
        ScenarioResult r = run("machine ram=1G", "cat /proc/vmstat", "sysctl vm.dirty_ratio=40", "cat /proc/vmstat");
        long thresh = r.machine().writeback().dirtyThreshold();
        assertTrue(r.text().contains("\nnr_dirty_threshold " + thresh + "\n"), "the last one: " + thresh);
        assertTrue(r.text().contains("\nnr_dirty_background_threshold " + r.machine().writeback().backgroundThreshold() + "\n"));
        assertEquals(1638 * r.machine().writeback().dirtyableMemory() / 4096, thresh, "40% in 1/4096ths");
    }

    @Test
    void procPidIoCountsWhatTheTaskReadWroteAndDirtied() {
        ScenarioResult r = run("file create /f 64K", "spawn app", "app read /f length=8K", "app write /f offset=4K length=100",
                "cat /proc/app/io");
        String io = r.printed().get(r.printed().size() - 1).text();
        // The first read's window is get_init_ra_size(2, 32) = 4 pages: 16 KiB read from disk.
        assertEquals("rchar: 8192\nwchar: 100\nsyscr: 1\nsyscw: 1\nread_bytes: 16384\nwrite_bytes: 4096\n"
                + "cancelled_write_bytes: 0\n", io);
    }
}
