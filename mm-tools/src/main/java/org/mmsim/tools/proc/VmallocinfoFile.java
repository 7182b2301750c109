package org.mmsim.tools.proc;

import org.mmsim.api.kalloc.VmapArea;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/vmallocinfo} ({@code vmalloc_info_show()} in mm/vmalloc.c): one line an area, by address:
 * {@code 0xSTART-0xEND SIZE CALLER pages=N vmalloc N0=K}, the size with the guard page, the caller as {@code %pS},
 * the addresses as root sees them (unhashed, 16 hex digits on x86-64).
 */
final class VmallocinfoFile implements ProcFile {
    @Override
    public String path() {
        return "/proc/vmallocinfo";
    }

    @Override
    public String render(SimulatedMachine machine) {
        boolean is64 = machine.config().arch() == org.mmsim.api.Arch.X86_64;
        String address = is64 ? "0x%016x" : "0x%08x";
        StringBuilder s = new StringBuilder();
        for (VmapArea a : machine.vmalloc().areas()) {
            s.append(String.format(address + "-" + address + " %7d %s", a.start(), a.end(), a.size(), a.caller()));
            if (a.pages() > 0) {
                s.append(" pages=").append(a.pages());
            }
            s.append(' ').append(a.kind());
            int[] perNode = a.pagesPerNode();
            for (int node = 0; node < perNode.length; node++) {
                if (perNode[node] > 0) {
                    s.append(" N").append(node).append('=').append(perNode[node]);
                }
            }
            s.append('\n');
        }
        return s.toString();
    }
}
