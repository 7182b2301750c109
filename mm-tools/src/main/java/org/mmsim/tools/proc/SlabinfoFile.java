package org.mmsim.tools.proc;

import org.mmsim.api.kalloc.SlabInfo;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/slabinfo} (mm/slab_common.c: {@code print_slabinfo_header()}, {@code cache_show()}): the version line,
 * the column header, then one row per cache, newest first, merged caches shown once under the first name. SLUB has no
 * tunables, so those columns and sharedavail are 0, and every slab is "active".
 */
final class SlabinfoFile implements ProcFile {
    @Override
    public String path() {
        return "/proc/slabinfo";
    }

    @Override
    public String render(SimulatedMachine machine) {
        StringBuilder text = new StringBuilder(16384);
        text.append("slabinfo - version: 2.1\n");
        text.append("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> "
                + "<batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
        for (SlabInfo s : machine.slabAllocator().slabinfo()) {
            text.append(row(s.name(), s.activeObjs(), s.numObjs(), s.objSize(), s.objPerSlab(), s.pagesPerSlab(),
                    s.activeSlabs(), s.numSlabs())).append('\n');
        }
        return text.toString();
    }

    /** One cache's row, {@code "%-17s %6lu %6lu %6u %4u %4d"} then the tunables and slabdata columns. */
    static String row(String name, long activeObjs, long numObjs, int objSize, int objPerSlab, int pagesPerSlab,
                      long activeSlabs, long numSlabs) {
        return String.format("%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d", name, activeObjs,
                numObjs, objSize, objPerSlab, pagesPerSlab, 0, 0, 0, activeSlabs, numSlabs, 0);
    }
}
