package org.mmsim.reclaim.vmscan;

import java.util.List;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.Timers;

/**
 * kswapd, one per node (mm/vmscan.c): woken by an allocation that found a zone below its low watermark, it reclaims
 * ({@code balance_pgdat()}) until every zone up to the one the allocation wanted is above its high watermark, then
 * sleeps. It works in simulated time: a pass of up to {@link #PASS_PAGES} pages, then the next pass
 * {@link #PASS_NANOS} later, so reclaim shows up over time in /proc/vmstat; a node where passes free nothing is left
 * alone until woken again ({@code kswapd_failures}).
 */
public final class Kswapd {
    /** The pages one pass may reclaim: a batch of SWAP_CLUSTER_MAX at each of the 16 steps a pass may take. */
    static final long PASS_PAGES = 16L * Vmscan.SWAP_CLUSTER_MAX;
    /** The simulated time between passes: a millisecond, the order of a real pass over 2 MiB. */
    static final long PASS_NANOS = 1_000_000;
    private static final int WMARK_HIGH = 2;
    private static final int MAX_RECLAIM_RETRIES = 16;
    private final Vmscan vmscan;
    private final PhysicalMemory memory;
    private final VmStat vmstat;
    private final Timers timers;
    private final boolean[] awake;
    private final int[] highestZone;
    private final int[] failures;

    public Kswapd(Vmscan vmscan, PhysicalMemory memory, VmStat vmstat, Timers timers) {
        this.vmscan = vmscan;
        this.memory = memory;
        this.vmstat = vmstat;
        this.timers = timers;
        int nodes = memory.nodes();
        awake = new boolean[nodes];
        highestZone = new int[nodes];
        failures = new int[nodes];
    }

    /**
     * {@code wakeup_kswapd()}: the node's kswapd runs now, if it is not running already.
     *
     * @param highestZoneIndex the highest zone the allocation may use, as an index into the architecture's zone types
     */
    public void wake(int node, int highestZoneIndex) {
        highestZone[node] = Math.max(highestZone[node], highestZoneIndex);
        if (awake[node]) {
            return;
        }
        if (balanced(node)) {
            vmstat.inc(VmItem.KSWAPD_LOW_WMARK_HIT_QUICKLY);
            return;
        }
        awake[node] = true;
        failures[node] = 0;
        vmstat.inc(VmItem.PAGEOUTRUN);
        timers.schedule(0, now -> pass(node));
    }

    private void pass(int node) {
        long reclaimed = vmscan.shrinkNode(node, PASS_PAGES, true);
        failures[node] = reclaimed == 0 ? failures[node] + 1 : 0;
        if (balanced(node) || failures[node] >= MAX_RECLAIM_RETRIES) {
            if (balanced(node)) {
                vmstat.inc(VmItem.KSWAPD_HIGH_WMARK_HIT_QUICKLY);
            }
            awake[node] = false;
            highestZone[node] = 0;
            return;
        }
        timers.schedule(PASS_NANOS, now -> pass(node));
    }

    /** {@code pgdat_balanced()}: every populated zone up to the wanted one is above its high watermark. */
    private boolean balanced(int node) {
        List<ZoneInfo> zones = memory.zones();
        List<ZoneType> types = memory.zoneTypes();
        for (ZoneInfo zone : zones) {
            if (zone.node() == node && zone.populated() && types.indexOf(zone.type()) <= highestZone[node]
                    && zone.freePages() <= zone.watermark(WMARK_HIGH)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code node}'s kswapd is awake. */
    public boolean awake(int node) {
        return awake[node];
    }
}
