package org.example.library;

import java.util.HashMap;
import java.util.Map;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.reclaim.SwapDevice;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.tools.Mmsim;
import org.mmsim.tools.Scenario;

/**
 * Boots a machine whose swap is written to a device of this program's, one that keeps the pages in memory as zram
 * does and counts what it is asked; a program larger than RAM is swept twice, and the device's figures are printed
 * beside the kernel's own counters.
 */
public final class OwnSwapDevice {
    /** A swap device in memory: a map from slot to page, as zram's table is, with counts of its traffic. */
    public static final class RamDevice implements SwapDevice {
        private final Map<Long, Long> pages = new HashMap<>();
        private long writes;
        private long reads;
        private long peak;

        private static long slot(int type, long offset) {
            return (long) type << 48 | offset;
        }

        @Override
        public void swapon(int type, long slots) {
        }

        @Override
        public void swapoff(int type) {
            pages.keySet().removeIf(slot -> slot >>> 48 == type);
        }

        @Override
        public void write(int type, long offset, long token) {
            pages.put(slot(type, offset), token);
            writes++;
            peak = Math.max(peak, pages.size());
        }

        @Override
        public long read(int type, long offset) {
            reads++;
            return pages.get(slot(type, offset));
        }

        @Override
        public void discard(int type, long offset) {
            pages.remove(slot(type, offset));
        }

        /** Pages written. */
        public long writes() {
            return writes;
        }

        /** Pages read back. */
        public long reads() {
            return reads;
        }

        /** The most pages held at once. */
        public long peak() {
            return peak;
        }
    }

    /** Runs the program; it takes no arguments. */
    public static void main(String[] args) {
        RamDevice device = new RamDevice();
        Machine machine = Mmsim.boot(MachineConfig.builder().ramBytes(128L << 20).swapBytes(256L << 20).build(),
                binder -> binder.bind(SwapDevice.class).toInstance(device));
        Scenario.parse("swap", String.join("\n", "spawn big", "big malloc data 160M", "big touch data write",
                "big touch data read")).run(machine);
        VmStat vmstat = machine.vmstat();
        System.out.printf("device: %d pages written, %d read, at most %d held%n", device.writes(), device.reads(),
                device.peak());
        System.out.printf("vmstat: pswpout %d, pswpin %d%n", vmstat.get(VmItem.PSWPOUT), vmstat.get(VmItem.PSWPIN));
    }
}
