package org.mmsim.tools.proc;

import org.mmsim.api.reclaim.SwapArea;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/swaps} ({@code swap_show()} in mm/swapfile.c): a header, then one line per area in type order. The
 * path (its blanks and backslashes escaped as octal, as {@code seq_file_path()} does) is padded to 40 columns with at
 * least one blank; the type is {@code partition} or {@code file} and a tab; Size and Used are in kB, each followed by
 * a second tab while below 10000000; then the priority.
 */
final class SwapsFile implements ProcFile {
    static final String HEADER = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n";

    @Override
    public String path() {
        return "/proc/swaps";
    }

    @Override
    public String render(SimulatedMachine machine) {
        StringBuilder text = new StringBuilder(HEADER);
        for (SwapArea area : machine.swap().areas()) {
            String path = escape(area.path());
            long size = area.pages() * 4;
            long used = area.used() * 4;
            text.append(path).append(" ".repeat(path.length() < 40 ? 40 - path.length() : 1))
                    .append(area.type().equals("partition") ? "partition" : "file\t").append('\t')
                    .append(size).append('\t').append(size < 10000000 ? "\t" : "")
                    .append(used).append('\t').append(used < 10000000 ? "\t" : "")
                    .append(area.priority()).append('\n');
        }
        return text.toString();
    }

    /** {@code seq_file_path(m, file, " \t\n\\")}: those characters as {@code \ooo}. */
    private static String escape(String path) {
        StringBuilder out = new StringBuilder(path.length());
        for (char c : path.toCharArray()) {
            if (c == ' ' || c == '\t' || c == '\n' || c == '\\') {
                out.append(String.format("\\%03o", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
