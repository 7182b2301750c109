package org.mmsim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.Processes;

/**
 * Pids as Linux 6.18 hands them out on this project's 2-CPU box, where /proc/sys/kernel/pid_max reads 32768: one
 * after another below 32768, then from 300 again (RESERVED_PIDS), skipping the ones still in use; the count of tasks
 * created goes on.
 */
class PidTest {
    /** Creates and ends processes until the next one would have {@code pid}; returns the pid that follows. */
    private static int cycleUntilAfter(Processes processes, int pid) {
        while (true) {
            int next = processes.createProcess("t", true);
            processes.exit(next);
            if (next == pid) {
                int after = processes.createProcess("t", true);
                return after;
            }
        }
    }

    @Test
    void pidsWrapAtPidMaxToTheReservedOnesAndSkipThoseInUse() {
        Machine machine = Mmsim.boot(MachineConfig.builder().ramBytes(256L << 20).swapBytes(0).build());
        Processes processes = machine.processes();
        int first = processes.createProcess("first", true);
        assertTrue(first < 300, "the boot's tasks and the first process have low pids: " + first);
        long forks = processes.forks();
        int wrapped = cycleUntilAfter(processes, 32767);
        assertEquals(300, wrapped, "after pid_max - 1, RESERVED_PIDS");
        // 300 stays in use: the next time round it is skipped.
        int again = cycleUntilAfter(processes, 32767);
        assertEquals(301, again);
        // first + 1 to 32767, then 300; 301 to 32767 (300 still lives), then 301 again.
        assertEquals(forks + (32767 - first) + 1 + (32767 - 300) + 1, processes.forks(), "every task created counts");
    }
}
