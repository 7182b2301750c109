package org.mmsim.reclaim.vmscan;

import com.google.inject.Inject;
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
 * alone until woken again ({@code kswapd_failures}). A zone whose watermarks a fragmenting fallback boosted wakes it
 * even when balanced: it then reclaims as many pages as the boosts, clean file pages only (no swap, no writeback),
 * and the boosts are spent when it goes back to sleep. (Linux also counts the boost in the high watermark, and a
 * node below that with a boost reclaims as usual, swap included; here a boost never leads to swapping.)
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
    /** {@code nr_boost_reclaim}: pages still to reclaim for the boosts found at the wake-up. */
    private final long[] boostReclaim;

    @Inject
    public Kswapd(Vmscan vmscan, PhysicalMemory memory, VmStat vmstat, Timers timers) {
        this.vmscan = vmscan;
        this.memory = memory;
        this.vmstat = vmstat;
        this.timers = timers;
        int nodes = memory.nodes();
        awake = new boolean[nodes];
        highestZone = new int[nodes];
        failures = new int[nodes];
        boostReclaim = new long[nodes];
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
        long boost = boost(node);
        if (balanced(node) && boost == 0) {
            vmstat.inc(VmItem.KSWAPD_LOW_WMARK_HIT_QUICKLY);
            return;
        }
        awake[node] = true;
        failures[node] = 0;
        boostReclaim[node] = boost;
        vmstat.inc(VmItem.PAGEOUTRUN);
        timers.schedule(0, now -> pass(node));
    }

    private void pass(int node) {
        boolean boosting = boostReclaim[node] > 0;
        // balance_pgdat(): reclaim_idx is the highest zone kswapd was woken for.
        ScanControl sc = ScanControl.balancePgdat(PASS_PAGES, memory.zoneTypes().get(highestZone[node]), boosting);
        long reclaimed = vmscan.shrinkNode(node, sc);
        failures[node] = reclaimed == 0 ? failures[node] + 1 : 0;
        boostReclaim[node] -= Math.min(boostReclaim[node], reclaimed);
        // A boost that reclaim cannot serve (nothing clean to drop) is given up rather than retried for ever.
        if (boosting && reclaimed == 0) {
            boostReclaim[node] = 0;
        }
        if ((balanced(node) && boostReclaim[node] == 0) || failures[node] >= MAX_RECLAIM_RETRIES) {
            if (balanced(node)) {
                vmstat.inc(VmItem.KSWAPD_HIGH_WMARK_HIT_QUICKLY);
            }
            memory.clearWatermarkBoost(node);
            awake[node] = false;
            highestZone[node] = 0;
            return;
        }
        timers.schedule(PASS_NANOS, now -> pass(node));
    }

    /** The node's watermark boosts, in pages, up to the wanted zone ({@code pgdat_watermark_boosted()}). */
    private long boost(int node) {
        List<ZoneType> types = memory.zoneTypes();
        long sum = 0;
        for (ZoneInfo zone : memory.zones()) {
            if (zone.node() == node && zone.populated() && types.indexOf(zone.type()) <= highestZone[node]) {
                sum += zone.watermarkBoost();
            }
        }
        return sum;
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
