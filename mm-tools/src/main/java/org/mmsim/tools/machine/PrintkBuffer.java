package org.mmsim.tools.machine;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.KernelLog;
import org.mmsim.api.time.SimClock;

/**
 * The kernel's log buffer (kernel/printk/): every line with the simulated time it was logged at, as dmesg prints it
 * ({@code [%5lu.%06lu] }, seconds and microseconds since boot). Nothing is ever dropped: a simulation logs little.
 */
public final class PrintkBuffer implements KernelLog {
    private final SimClock clock;
    private final List<String> lines = new ArrayList<>();
    private int drained;

    @Inject
    PrintkBuffer(SimClock clock) {
        this.clock = clock;
    }

    @Override
    public void printk(String line) {
        long nanos = clock.nanos();
        lines.add(String.format("[%5d.%06d] %s", nanos / 1_000_000_000L, nanos % 1_000_000_000L / 1000, line));
    }

    @Override
    public List<String> drain() {
        List<String> fresh = List.copyOf(lines.subList(drained, lines.size()));
        drained = lines.size();
        return fresh;
    }

    /** Every line logged since boot, oldest first: what {@code dmesg} prints. */
    public List<String> dmesg() {
        return List.copyOf(lines);
    }
}
