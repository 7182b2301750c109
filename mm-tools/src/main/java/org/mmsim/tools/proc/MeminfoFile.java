package org.mmsim.tools.proc;

import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/meminfo} ({@code meminfo_proc_show()} in fs/proc/meminfo.c): each line a label padded to 16 columns,
 * the value in kB right-aligned in 8, then {@code " kB"}. It shows the lines of the layers that have landed:
 * MemTotal (the pages the buddy allocator manages) and MemFree (its free pages).
 */
final class MeminfoFile implements ProcFile {
    @Override
    public String path() {
        return "/proc/meminfo";
    }

    @Override
    public String render(SimulatedMachine machine) {
        return line("MemTotal:", machine.physicalMemory().totalRamPages()) + line("MemFree:", machine.physicalMemory().freePages());
    }

    /** {@code show_val_kb()}: pages shown in kB. */
    static String line(String label, long pages) {
        return String.format("%-16s%8d kB%n", label, pages << 2);
    }
}
