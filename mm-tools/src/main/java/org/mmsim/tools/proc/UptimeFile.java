package org.mmsim.tools.proc;

import org.mmsim.api.time.SimClock;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/uptime}: seconds since boot and seconds the CPUs spent idle, each with two decimals
 * ({@code uptime_proc_show()} in fs/proc/uptime.c): idle is every CPU's idle time, summed.
 */
final class UptimeFile implements ProcFile {
    @Override
    public String path() {
        return "/proc/uptime";
    }

    @Override
    public String render(SimulatedMachine machine) {
        long uptime = machine.clock().nanos();
        long idle = 0;
        for (int cpu = 0; cpu < machine.config().cpus(); cpu++) {
            idle += machine.cpuTimes().idle(cpu);
        }
        return seconds(uptime) + " " + seconds(idle) + "\n";
    }

    private static String seconds(long nanos) {
        long hundredths = nanos / (SimClock.NANOS_PER_SECOND / 100);
        return String.format("%d.%02d", hundredths / 100, hundredths % 100);
    }
}
