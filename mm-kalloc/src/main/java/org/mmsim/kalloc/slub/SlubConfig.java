package org.mmsim.kalloc.slub;

import java.util.List;
import java.util.function.LongToIntFunction;
import org.mmsim.api.Arch;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.ZoneInfo;

/**
 * What the slab allocator needs to know of its machine.
 *
 * @param cpus CPUs, each with its own active slab per cache; also what {@code slub_min_objects} derives from
 * @param nodes NUMA nodes, each with its own partial lists
 * @param word the pointer size in bytes: 8 on x86-64, 4 on i386
 * @param pageOffset where the direct map starts ({@code PAGE_OFFSET})
 * @param pfnLimit one past the highest pfn of memory
 * @param nodeOfPfn the node of a pfn
 * @param slubDebug the {@code slub_debug=} option, empty for none
 */
public record SlubConfig(int cpus, int nodes, int word, long pageOffset, long pfnLimit, LongToIntFunction nodeOfPfn,
                         String slubDebug) {
    /**
     * The allocator's view of a booted machine: the direct map's start for its architecture and paging mode
     * (Documentation/arch/x86/x86_64/mm.rst: 0xffff888000000000 with 4 levels, 0xff11000000000000 with 5; 0xc0000000
     * on i386), and the node of each zone's pfns.
     */
    public static SlubConfig of(MachineConfig machine, List<ZoneInfo> zones) {
        long limit = 0;
        for (ZoneInfo zone : zones) {
            limit = Math.max(limit, zone.startPfn() + zone.spanned());
        }
        long[] starts = new long[zones.size()];
        long[] ends = new long[zones.size()];
        int[] nodeOf = new int[zones.size()];
        for (int i = 0; i < zones.size(); i++) {
            starts[i] = zones.get(i).startPfn();
            ends[i] = starts[i] + zones.get(i).spanned();
            nodeOf[i] = zones.get(i).node();
        }
        LongToIntFunction node = pfn -> {
            for (int i = 0; i < starts.length; i++) {
                if (pfn >= starts[i] && pfn < ends[i]) {
                    return nodeOf[i];
                }
            }
            return 0;
        };
        boolean wide = machine.arch() == Arch.X86_64;
        long pageOffset = !wide ? 0xc0000000L : machine.pagingLevels() == 5 ? 0xff11000000000000L : 0xffff888000000000L;
        return new SlubConfig(machine.cpus(), machine.nodes(), wide ? 8 : 4, pageOffset, limit, node, machine.slubDebug());
    }
}
