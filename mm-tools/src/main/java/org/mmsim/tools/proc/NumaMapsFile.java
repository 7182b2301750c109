package org.mmsim.tools.proc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mmsim.api.paging.NumaMapStats;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * /proc/PID/numa_maps ({@code show_numa_map()} in fs/proc/task_mmu.c): a line per VMA, its start, the memory policy
 * that allocates there, what it maps ({@code file=PATH}, {@code heap}, {@code stack}, {@code huge}), then, if any page
 * is present, the counts that are not zero or not implied — anon, dirty, mapped (only when it differs from both),
 * mapmax (above 1), swapcache, active (below the pages), writeback — the pages on each node with memory, and
 * kernelpagesize_kB.
 */
final class NumaMapsFile {
    private NumaMapsFile() {
    }

    /** The file of process {@code pid}. */
    static String of(SimulatedMachine machine, int pid) {
        Map<Long, String> names = new HashMap<>();
        for (VmaInfo vma : machine.processes().vmas(pid)) {
            names.put(vma.start(), vma.name());
        }
        StringBuilder text = new StringBuilder();
        List<NumaMapStats> lines = machine.processes().mempolicies().numaMaps(pid);
        for (NumaMapStats md : lines) {
            text.append(String.format("%08x %s", md.start(), md.policy()));
            String name = names.getOrDefault(md.start(), "");
            if (name.startsWith("/")) {
                text.append(" file=").append(escape(name));
            } else if (name.equals("[heap]")) {
                text.append(" heap");
            } else if (name.equals("[stack]")) {
                text.append(" stack");
            }
            boolean hugetlb = md.pageSize() > 4096;
            if (hugetlb) {
                text.append(" huge");
            }
            if (md.pages() > 0) {
                append(text, "anon", md.anon());
                append(text, "dirty", md.dirty());
                if (md.pages() != md.anon() && md.pages() != md.dirty()) {
                    text.append(" mapped=").append(md.pages());
                }
                if (md.mapcountMax() > 1) {
                    text.append(" mapmax=").append(md.mapcountMax());
                }
                append(text, "swapcache", md.swapcache());
                if (md.active() < md.pages() && !hugetlb) {
                    text.append(" active=").append(md.active());
                }
                append(text, "writeback", md.writeback());
                for (int node = 0; node < md.nodes().length; node++) {
                    append(text, "N" + node, md.nodes()[node]);
                }
                text.append(" kernelpagesize_kB=").append(md.pageSize() >> 10);
            }
            text.append('\n');
        }
        return text.toString();
    }

    /**
     * {@code seq_file_path(m, file, "\n\t= ")}: a newline, tab, space or {@code =} of the path as an octal escape
     * ({@code /anon_hugepage\040(deleted)}), so that a line splits at its spaces.
     */
    static String escape(String path) {
        StringBuilder text = new StringBuilder();
        for (char c : path.toCharArray()) {
            text.append("\n\t= ".indexOf(c) >= 0 ? String.format("\\%03o", (int) c) : String.valueOf(c));
        }
        return text.toString();
    }

    /** {@code " KEY=VALUE"} for a count that is not zero. */
    private static void append(StringBuilder text, String key, long value) {
        if (value != 0) {
            text.append(' ').append(key).append('=').append(value);
        }
    }
}
