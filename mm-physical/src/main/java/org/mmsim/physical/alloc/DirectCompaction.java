package org.mmsim.physical.alloc;

import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.buddy.Zone;
import org.mmsim.physical.compaction.Compactor;
import org.mmsim.physical.watermark.Watermarks;

/**
 * Direct compaction as the allocator's slow path drives it (mm/page_alloc.c, mm/compaction.c of 6.18):
 * {@code try_to_compact_pages()} over the zones an allocation may use, each zone first checked by
 * {@code compaction_suit_allocation_order()}; the result the slow path weighs; and {@code should_compact_retry()} with
 * its priority escalation and MAX_COMPACT_RETRIES.
 *
 * <p>Of the kernel's results the model has three: {@link #COMPACT_SKIPPED} (too few free order-0 pages to migrate
 * into), {@link #COMPACT_COMPLETE} (the scanners met without a free block of the order) and {@link #COMPACT_SUCCESS}.
 * The model's compactor has one synchronous mode that always scans a zone whole, and no deferral
 * ({@code defer_compaction()}), no lock contention and no pageblock skip hints: so COMPACT_DEFERRED,
 * COMPACT_CONTENDED and COMPACT_PARTIAL_SKIPPED never happen, and the priority, kept and escalated as the kernel does,
 * bounds the retries but does not change how a zone is compacted.
 */
final class DirectCompaction {
    /** {@code COMPACT_SKIPPED}: compaction did not run, for want of free order-0 pages. */
    static final int COMPACT_SKIPPED = 1;
    /** {@code COMPACT_CONTINUE}: a zone worth compacting (never a final result). */
    private static final int COMPACT_CONTINUE = 4;
    /** {@code COMPACT_COMPLETE}: every zone was scanned whole, and no block of the order came of it. */
    static final int COMPACT_COMPLETE = 5;
    /** {@code COMPACT_SUCCESS}: a zone has a free block of the order and meets its watermark for it. */
    static final int COMPACT_SUCCESS = 8;
    /** {@code COMPACT_PRIO_SYNC_FULL}, which is {@code MIN_COMPACT_PRIORITY}: the highest priority. */
    static final int MIN_COMPACT_PRIORITY = 0;
    /** {@code COMPACT_PRIO_SYNC_LIGHT}, which is {@code MIN_COMPACT_COSTLY_PRIORITY}: costly orders go no higher. */
    static final int MIN_COMPACT_COSTLY_PRIORITY = 1;
    /** {@code DEF_COMPACT_PRIORITY}, also COMPACT_PRIO_SYNC_LIGHT: the priority of the rounds after reclaim. */
    static final int DEF_COMPACT_PRIORITY = 1;
    /** {@code COMPACT_PRIO_ASYNC}, {@code INIT_COMPACT_PRIORITY}: the first attempt's, before any reclaim. */
    static final int INIT_COMPACT_PRIORITY = 2;
    /** {@code MAX_COMPACT_RETRIES}. */
    static final int MAX_COMPACT_RETRIES = 16;

    private final Compactor compactor;
    private final VmStat vmstat;

    DirectCompaction(Compactor compactor, VmStat vmstat) {
        this.compactor = compactor;
        this.vmstat = vmstat;
    }

    /**
     * {@code try_to_compact_pages()}: each zone in turn, until one succeeds; the result is the highest of the zones'
     * (the kernel's {@code max()} over its enum). A compaction that ran in some zone counts compact_stall; whether it
     * helped, compact_success or compact_fail, is counted by the caller once it tried the free lists.
     *
     * @param zones the zonelist's zones the allocation may use, in order, and how many of them
     */
    int tryToCompactPages(Zone[] zones, int count, int order, int allocFlags, int highest) {
        int result = COMPACT_SKIPPED;
        for (int i = 0; i < count; i++) {
            Zone zone = zones[i];
            int status = suitAllocationOrder(zone, order, highest, allocFlags);
            if (status == COMPACT_CONTINUE) {
                compactor.compactZone(zone, order);
                status = zone.hasFreeBlock(order) ? COMPACT_SUCCESS : COMPACT_COMPLETE;
            }
            result = Math.max(result, status);
            if (status == COMPACT_SUCCESS) {
                break;
            }
        }
        if (result != COMPACT_SKIPPED) {
            vmstat.inc(VmItem.COMPACT_STALL);
        }
        return result;
    }

    /**
     * {@code compaction_suit_allocation_order()}: success if the zone meets its watermark for the order already,
     * skipped if it is not {@link #suitable}, else worth compacting.
     */
    private static int suitAllocationOrder(Zone zone, int order, int highest, int allocFlags) {
        long mark = zone.watermark(allocFlags & AllocFlags.ALLOC_WMARK_MASK) + zone.watermarkBoost();
        if (AllocFlags.watermarkOk(zone, order, mark, highest, allocFlags, zone.freePages())) {
            return COMPACT_SUCCESS;
        }
        return suitable(zone, order, highest, zone.freePages()) ? COMPACT_CONTINUE : COMPACT_SKIPPED;
    }

    /**
     * {@code __compaction_suitable()}: enough free order-0 pages for the migration targets, above the min watermark
     * (low for costly orders) plus {@code compact_gap()}, twice the request. The kernel's fragmentation-index test for
     * costly orders ({@code extfrag_threshold}) is not made.
     */
    static boolean suitable(Zone zone, int order, int highest, long freePages) {
        long mark = zone.watermark(order > PageOrder.PAGE_ALLOC_COSTLY_ORDER ? Watermarks.LOW : Watermarks.MIN)
                + zone.watermarkBoost() + (2L << order);
        return AllocFlags.watermarkOk(zone, 0, mark, highest, 0, freePages);
    }

    /**
     * {@code should_compact_retry()}: whether another round of reclaim and compaction may get the block. Skipped
     * compaction retries while reclaim could give it the order-0 pages it needs
     * ({@code compaction_zonelist_suitable()}: a zone's free pages and a share of its reclaimable ones, 1/order);
     * a success that the allocation then lost retries up to MAX_COMPACT_RETRIES times (a quarter of that for costly
     * orders); otherwise, and once those are spent, the priority goes up a step while it can (to
     * {@code MIN_COMPACT_PRIORITY}, or {@code MIN_COMPACT_COSTLY_PRIORITY} for costly orders), the count starting over.
     *
     * @param state {@code [compact_priority, compaction_retries]}, updated
     * @param reclaimable {@code zone_reclaimable_pages()} of each zone in {@code zones}
     */
    static boolean shouldCompactRetry(Zone[] zones, long[] reclaimable, int count, int order, int highest,
                                      int result, int[] state) {
        if (order == 0) {
            return false;
        }
        if (result == COMPACT_SKIPPED) {
            for (int i = 0; i < count; i++) {
                long available = reclaimable[i] / order + zones[i].freePages();
                if (suitable(zones[i], order, highest, available)) {
                    return true;
                }
            }
            return false;
        }
        boolean costly = order > PageOrder.PAGE_ALLOC_COSTLY_ORDER;
        if (result == COMPACT_SUCCESS) {
            int maxRetries = costly ? MAX_COMPACT_RETRIES / 4 : MAX_COMPACT_RETRIES;
            if (++state[1] <= maxRetries) {
                return true;
            }
        }
        int minPriority = costly ? MIN_COMPACT_COSTLY_PRIORITY : MIN_COMPACT_PRIORITY;
        if (state[0] > minPriority) {
            state[0]--;
            state[1] = 0;
            return true;
        }
        return false;
    }
}
