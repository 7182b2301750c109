package org.mmsim.tools.proc;

import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.physical.ZoneInfo;
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
        StringBuilder text = new StringBuilder();
        for (ZoneInfo zone : machine.physicalMemory().zones()) {
            if (!zone.populated()) {
                continue;
            }
            text.append(String.format("Node %d, zone %8s ", zone.node(), zone.type().kernelName()));
            for (int order = 0; order < PageOrder.NR_PAGE_ORDERS; order++) {
                if (unusable) {
                    int index = zone.unusableIndex(order);
                    text.append(String.format("%d.%03d ", index / 1000, index % 1000));
                } else {
                    int index = zone.fragmentationIndex(order);
                    text.append(String.format("%2d.%03d ", index / 1000, Math.abs(index % 1000)));
                }
            }
            text.append('\n');
        }
        return text.toString();
    }
}
