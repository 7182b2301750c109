package org.mmsim.tools.proc;

import org.mmsim.tools.machine.SimulatedMachine;

/**
 * debugfs {@code extfrag/unusable_index} and {@code extfrag/extfrag_index} (mm/vmstat.c): per populated zone and
 * order, the index in thousandths printed as a decimal with three places.
 */
final class ExtfragFile implements ProcFile {
    private final boolean unusable;

    ExtfragFile(boolean unusable) {
        this.unusable = unusable;
    }

    @Override
    public String path() {
        return "/sys/kernel/debug/extfrag/" + (unusable ? "unusable_index" : "extfrag_index");
    }

    @Override
    public String render(SimulatedMachine machine) {
        return BuddyinfoFile.perOrderLines(machine, (zone, order) -> {
            if (unusable) {
                int index = zone.unusableIndex(order);
                return String.format("%d.%03d ", index / 1000, index % 1000);
            }
            int index = zone.fragmentationIndex(order);
            return String.format("%2d.%03d ", index / 1000, Math.abs(index % 1000));
        });
    }
}
