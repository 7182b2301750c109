package org.mmsim.tools.proc;

import org.mmsim.api.stat.VmItem;
import org.mmsim.tools.machine.CpuTimes;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.view.Uname;

/**
 * {@code /proc/stat} ({@code show_stat()} in fs/proc/stat.c): the time of all CPUs and of each in USER_HZ (100) ticks —
 * user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice — then the interrupts, the context
 * switches, the boot time, the processes created and those running and blocked. The interrupts are each CPU's local
 * timer at HZ (250) while it is not idle (NO_HZ_IDLE stops the tick of an idle CPU) and one disk completion per
 * major fault; the line gives their total only (no per-IRQ counts).
 */
final class StatFile implements ProcFile {
    private static final long NANOS_PER_TICK = 10_000_000;
    private static final long HZ = 250;

    @Override
    public String path() {
        return "/proc/stat";
    }

    @Override
    public String render(SimulatedMachine machine) {
        CpuTimes t = machine.cpuTimes();
        long user = 0;
        long system = 0;
        long idle = 0;
        long iowait = 0;
        StringBuilder perCpu = new StringBuilder();
        long busy = 0;
        for (int cpu = 0; cpu < t.cpus(); cpu++) {
            busy += t.user(cpu) + t.system(cpu) + t.iowait(cpu);
            user += ticks(t.user(cpu));
            system += ticks(t.system(cpu));
            idle += ticks(t.idle(cpu));
            iowait += ticks(t.iowait(cpu));
            perCpu.append(cpuLine("cpu" + cpu, ticks(t.user(cpu)), ticks(t.system(cpu)), ticks(t.idle(cpu)),
                    ticks(t.iowait(cpu))));
        }
        long interrupts = busy / (1_000_000_000L / HZ) + machine.vmstat().get(VmItem.PGMAJFAULT);
        return cpuLine("cpu ", user, system, idle, iowait) + perCpu
                + "intr " + interrupts + "\n"
                + "ctxt " + t.contextSwitches() + "\n"
                + "btime " + Uname.bootEpochSeconds() + "\n"
                + "processes " + machine.processes().forks() + "\n"
                + "procs_running " + t.running() + "\n"
                + "procs_blocked " + t.blocked() + "\n"
                + "softirq 0 0 0 0 0 0 0 0 0 0 0\n";
    }

    private static String cpuLine(String name, long user, long system, long idle, long iowait) {
        return name + " " + user + " 0 " + system + " " + idle + " " + iowait + " 0 0 0 0 0\n";
    }

    private static long ticks(long nanos) {
        return nanos / NANOS_PER_TICK;
    }
}
