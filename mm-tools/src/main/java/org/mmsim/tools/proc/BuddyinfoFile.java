package org.mmsim.tools.proc;

import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/buddyinfo}: for each populated zone, the free blocks of each order ({@code frag_show_print()} in
 * mm/vmstat.c): {@code "Node %d, zone %8s "} then {@code "%6lu "} per order, so every line ends with a blank.
 */
final class BuddyinfoFile implements ProcFile {
    @Override
    public String path() {
        return "/proc/buddyinfo";
    }

    @Override
    public String render(SimulatedMachine machine) {
        return perOrderLines(machine, (zone, order) -> String.format("%6d ", zone.nrFree(order)));
    }

    /** A line per populated zone, {@code "Node %d, zone %8s "} then one field per order, as mm/vmstat.c prints them. */
    static String perOrderLines(SimulatedMachine machine, java.util.function.BiFunction<ZoneInfo, Integer, String> field) {
        StringBuilder text = new StringBuilder();
        for (ZoneInfo zone : machine.physicalMemory().zones()) {
            if (!zone.populated()) {
                continue;
            }
            text.append(String.format("Node %d, zone %8s ", zone.node(), zone.type().kernelName()));
            for (int order = 0; order < PageOrder.NR_PAGE_ORDERS; order++) {
                text.append(field.apply(zone, order));
            }
            text.append('\n');
        }
        return text.toString();
    }
}
