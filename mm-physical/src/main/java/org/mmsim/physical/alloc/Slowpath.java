package org.mmsim.physical.alloc;

import org.mmsim.api.kernel.ReclaimHook;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.MigrateType;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.buddy.FrameTable;
import org.mmsim.physical.buddy.Zone;
import org.mmsim.physical.watermark.Watermarks;

/**
 * {@code __alloc_pages_slowpath()} of mm/page_alloc.c (6.18), for an allocation the fast path could not serve: wake
 * kswapd and try the min watermark; for a costly order, or a higher order that is not movable, compact first; then
 * rounds of direct reclaim ({@code __alloc_pages_direct_reclaim()}: after progress the free lists, then again once
 * the per-CPU lists are drained) and direct compaction, each round ending in the kernel's decisions: give up for
 * __GFP_NORETRY and for costly orders without __GFP_RETRY_MAYFAIL; retry while {@code should_reclaim_retry()} sees a
 * chance, or, after progress, while {@code should_compact_retry()} does; else the OOM killer
 * ({@code __alloc_pages_may_oom()}), and a retry from scratch if it freed something.
 *
 * <p>A nodemask (a memory policy's) bounds every step: the zones tried, reclaimed, compacted and weighed for a retry
 * are those of its nodes, and its OOM is constrained to them.
 *
 * <p>The model has no highatomic reserves, so the kernel's {@code unreserve_highatomic_pageblock()} before giving up
 * has nothing to give back; nor cpusets, so the cpuset and zonelist restarts never happen.
 */
final class Slowpath {
    /** {@code MAX_RECLAIM_RETRIES}: rounds of reclaim without progress before the allocator gives up on reclaim. */
    static final int MAX_RECLAIM_RETRIES = 16;

    private final BuddyPageAllocator allocator;
    private final DirectCompaction compaction;
    private final VmStat vmstat;
    /** For each node and highest zone type ({@code node * types + highest}), the zonelist's zones it may use. */
    private final Zone[][] eligible;
    private final int types;
    /** {@code zone_reclaimable_pages()} of each eligible zone, filled by a retry decision and read at once. */
    private final long[] reclaimable;

    Slowpath(BuddyPageAllocator allocator, Zone[][] eligible, int types, DirectCompaction compaction, VmStat vmstat) {
        this.allocator = allocator;
        this.eligible = eligible;
        this.types = types;
        this.compaction = compaction;
        this.vmstat = vmstat;
        int most = 0;
        for (Zone[] zones : eligible) {
            most = Math.max(most, zones.length);
        }
        this.reclaimable = new long[most];
    }

    /** The slow path for an allocation the fast path failed: a pfn, or {@link FrameTable#NONE}. */
    int allocate(int gfp, int order, int highest, int migratetype, int node, long nodemask) {
        ReclaimHook reclaim = allocator.reclaim();
        int allocFlags = AllocFlags.gfpToAllocFlags(gfp);
        boolean canReclaim = (gfp & Gfp.__GFP_DIRECT_RECLAIM) != 0;
        boolean costly = order > PageOrder.PAGE_ALLOC_COSTLY_ORDER;
        Zone[] zones = within(eligible[node * types + highest], nodemask);
        // wake_all_kswapds() wakes the nodes of the zonelist the mask allows; the model wakes the first of them.
        int kswapdNode = nodemask == org.mmsim.api.physical.PageAllocator.ALL_NODES || zones.length == 0 ? node : zones[0].node();
        if ((allocFlags & AllocFlags.ALLOC_KSWAPD) != 0) {
            reclaim.wakeKswapd(kswapdNode, order, highest, gfp);
        }
        int pfn = allocator.getPageFromFreelist(order, allocFlags, highest, migratetype, node, nodemask);
        if (pfn != FrameTable.NONE || !canReclaim) {
            return pfn;
        }
        // compact_priority, compaction_retries and compact_result, as __alloc_pages_slowpath() keeps them.
        int[] compact = {DirectCompaction.DEF_COMPACT_PRIORITY, 0, DirectCompaction.COMPACT_SKIPPED};
        if (costly || order > 0 && migratetype != MigrateType.MOVABLE.ordinal()) {
            pfn = directCompact(zones, order, allocFlags, highest, migratetype, node, nodemask, compact);
            if (pfn != FrameTable.NONE) {
                return pfn;
            }
            if (costly && (gfp & Gfp.__GFP_NORETRY) != 0) {
                // A costly __GFP_NORETRY request (a THP fault's) gives up if compaction could not even start.
                if (compact[2] == DirectCompaction.COMPACT_SKIPPED) {
                    return FrameTable.NONE;
                }
                compact[0] = DirectCompaction.INIT_COMPACT_PRIORITY;
            }
        }
        int noProgressLoops = 0;
        while (true) {
            long progress = reclaim.directReclaim(gfp, order, highest, nodemask);
            if (progress > 0) {
                pfn = allocator.getPageFromFreelist(order, allocFlags, highest, migratetype, node, nodemask);
                if (pfn == FrameTable.NONE) {
                    // Pages may be pinned on the per-CPU lists: drain them and try once more.
                    allocator.drainAllPages();
                    pfn = allocator.getPageFromFreelist(order, allocFlags, highest, migratetype, node, nodemask);
                }
                if (pfn != FrameTable.NONE) {
                    return pfn;
                }
            }
            if (order > 0) {
                pfn = directCompact(zones, order, allocFlags, highest, migratetype, node, nodemask, compact);
                if (pfn != FrameTable.NONE) {
                    return pfn;
                }
            }
            if ((gfp & Gfp.__GFP_NORETRY) != 0 || costly && (gfp & Gfp.__GFP_RETRY_MAYFAIL) == 0) {
                return FrameTable.NONE;
            }
            // should_reclaim_retry(): a costly order's progress does not count, as its order may stay fragmented.
            noProgressLoops = progress > 0 && !costly ? 0 : noProgressLoops + 1;
            boolean retry = shouldReclaimRetry(reclaim, zones, order, highest, allocFlags, noProgressLoops)
                    || progress > 0 && order > 0 && shouldCompactRetry(reclaim, zones, order, highest, compact);
            if (!retry) {
                pfn = allocator.getPageFromFreelist(order, Watermarks.HIGH, highest, migratetype, node, nodemask);
                if (pfn != FrameTable.NONE) {
                    return pfn;
                }
                // __alloc_pages_may_oom(): the OOM killer never helps a costly order, nor a request that may fail.
                if (costly || (gfp & Gfp.__GFP_RETRY_MAYFAIL) != 0 || !reclaim.outOfMemory(gfp, order, nodemask)) {
                    return FrameTable.NONE;
                }
                noProgressLoops = 0;
            }
            if ((allocFlags & AllocFlags.ALLOC_KSWAPD) != 0) {
                reclaim.wakeKswapd(kswapdNode, order, highest, gfp);
            }
            pfn = allocator.getPageFromFreelist(order, allocFlags, highest, migratetype, node, nodemask);
            if (pfn != FrameTable.NONE) {
                return pfn;
            }
        }
    }

    /** The zones of {@code zones} on a node of {@code nodemask}: all of them, the same array, for every node. */
    private static Zone[] within(Zone[] zones, long nodemask) {
        if (nodemask == org.mmsim.api.physical.PageAllocator.ALL_NODES) {
            return zones;
        }
        return java.util.Arrays.stream(zones).filter(z -> (nodemask >>> z.node() & 1) != 0).toArray(Zone[]::new);
    }

    /**
     * {@code should_reclaim_retry()} after the round's count of rounds without progress: none past
     * MAX_RECLAIM_RETRIES; otherwise a retry as long as some zone would meet its min watermark for the order if all
     * its reclaimable pages were freed ({@code __zone_watermark_ok()} with free + {@code zone_reclaimable_pages()}).
     */
    private boolean shouldReclaimRetry(ReclaimHook reclaim, Zone[] zones, int order, int highest, int allocFlags,
                                       int noProgressLoops) {
        if (noProgressLoops > MAX_RECLAIM_RETRIES) {
            return false;
        }
        for (Zone zone : zones) {
            long available = reclaim.zoneReclaimablePages(zone.index()) + zone.freePages();
            long minWmark = zone.watermark(Watermarks.MIN) + zone.watermarkBoost();
            if (AllocFlags.watermarkOk(zone, order, minWmark, highest, allocFlags, available)) {
                return true;
            }
        }
        return false;
    }

    private boolean shouldCompactRetry(ReclaimHook reclaim, Zone[] zones, int order, int highest, int[] compact) {
        for (int i = 0; i < zones.length; i++) {
            reclaimable[i] = reclaim.zoneReclaimablePages(zones[i].index());
        }
        return DirectCompaction.shouldCompactRetry(zones, reclaimable, zones.length, order, highest, compact[2], compact);
    }

    /**
     * {@code __alloc_pages_direct_compact()}: compaction of the eligible zones, then the free lists; compact_success
     * or compact_fail once compaction ran somewhere. The result goes to {@code compact[2]}.
     */
    private int directCompact(Zone[] zones, int order, int allocFlags, int highest, int migratetype, int node,
                              long nodemask, int[] compact) {
        compact[2] = compaction.tryToCompactPages(zones, zones.length, order, allocFlags, highest);
        if (compact[2] == DirectCompaction.COMPACT_SKIPPED) {
            return FrameTable.NONE;
        }
        int pfn = allocator.getPageFromFreelist(order, allocFlags, highest, migratetype, node, nodemask);
        vmstat.inc(pfn != FrameTable.NONE ? VmItem.COMPACT_SUCCESS : VmItem.COMPACT_FAIL);
        return pfn;
    }
}
