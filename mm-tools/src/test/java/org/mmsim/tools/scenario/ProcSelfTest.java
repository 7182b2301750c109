package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.tools.scenario.ScenarioHarness.figure;
import static org.mmsim.tools.scenario.ScenarioHarness.printedBy;

import org.junit.jupiter.api.Test;

/**
 * /proc/self in a scenario is what it is in a shell: the process reading it. On Linux 6.18 here,
 * {@code grep Name /proc/self/status} prints {@code Name: grep}, {@code cat /proc/self/comm} prints {@code cat},
 * {@code cat /proc/self/cmdline} prints {@code cat\0/proc/self/cmdline\0}, and each takes a pid of its own. So the
 * tool runs as a short-lived child of init, reads its own file and exits.
 */
class ProcSelfTest {
    private final ScenarioHarness scenarios = new ScenarioHarness("self.mms");

    @Test
    void theReaderIsSelfAChildOfInitWithAPidOfItsOwn() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn a", "cat /proc/a/status", "cat /proc/self/status",
                "grep -E ^(Name|Pid|PPid): /proc/self/status", "spawn b", "cat /proc/b/status");
        long a = figure(printedBy(result, 3), "Pid");
        String self = printedBy(result, 4);
        assertTrue(self.startsWith("Name:\tcat\n"), self);
        assertEquals(a + 1, figure(self, "Pid"), "the next pid after a's");
        assertEquals(1, figure(self, "PPid"), "the shell's child: of init, as spawn's programs are");
        assertTrue(figure(self, "VmSize") > 0 && self.contains("\nKthread:\t0\n"), "a process with an address space");
        // As `cat /proc/self/status` on Linux: the reader is running as it reads; a, idle, sleeps.
        assertTrue(self.contains("\nState:\tR (running)\n"), self);
        assertTrue(printedBy(result, 3).contains("\nState:\tS (sleeping)\n"), printedBy(result, 3));
        assertEquals("Name:\tgrep\nPid:\t" + (a + 2) + "\nPPid:\t1\n", printedBy(result, 5));
        assertEquals(a + 3, figure(printedBy(result, 7), "Pid"), "cat and grep each took a pid, as on Linux");
        assertTrue(result.machine().processes().pidOf("cat").isEmpty() && result.machine().processes().pidOf("grep")
                .isEmpty(), "both exited");
    }

    /** A process that loops on its memory is being scheduled: its status says R, as top's S column does. */
    @Test
    void aLoopingProcessIsRunning() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn a", "a malloc m 1M", "a loop m", "tick 1s",
                "grep -E ^State: /proc/a/status");
        assertEquals("State:\tR (running)\n", printedBy(result, 6));
    }

    @Test
    void commCmdlineAndTheMemoryFilesAreTheReadersOwn() {
        ScenarioResult result = scenarios.run("machine ram=64M", "cat /proc/self/comm", "cat /proc/self/cmdline",
                "cat /proc/self/maps", "cat /proc/self/smaps_rollup", "grep -E hello /proc/self/maps");
        assertEquals("cat\n", printedBy(result, 2));
        assertEquals("cat\0/proc/self/cmdline\0\n", printedBy(result, 3), "its arguments, each NUL-ended");
        assertTrue(printedBy(result, 4).contains(" /usr/bin/hello\n"), "the small C program it runs as: "
                + printedBy(result, 4));
        assertTrue(printedBy(result, 5).contains(" [rollup]\nRss:"), printedBy(result, 5));
        assertTrue(printedBy(result, 6).lines().count() >= 4, "grep's own program mappings: " + printedBy(result, 6));
    }

    @Test
    void aNamedProcessCannotBeCalledSelf() {
        assertEquals("self.mms:2: process name 'self' is /proc/self's, the reading process; expected another NAME",
                scenarios.error("machine ram=64M", "spawn self"));
    }

    @Test
    void whenTheForkFailsTheToolSaysSoAndTheScenarioGoesOn() {
        ScenarioResult result = scenarios.run("machine ram=64M", "spawn a", "sysctl kernel.threads-max=2",
                "cat /proc/self/status", "echo on");
        assertTrue(printedBy(result, 4).matches("cat: /proc/self/status: .*\\(EAGAIN\\)\n"), printedBy(result, 4));
        assertEquals("on\n", printedBy(result, 5));
    }
}
