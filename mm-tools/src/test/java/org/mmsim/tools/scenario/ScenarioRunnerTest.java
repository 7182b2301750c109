package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.trace.plugin.PolicyRegistry;

class ScenarioRunnerTest {
    private final ScenarioHarness scenarios = new ScenarioHarness("test.mms");

    @Test
    void machineLinesOverrideTheDefaultsAndTheRestRunsInOrder() {
        ScenarioResult result = scenarios.run(
                "# a comment",
                "machine ram=8G swap=0",
                "machine cpus=4   # four CPUs",
                "",
                "echo \"two  spaces\" kept",
                "tick 1500ms",
                "cat /proc/uptime");
        MachineConfig config = result.machine().config();
        assertEquals(8L << 30, config.ramBytes());
        assertEquals(0, config.swapBytes());
        assertEquals(4, config.cpus());
        // 1.5 s after the boot's 0.02 s (init reading its image from the disk), four idle CPUs.
        assertEquals("two  spaces kept\n1.52 6.08\n", result.text());
        assertEquals(5, result.printed().get(0).line());
    }

    @Test
    void theSeedOptionWinsOverTheMachineLine() {
        ScenarioResult result = new ScenarioHarness("s.mms").run(List.of("machine seed=5"), 9);
        assertEquals(9, result.machine().config().seed());
    }

    @Test
    void procVmstatListsEveryItemInKernelOrder() {
        ScenarioResult result = scenarios.run("cat /proc/vmstat");
        String[] lines = result.text().split("\n");
        assertEquals(192, lines.length);
        assertEquals("nr_free_pages " + result.machine().physicalMemory().freePages(), lines[0]);
        assertEquals("nr_unstable 0", lines[191]);
    }

    @Test
    void aBadLineIsReportedWithFileLineFoundAndExpected() {
        String unknown = scenarios.error("echo hi", "frobnicate 3");
        assertTrue(unknown.startsWith("test.mms:2: unknown verb 'frobnicate'; expected one of machine, ") && unknown.contains(", tick"),
                unknown);
        assertEquals("test.mms:1: bad size '12Q' for ram; expected a whole number with an optional K, M, G or T suffix",
                scenarios.error("machine ram=12Q"));
        assertEquals("test.mms:1: tick needs DURATION; expected tick DURATION (such as 1s or 250ms)", scenarios.error("tick"));
        assertEquals("test.mms:1: unexpected 'later' after tick 1s; expected tick DURATION (such as 1s or 250ms)",
                scenarios.error("tick 1s later"));
        assertEquals("test.mms:1: bad duration 'soon'; expected a number with a unit ns, us, ms, s, m or h", scenarios.error("tick soon"));
        assertEquals("test.mms:1: unknown machine key 'network'; expected one of arch, ram, swap, nodes, cpus, levels, "
                + "movablecore, thp, policy, replacement, oom, seed, dtlb, itlb, stlb, pcid, slub_debug, disk, disk_bw, "
                + "disk_latency, swap_disk, cpu, l1d, l1i, l2, l3, prefetch, l3_inclusive, cache_latency, mem_latency, memory, distance",
                scenarios.error("machine network=1G"));
        assertEquals("test.mms:1: unknown cpu 'zen5'; did you mean 'zen4'?", scenarios.error("machine cpu=zen5"));
        assertEquals("test.mms:1: l1d '32K'; expected SIZE/WAYS, such as 32K/8", scenarios.error("machine l1d=32K"));
        assertEquals("test.mms:1: l3 '24M/16': cache set count is not a power of two; expected SIZE / (WAYS x LINE) to be 1, 2, 4, 8...", scenarios.error("machine l3=24M/16"));
        assertEquals("test.mms:1: cache_latency '4/14'; expected L1/L2/L3 cycles, such as 4/14/68",
                scenarios.error("machine cache_latency=4/14"));
        assertEquals("test.mms:1: l3_inclusive 'yes'; expected on or off", scenarios.error("machine l3_inclusive=yes"));
        assertEquals("test.mms:1: memory uma with nodes 2; expected nodes=1, or memory=numa",
                scenarios.error("machine nodes=2 memory=uma"));
        assertEquals("test.mms:1: distance 10 from node 0 to node 1; expected 11 to 254 to another node",
                scenarios.error("machine nodes=2 distance=10,10/10,10"));
        assertEquals("test.mms:1: disk '1G'; expected virtio, hdd, ssd or nvme", scenarios.error("machine disk=1G"));
        assertEquals("test.mms:1: bad duration 'slow' for disk_latency; expected a number with a unit ns, us, ms, s, m or h",
                scenarios.error("machine disk_latency=slow"));
        assertEquals("test.mms:1: disk bandwidth 1024 bytes/s; expected at least 1M", scenarios.error("machine disk_bw=1K"));
        assertEquals("test.mms:1: 'ram'; expected KEY=VALUE, as in " + VerbTable.MACHINE_USAGE, scenarios.error("machine ram"));
        assertEquals("test.mms:2: a machine line after the first command (line 1); expected machine lines before every command",
                scenarios.error("echo booted", "machine ram=1G"));
        assertTrue(scenarios.error("machine policy=nope").startsWith("test.mms:1: unknown replacement policy 'nope'; expected one of "));
        assertEquals("test.mms:1: levels 3 on x86_64; expected 4 or 5", scenarios.error("machine levels=3"));
        String noFile = scenarios.error("cat /proc/nope");
        assertTrue(noFile.startsWith("test.mms:1: no such file '/proc/nope'; expected one of ") && noFile.contains("/proc/vmstat"), noFile);
        assertEquals("test.mms:1: a quote is not closed; expected a closing \"", scenarios.error("echo \"open"));
        assertEquals("test.mms:1: no such file '/proc/meminf'; did you mean '/proc/meminfo'?", scenarios.error("cat /proc/meminf"));
        assertEquals("test.mms:2: no such file '/proc/a/statsu'; did you mean '/proc/a/status'?",
                scenarios.error("spawn a", "cat /proc/a/statsu"));
        assertEquals("test.mms:1: no sysctl 'vm.swapiness'; did you mean 'vm.swappiness'?", scenarios.error("sysctl vm.swapiness"));
    }

    @Test
    void theLinesBeforeABadOneRunAndTheListenerIsToldWhatTheyPrinted() {
        ScenarioRunner runner = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard());
        List<String> told = new ArrayList<>();
        ScenarioException e = assertThrows(ScenarioException.class, () -> runner.run("s.mms",
                List.of("echo first", "tick forever", "echo never"), OptionalLong.empty(), Map.of(),
                new ScenarioRunner.StepListener() {
                    @Override
                    public void after(ScenarioLine line, List<Session.Printed> printed, SimulatedMachine machine) {
                    }

                    @Override
                    public void stopped(ScenarioResult before, RuntimeException error) {
                        told.add(before.text() + "|" + error.getMessage());
                    }
                }));
        assertEquals("s.mms:2: bad duration 'forever'; expected a number with a unit ns, us, ms, s, m or h", e.getMessage());
        assertEquals(List.of("first\n|" + e.getMessage()), told);
    }

    @Test
    void aMistypedMachineKeyGetsTheNearestKey() {
        assertEquals("test.mms:1: unknown machine key 'rma'; did you mean 'ram'?", scenarios.error("machine rma=1G", "echo x"));
    }

    @Test
    void machineLinesAreCheckedTogether() {
        // 3G of movable memory is more than half the default 4G of RAM, but not of the next line's 8G.
        ScenarioResult result = scenarios.run("machine movablecore=3G", "machine ram=8G", "echo booted");
        assertEquals(3L << 30, result.machine().config().movableCoreBytes());
    }

    /**
     * What a session printed is a view that grows, not a copy: the runner looks at it after every line, and copying
     * it each time made printing quadratic in the lines (50,000 echo lines took 13 s).
     */
    @Test
    void whatASessionPrintedIsAViewNotACopy() {
        SimulatedMachine machine = MachineTools.boot(MachineConfig.builder().ramBytes(64L << 20).build(),
                PolicyRegistry.load(Optional.empty()));
        Session session = new Session(machine);
        List<Session.Printed> printed = session.printed();
        ScenarioLine line = new ScenarioLine("s.mms", 1, List.of("echo", "one"));
        session.run(line, VerbTable.standard().verbOf(line, java.util.Set.of()).parse(line));
        assertEquals(List.of(new Session.Printed(1, "one\n")), printed);
        assertThrows(UnsupportedOperationException.class, () -> printed.add(new Session.Printed(2, "no\n")));
    }

    /**
     * A run asked to stop (a signal to ./mm run) ends the running line's wait early, runs no line after it, and
     * returns what the lines printed; the listener heard of each line that ran.
     */
    @Test
    void aRunAskedToStopEndsTheWaitAndRunsNoMoreLines() {
        ScenarioRunner runner = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard());
        List<Integer> ran = new ArrayList<>();
        long[] looks = new long[1];
        ScenarioResult result = runner.run("s.mms", List.of("spawn a", "a malloc m 1M", "a touch m write", "a loop m",
                "echo first", "tick 3600s", "echo never"), OptionalLong.empty(), Map.of(), new ScenarioRunner.StepListener() {
                    @Override
                    public void after(ScenarioLine line, List<Session.Printed> printed, SimulatedMachine machine) {
                        ran.add(line.number());
                    }

                    @Override
                    public boolean stopRequested() {
                        // Asked after a hundred turns of the tick's loop.
                        return ran.contains(5) && ++looks[0] > 100;
                    }
                });
        assertEquals(List.of(1, 2, 3, 4, 5, 6), ran);
        assertEquals("first\n", result.text());
        assertTrue(result.machine().clock().nanos() < 1_000_000_000L, "the hour's wait ended early");
    }
}
