package org.mmsim.tools.proc;

import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/vmstat}: one {@code name value} line per item, in {@code vmstat_text[]} order (mm/vmstat.c). The two
 * dirty thresholds are computed as the file is read, as {@code vmstat_start()} calls {@code global_dirty_limits()}.
 */
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
            long value = item == VmItem.NR_DIRTY_THRESHOLD ? machine.writeback().dirtyThreshold()
                    : item == VmItem.NR_DIRTY_BACKGROUND_THRESHOLD ? machine.writeback().backgroundThreshold() : stat.get(item);
            text.append(item.kernelName()).append(' ').append(value).append('\n');
        }
        return text.toString();
    }
}
