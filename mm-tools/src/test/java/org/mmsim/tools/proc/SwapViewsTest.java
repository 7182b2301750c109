package org.mmsim.tools.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageFlags;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.tools.scenario.ScenarioResult;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.VerbTable;

/** Swap in /proc: /proc/swaps against the real machine's, meminfo's three lines, vmstat's counters. */
class SwapViewsTest {
    private static ScenarioResult run(String... lines) {
        return new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard())
                .run("v.mms", List.of(lines), OptionalLong.empty());
    }

    @Test
    void procSwapsOfAMachineWithoutSwapIsTheRealOnesHeader() {
        assertEquals(String.join("\n", LinuxSamples.lines("proc-swaps.txt")) + "\n",
                printed(run("machine ram=24G cpus=2 swap=0", "cat /proc/swaps")));
    }

    @Test
    void procSwapsLinesPadThePathTo40ColumnsAndTabTheNumbers() {
        String text = printed(run("swapon /dev/vdb2 size=16G prio=10", "swapon /var/lib/a/rather/long/path/to/a/swapfile size=1M",
                "cat /proc/swaps"));
        assertEquals(SwapsFile.HEADER
                + "/swap.img" + " ".repeat(31) + "file\t\t1048572\t\t0\t\t-2\n"
                + "/dev/vdb2" + " ".repeat(31) + "partition\t16777212\t0\t\t10\n"
                + "/var/lib/a/rather/long/path/to/a/swapfile file\t\t1020\t\t0\t\t-3\n", text,
                "Size of 10000000 kB or more loses its second tab; a path of 40 or more gets one blank");
    }

    @Test
    void procSwapsShowsTheSlotsInUse() {
        ScenarioResult r = run("machine ram=64M swap=1M", "echo");
        SimulatedMachine m = r.machine();
        long pfn = m.pageAllocator().allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
        m.pageFrames().setFlags(pfn, PageFlags.SWAPBACKED);
        m.swapCache().addToSwapCache(pfn);
        String text = ProcFiles.standard().render("/proc/swaps", m, IllegalStateException::new);
        assertTrue(text.endsWith("/swap.img" + " ".repeat(31) + "file\t\t1020\t\t4\t\t-2\n"), text);
    }

    @Test
    void meminfoShowsSwapInTheKernelsOrderAndLayout() {
        ScenarioResult r = run("machine ram=64M swap=1M", "echo");
        SimulatedMachine m = r.machine();
        long pfn = m.pageAllocator().allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
        m.pageFrames().setFlags(pfn, PageFlags.SWAPBACKED);
        long cachedBefore = m.vmstat().get(org.mmsim.api.stat.VmItem.NR_FILE_PAGES);
        String cachedLine = ProcFiles.standard().render("/proc/meminfo", m, IllegalStateException::new).lines()
                .filter(l -> l.startsWith("Cached:")).findFirst().orElseThrow();
        m.swapCache().addToSwapCache(pfn);
        String meminfo = ProcFiles.standard().render("/proc/meminfo", m, IllegalStateException::new);
        assertTrue(meminfo.contains("SwapCached:            4 kB\n"), meminfo);
        assertTrue(meminfo.contains("SwapTotal:          1020 kB\nSwapFree:           1016 kB\n"), meminfo);
        assertEquals(cachedBefore + 1, m.vmstat().get(org.mmsim.api.stat.VmItem.NR_FILE_PAGES),
                "the swap cache counts in NR_FILE_PAGES, as in Linux");
        // init's page cache from the boot, and not the swap cache page.
        assertTrue(meminfo.contains("\n" + cachedLine + "\n"), "which Cached leaves out again: " + meminfo);
        List<String> real = LinuxSamples.lines("proc-meminfo.txt");
        List<String> ours = meminfo.lines().collect(Collectors.toList());
        for (String label : List.of("SwapCached", "SwapTotal", "SwapFree")) {
            String sample = real.stream().filter(l -> l.startsWith(label + ":")).findFirst().orElseThrow();
            String line = ours.stream().filter(l -> l.startsWith(label + ":")).findFirst().orElseThrow();
            assertEquals(sample.replaceAll(" +\\d+", " #"), line.replaceAll(" +\\d+", " #"));
            assertEquals(sample.length(), line.length(), "label in 16 columns, value right-aligned in 8: " + line);
        }
    }

    @Test
    void vmstatAndSysctlShowSwap() {
        ScenarioResult r = run("sysctl vm.page-cluster", "sysctl vm.page-cluster=5", "cat /proc/sys/vm/page-cluster",
                "cat /proc/vmstat");
        assertTrue(printed(r).startsWith("vm.page-cluster = 3\nvm.page-cluster = 5\n5\n"), printed(r));
        for (String item : List.of("nr_swapcached 0", "pswpin 0", "pswpout 0", "swap_ra 0", "swap_ra_hit 0", "swpin_zero 0",
                "swpout_zero 0")) {
            assertTrue(printed(r).contains("\n" + item + "\n"), item);
        }
    }

    /** What the lines printed, without the kernel's log lines that follow them (swapon's notice). */
    private static String printed(ScenarioResult result) {
        return result.text().replaceAll("(?m)^\\[ *\\d+\\.\\d{6}\\] .*\n", "");
    }
}
