package org.mmsim.tools.proc;

import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.tools.machine.SimulatedMachine;

/** {@code /proc/vmstat}: one {@code name value} line per item, in {@code vmstat_text[]} order (mm/vmstat.c). */
final class VmstatFile implements ProcFile {
    @Override
    public String path() {
        return "/proc/vmstat";
    }

    @Override
    public String render(SimulatedMachine machine) {
        VmStat stat = machine.vmstat();
        StringBuilder text = new StringBuilder(8192);
        for (VmItem item : VmItem.values()) {
            text.append(item.kernelName()).append(' ').append(stat.get(item)).append('\n');
        }
        return text.toString();
    }
}
