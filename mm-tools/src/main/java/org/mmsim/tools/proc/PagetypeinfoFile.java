package org.mmsim.tools.proc;

import java.util.List;
import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/pagetypeinfo} ({@code pagetypeinfo_show()} in mm/vmstat.c), per node: the pageblock order and size,
 * the free blocks per order and migrate type of each populated zone (a count of 100000 or more printed as
 * {@code >100000}), then the pageblocks of each type. The types are those of a kernel without CONFIG_CMA, as on
 * the 6.18 machine of the samples.
 */
final class PagetypeinfoFile implements ProcFile {
    private static final List<MigrateType> TYPES = List.of(MigrateType.UNMOVABLE, MigrateType.MOVABLE,
            MigrateType.RECLAIMABLE, MigrateType.HIGHATOMIC, MigrateType.ISOLATE);
    private static final long CAP = 100000;

    @Override
    public String path() {
        return "/proc/pagetypeinfo";
    }

    @Override
    public String render(SimulatedMachine machine) {
        StringBuilder text = new StringBuilder();
        for (int node = 0; node < machine.physicalMemory().nodes(); node++) {
            text.append("Page block order: ").append(PageOrder.PAGEBLOCK_ORDER).append('\n');
            text.append("Pages per block:  ").append(1 << PageOrder.PAGEBLOCK_ORDER).append('\n');
            text.append('\n');
            text.append(String.format("%-43s ", "Free pages count per migrate type at order"));
            for (int order = 0; order < PageOrder.NR_PAGE_ORDERS; order++) {
                text.append(String.format("%6d ", order));
            }
            text.append('\n');
            for (ZoneInfo zone : zonesOf(machine, node)) {
                for (MigrateType type : TYPES) {
                    text.append(String.format("Node %4d, zone %8s, type %12s ", node, zone.type().kernelName(), type.kernelName()));
                    for (int order = 0; order < PageOrder.NR_PAGE_ORDERS; order++) {
                        long count = zone.nrFree(order, type);
                        text.append(count >= CAP ? String.format(">%6d ", CAP) : String.format("%6d ", count));
                    }
                    text.append('\n');
                }
            }
            text.append(String.format("%n%-23s", "Number of blocks type "));
            for (MigrateType type : TYPES) {
                text.append(String.format("%12s ", type.kernelName()));
            }
            text.append('\n');
            for (ZoneInfo zone : zonesOf(machine, node)) {
                text.append(String.format("Node %d, zone %8s ", node, zone.type().kernelName()));
                long[] blocks = zone.pageblocks();
                for (MigrateType type : TYPES) {
                    text.append(String.format("%12d ", blocks[type.ordinal()]));
                }
                text.append('\n');
            }
        }
        return text.toString();
    }

    private static List<ZoneInfo> zonesOf(SimulatedMachine machine, int node) {
        return machine.physicalMemory().zones().stream().filter(z -> z.node() == node && z.populated()).toList();
    }
}
