package org.mmsim.tools.proc;

import org.mmsim.tools.machine.CpuTimes;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/loadavg} ({@code loadavg_proc_show()} in fs/proc/loadavg.c): the three load averages with two
 * decimals, the tasks running over all tasks, and the last pid handed out.
 */
final class LoadavgFile implements ProcFile {
    @Override
    public String path() {
        return "/proc/loadavg";
    }

    @Override
    public String render(SimulatedMachine machine) {
        CpuTimes t = machine.cpuTimes();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            text.append(CpuTimes.loadText(t.loadAverage(i))).append(' ');
        }
        return text.append(t.running()).append('/').append(machine.processes().tasks().size() + machine.processes().kernelThreads().size()).append(' ')
                .append(machine.processes().forks()).append('\n').toString();
    }
}
