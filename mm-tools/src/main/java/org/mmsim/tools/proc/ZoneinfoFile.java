package org.mmsim.tools.proc;

import java.util.List;
import java.util.stream.Collectors;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code /proc/zoneinfo} in the layout of Linux 6.18 ({@code zoneinfo_show_print()} in mm/vmstat.c): every zone,
 * populated or not; the node's statistics in its first populated zone; pages free, boost, the four watermarks,
 * spanned, present, managed, cma and the protection line; then, for a populated zone, its statistics, its NUMA
 * counters, each CPU's pageset and the vm stats threshold, node_unreclaimable and start_pfn.
 *
 * <p>The node statistics are the machine-wide counters of the items Linux keeps per node; with more than one node,
 * where mmsim does not yet split them by node, the first node shows them and the others show zeros.
 */
final class ZoneinfoFile implements ProcFile {
    /** The per-node items, in the order the sample prints them: nr_inactive_anon through nr_kernel_file_pages. */
    private static final List<VmItem> NODE_STATS = range(VmItem.NR_INACTIVE_ANON, VmItem.NR_KERNEL_FILE_PAGES);
    /** The per-zone items after nr_free_pages and nr_free_pages_blocks: nr_zone_inactive_anon through nr_free_cma. */
    private static final List<VmItem> ZONE_STATS = range(VmItem.NR_ZONE_INACTIVE_ANON, VmItem.NR_FREE_CMA);
    private static final String[] NUMA = {"numa_hit", "numa_miss", "numa_foreign", "numa_interleave", "numa_local", "numa_other"};

    private static List<VmItem> range(VmItem from, VmItem to) {
        return java.util.Arrays.stream(VmItem.values()).filter(i -> i.ordinal() >= from.ordinal() && i.ordinal() <= to.ordinal())
                .filter(i -> !i.kernelName().startsWith("numa_")).collect(Collectors.toList());
    }

    @Override
    public String path() {
        return "/proc/zoneinfo";
    }

    @Override
    public String render(SimulatedMachine machine) {
        StringBuilder text = new StringBuilder();
        VmStat stat = machine.vmstat();
        int nodeWithStats = -1;
        for (ZoneInfo zone : machine.physicalMemory().zones()) {
            text.append(String.format("Node %d, zone %8s%n", zone.node(), zone.type().kernelName()));
            if (zone.populated() && nodeWithStats != zone.node()) {
                nodeWithStats = zone.node();
                text.append("  per-node stats\n");
                for (VmItem item : NODE_STATS) {
                    item(text, item.kernelName(), zone.node() == 0 ? stat.get(item) : 0);
                }
            }
            text.append(String.format("  pages free     %d%n", zone.freePages()));
            text.append(String.format("        boost    %d%n", zone.watermarkBoost()));
            text.append(String.format("        min      %d%n", zone.watermark(0)));
            text.append(String.format("        low      %d%n", zone.watermark(1)));
            text.append(String.format("        high     %d%n", zone.watermark(2)));
            text.append(String.format("        promo    %d%n", zone.watermark(3)));
            text.append(String.format("        spanned  %d%n", zone.spanned()));
            text.append(String.format("        present  %d%n", zone.present()));
            text.append(String.format("        managed  %d%n", zone.managed()));
            text.append(String.format("        cma      %d%n", 0));
            text.append("        protection: (").append(java.util.Arrays.stream(zone.protection()).mapToObj(Long::toString)
                    .collect(Collectors.joining(", "))).append(")\n");
            if (!zone.populated()) {
                continue;
            }
            item(text, "nr_free_pages", zone.freePages());
            item(text, "nr_free_pages_blocks", zone.freePagesInBlocks());
            for (VmItem item : ZONE_STATS) {
                item(text, item.kernelName(), 0);
            }
            long[] numa = zone.numaStats();
            for (int i = 0; i < NUMA.length; i++) {
                item(text, NUMA[i], numa[i]);
            }
            text.append("  pagesets\n");
            for (int cpu = 0; cpu < zone.cpus(); cpu++) {
                int[] p = zone.pcp(cpu);
                text.append(String.format("    cpu: %d%n", cpu));
                text.append(String.format("              count:    %d%n", p[0]));
                text.append(String.format("              high:     %d%n", p[1]));
                text.append(String.format("              batch:    %d%n", p[2]));
                text.append(String.format("              high_min: %d%n", p[3]));
                text.append(String.format("              high_max: %d%n", p[4]));
                text.append(String.format("  vm stats threshold: %d%n", zone.statThreshold()));
            }
            text.append(String.format("  node_unreclaimable:  %d%n", 0));
            text.append(String.format("  start_pfn:           %d%n", zone.startPfn()));
        }
        return text.toString();
    }

    private static void item(StringBuilder text, String name, long value) {
        text.append(String.format("      %-12s %d%n", name, value));
    }
}
