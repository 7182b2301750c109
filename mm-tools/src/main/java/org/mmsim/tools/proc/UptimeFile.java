package org.mmsim.tools.proc;

import org.mmsim.api.time.SimClock;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/uptime}: seconds since boot and seconds the CPUs spent idle, each with two decimals
 * ({@code uptime_proc_show()} in fs/proc/uptime.c). mmsim models no user work, so every CPU is idle all the time.
 */
final class UptimeFile implements ProcFile {
    @Override
    public String path() {
        return "/proc/uptime";
    }

    @Override
    public String render(SimulatedMachine machine) {
        long uptime = machine.clock().nanos();
        long idle = uptime * machine.config().cpus();
        return seconds(uptime) + " " + seconds(idle) + "\n";
    }

    private static String seconds(long nanos) {
        long hundredths = nanos / (SimClock.NANOS_PER_SECOND / 100);
        return String.format("%d.%02d", hundredths / 100, hundredths % 100);
    }
}
