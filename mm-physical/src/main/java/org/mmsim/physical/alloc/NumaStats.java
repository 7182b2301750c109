package org.mmsim.physical.alloc;

import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.buddy.Zone;

/**
 * The NUMA allocation counters of mm/vmstat.c, each zone's and their sums in /proc/vmstat: {@code zone_statistics()}
 * of mm/page_alloc.c, and the interleave hit that mm/mempolicy.c counts for an interleaved page.
 */
final class NumaStats {
    /** The counters' indexes in {@link Zone#numaStats()}: {@code enum numa_stat_item}. */
    private static final int NUMA_HIT = 0;
    private static final int NUMA_MISS = 1;
    private static final int NUMA_FOREIGN = 2;
    private static final int NUMA_INTERLEAVE_HIT = 3;
    private static final int NUMA_LOCAL = 4;
    private static final int NUMA_OTHER = 5;

    private final VmStat vmstat;

    NumaStats(VmStat vmstat) {
        this.vmstat = vmstat;
    }

    /**
     * {@code zone_statistics()}: a hit or a miss against the preferred zone's node (the first zone of the zonelist the
     * nodemask allowed), foreign on the preferred zone for a miss, and local or other against the CPU's node.
     */
    void zoneStatistics(Zone preferred, Zone zone, int cpuNode) {
        boolean hit = zone.node() == preferred.node();
        zone.countNuma(hit ? NUMA_HIT : NUMA_MISS);
        vmstat.inc(hit ? VmItem.NUMA_HIT : VmItem.NUMA_MISS);
        if (!hit) {
            preferred.countNuma(NUMA_FOREIGN);
            vmstat.inc(VmItem.NUMA_FOREIGN);
        }
        boolean local = zone.node() == cpuNode;
        zone.countNuma(local ? NUMA_LOCAL : NUMA_OTHER);
        vmstat.inc(local ? VmItem.NUMA_LOCAL : VmItem.NUMA_OTHER);
    }

    /** {@code __count_numa_event(page_zone(page), NUMA_INTERLEAVE_HIT)}. */
    void interleaveHit(Zone zone) {
        zone.countNuma(NUMA_INTERLEAVE_HIT);
        vmstat.inc(VmItem.NUMA_INTERLEAVE);
    }
}
