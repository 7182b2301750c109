package org.mmsim.tools.proc;

import org.mmsim.api.reclaim.Pressure;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/pressure/memory} ({@code psi_show()} in kernel/sched/psi.c): a "some" and a "full" line, each with the
 * 10, 60 and 300 second averages as percentages with two decimals and the total stall in microseconds.
 */
final class PressureFile implements ProcFile {
    @Override
    public String path() {
        return "/proc/pressure/memory";
    }

    @Override
    public String render(SimulatedMachine machine) {
        Pressure pressure = machine.pressure();
        double[] avg = pressure.averages();
        long total = pressure.totalMicros();
        return line("some", avg, total) + line("full", avg, total);
    }

    private static String line(String kind, double[] avg, long total) {
        return String.format("%s avg10=%.2f avg60=%.2f avg300=%.2f total=%d\n", kind, avg[0], avg[1], avg[2], total);
    }
}
