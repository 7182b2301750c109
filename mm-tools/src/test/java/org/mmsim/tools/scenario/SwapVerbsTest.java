package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.reclaim.SwapArea;
import org.mmsim.trace.plugin.PolicyRegistry;

/** swapon and swapoff as a scenario uses them, and their one-line errors. */
class SwapVerbsTest {
    private final ScenarioHarness scenarios = new ScenarioHarness("s.mms");

    @Test
    void swaponAddsAreasWithTheNextNegativePriorityUnlessOneIsGiven() {
        ScenarioResult r = scenarios.run("swapon /swapfile size=64M", "swapon /dev/sdb2 size=2G prio=7", "swapon /swapfile2 size=40K",
                "cat /proc/meminfo");
        assertEquals(List.of(new SwapArea("/swap.img", "file", 262143, 0, -2), new SwapArea("/swapfile", "file", 16383, 0, -3),
                new SwapArea("/dev/sdb2", "partition", 524287, 0, 7), new SwapArea("/swapfile2", "file", 9, 0, -4)),
                r.machine().swap().areas());
        long total = (262143 + 16383 + 524287 + 9) * 4L;
        assertTrue(printed(r).contains(String.format("SwapTotal:      %8d kB\nSwapFree:       %8d kB\n", total, total)), printed(r));
        assertEquals("", printed(r).substring(0, printed(r).indexOf("MemTotal:")), "swapon prints nothing, as swapon(8)");
    }

    @Test
    void swapoffRemovesTheAreaAndTheOthersMoveUp() {
        ScenarioResult r = scenarios.run("swapon /swapfile size=64M", "swapoff /swap.img", "cat /proc/swaps", "cat /proc/meminfo");
        assertTrue(printed(r).startsWith("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/swapfile"
                + " ".repeat(31) + "file\t\t65532\t\t0\t\t-2\n"), printed(r));
        assertTrue(printed(r).contains("SwapTotal:         65532 kB\n"), printed(r));
        assertTrue(printed(scenarios.run("machine swap=0", "swapon /s size=1M", "swapoff /s", "cat /proc/meminfo"))
                .contains("SwapTotal:             0 kB\nSwapFree:              0 kB\n"));
    }

    @Test
    void aSwapoffThatFailsPrintsSwapoffsErrorAndTheAreaStays() {
        org.mmsim.tools.machine.SimulatedMachine machine = org.mmsim.tools.machine.MachineAssembler.boot(
                org.mmsim.api.MachineConfig.builder().ramBytes(64L << 20).build(), PolicyRegistry.load(Optional.empty()));
        long pfn = machine.pageAllocator().allocPages(org.mmsim.api.physical.Gfp.GFP_HIGHUSER_MOVABLE, 0);
        machine.pageFrames().setFlags(pfn, org.mmsim.api.physical.PageFlags.SWAPBACKED);
        machine.swapCache().duplicate(machine.swapCache().addToSwapCache(pfn));
        Session session = new Session(machine);
        ScenarioLine line = new ScenarioLine("s.mms", 1, List.of("swapoff", "/swap.img"));
        session.run(line, VerbTable.standard().verbOf(line, java.util.Set.of()).parse(line));
        assertEquals(List.of(new Session.Printed(1, "swapoff: /swap.img: swapoff failed: 1 slots are held by entries no page "
                + "table has\n")), session.printed());
        assertEquals(1, machine.swap().areas().size());
    }

    @Test
    void commitLimitFollowsTheSwapThereIs() {
        ScenarioResult r = scenarios.run("cat /proc/meminfo", "swapon /swapfile size=64M", "cat /proc/meminfo", "swapoff /swap.img",
                "cat /proc/meminfo");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "MemTotal: +(\\d+) kB[\\s\\S]*?SwapTotal: +(\\d+) kB[\\s\\S]*?CommitLimit: +(\\d+) kB").matcher(printed(r));
        int seen = 0;
        while (m.find()) {
            long memTotal = Long.parseLong(m.group(1));
            long swapTotal = Long.parseLong(m.group(2));
            // mm/util.c vm_commit_limit(): totalram_pages * overcommit_ratio (50) / 100 + total_swap_pages.
            assertEquals((memTotal / 4) * 50 / 100 * 4 + swapTotal, Long.parseLong(m.group(3)), "swap " + swapTotal);
            seen++;
        }
        assertEquals(3, seen);
    }

    @Test
    void badSwapLinesAreOneLineErrors() {
        assertEquals("s.mms:1: swapon needs size=SIZE; expected swapon PATH size=SIZE [prio=N]", scenarios.error("swapon /swapfile"));
        assertEquals("s.mms:1: swapon needs PATH; expected swapon PATH size=SIZE [prio=N]", scenarios.error("swapon"));
        assertEquals("s.mms:1: swap path 'swapfile'; expected an absolute path such as /swapfile", scenarios.error("swapon swapfile size=1M"));
        assertEquals("s.mms:1: size 36K; expected 40K (10 pages, mkswap's least) to 4T", scenarios.error("swapon /s size=36K"));
        assertEquals("s.mms:1: size 5T; expected 40K (10 pages, mkswap's least) to 4T", scenarios.error("swapon /s size=5T"));
        assertEquals("s.mms:1: bad size 'lots'; expected a whole number with an optional K, M, G or T suffix",
                scenarios.error("swapon /s size=lots"));
        assertEquals("s.mms:1: prio 32768; expected -1 to 32767", scenarios.error("swapon /s size=1M prio=32768"));
        assertEquals("s.mms:1: prio high; expected -1 to 32767", scenarios.error("swapon /s size=1M prio=high"));
        assertEquals("s.mms:1: unknown option 'discard' for swapon; expected one of size, prio", scenarios.error("swapon /s size=1M discard=once"));
        assertEquals("s.mms:1: 'size'; expected KEY=VALUE, as in swapon PATH size=SIZE [prio=N]", scenarios.error("swapon /s size"));
        assertEquals("s.mms:2: swapon: /swap.img is already a swap area; expected a path not in use (EBUSY)",
                scenarios.error("echo", "swapon /swap.img size=1M"));
        assertEquals("s.mms:1: swapoff: '/s' is not a swap area; expected one of /proc/swaps: /swap.img (EINVAL)",
                scenarios.error("swapoff /s"));
        assertEquals("s.mms:1: swapoff needs PATH; expected swapoff PATH", scenarios.error("swapoff"));
    }

    /** What the lines printed, without the kernel's log lines that follow them (swapon's notice). */
    private static String printed(ScenarioResult result) {
        return result.text().replaceAll("(?m)^\\[ *\\d+\\.\\d{6}\\] .*\n", "");
    }
}
