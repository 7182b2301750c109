package org.mmsim.reclaim.swap;

import org.mmsim.api.kernel.SwapEntry;
import org.mmsim.spi.util.IntLinkedLists;

/**
 * Slot allocation ({@code folio_alloc_swap()} in mm/swapfile.c, the cluster allocator of 6.18, order-0 slots only).
 *
 * <p>The fast path ({@code swap_alloc_fast()}) takes the next free slot of the CPU's current cluster
 * ({@code percpu_swap_cluster}: an area and the offset to scan from), whatever the priorities. When that cluster is
 * used up, the slow path ({@code swap_alloc_slow()}) tries the available areas by priority, moving each behind the
 * others of its priority as it tries it, so areas of one priority take turns cluster by cluster; in an area
 * ({@code cluster_alloc_swap_entry()}) it scans a nonfull cluster first, then a free one (6.17 prefers nonfull
 * clusters on devices that are not discarded page by page), then, when more than half of swap is in use, reclaims
 * the slots of one full cluster that only the swap cache holds, then scans a frag cluster. The cluster it found a slot
 * in becomes the CPU's. An area that fills up leaves the list until a slot of it is freed; if swap is then more than
 * half full, the slots only the swap cache holds in its full clusters are reclaimed (the work
 * {@code swap_range_alloc()} schedules, run at once here).
 *
 * <p>Simplified: mm-api gives the swap layer no current CPU, so the machine has one current cluster, as if every
 * swap-out ran on one CPU (a per-CPU array of cursors is all it would take). After the reclaim of full clusters the
 * nonfull list is scanned once more, so slots the reclaim freed serve this allocation rather than the next.
 */
final class SlotAllocator {
    private final SwapAreas areas;
    private final SwapCachePages cache;
    /** {@code percpu_swap_cluster.si[0]} and {@code .offset[0]}; offset 0: none. */
    private SwapInfo cpuArea;
    private long cpuNext;

    SlotAllocator(SwapAreas areas, SwapCachePages cache) {
        this.areas = areas;
        this.cache = cache;
    }

    /**
     * A free slot, taken for the swap cache ({@code SWAP_HAS_CACHE}).
     *
     * @return its entry, or 0 if swap is full
     */
    long allocate() {
        SwapInfo si = cpuArea;
        long offset = cpuNext;
        if (si != null && offset != 0 && si.writeOk) {
            int c = (int) (offset >>> Clusters.SHIFT);
            if (si.clusters.count(c) < Clusters.SIZE) {
                long found = scan(si, c, si.clusters.count(c) == 0 ? (long) c << Clusters.SHIFT : offset);
                if (found != 0) {
                    return SwapEntry.of(si.type, found);
                }
            }
        }
        for (SwapInfo area : areas.available()) {
            areas.requeue(area);
            long found = allocateIn(area);
            if (found != 0) {
                return SwapEntry.of(area.type, found);
            }
        }
        return 0;
    }

    /** Forgets the CPU's cluster if it is in {@code si} (swapoff). */
    void forget(SwapInfo si) {
        if (cpuArea == si) {
            cpuArea = null;
            cpuNext = 0;
        }
    }

    /** {@code cluster_alloc_swap_entry()}: a slot of {@code si}, or 0. */
    private long allocateIn(SwapInfo si) {
        long found = scanList(si, Clusters.NONFULL, true);
        if (found == 0) {
            found = scanList(si, Clusters.FREE, false);
        }
        boolean reclaimed = found == 0 && areas.swapFull();
        if (reclaimed) {
            reclaimFullClusters(si, false);
        }
        if (found == 0) {
            found = scanList(si, Clusters.FRAG, false);
        }
        if (found == 0 && reclaimed) {
            found = scanList(si, Clusters.NONFULL, true);
        }
        return found;
    }

    /** {@code alloc_swap_scan_list()}: scans the clusters of {@code list} from their start, all or only the first. */
    private long scanList(SwapInfo si, int list, boolean all) {
        int c;
        while ((c = si.clusters.first(list)) != IntLinkedLists.NIL) {
            si.clusters.isolate(c);
            long found = scan(si, c, (long) c << Clusters.SHIFT);
            if (found != 0 || !all) {
                return found;
            }
        }
        return 0;
    }

    /**
     * {@code alloc_swap_scan_cluster()}: the first free slot of cluster {@code c} from {@code from} on (a slot only
     * the swap cache holds counts as free when swap is more than half full: the cache gives it up). The cluster
     * becomes the CPU's, with the slot after the one found as where to go on.
     */
    private long scan(SwapInfo si, int c, long from) {
        long end = Math.min(((long) c + 1) << Clusters.SHIFT, si.max);
        long found = 0;
        long next = 0;
        if (si.clusters.count(c) < Clusters.SIZE) {
            for (long offset = Math.max(from, 1); offset < end; offset++) {
                int v = si.map(offset);
                if (v == SwapInfo.HAS_CACHE && areas.swapFull()) {
                    cache.reclaim(si, offset);
                    v = si.map(offset);
                }
                if (v != 0) {
                    continue;
                }
                si.take(offset);
                found = offset;
                if (si.clusters.count(c) < Clusters.SIZE && offset + 1 < end) {
                    next = offset + 1;
                }
                break;
            }
        }
        si.clusters.relocate(c);
        cpuArea = si;
        cpuNext = next;
        if (found != 0 && si.full() && areas.swapFull()) {
            // swap_range_alloc() schedules reclaim_work when an area fills up; run here and now, as the worker would
            // before long.
            reclaimFullClusters(si, true);
        }
        areas.update(si);
        return found;
    }

    /**
     * {@code swap_reclaim_full_clusters()}: full clusters, first to last (each then goes to the back unless it freed
     * a slot), give up the slots only their swap-cache pages hold; one cluster, or with {@code force} (the
     * reclaim_work of a full area) one per 256 slots in use.
     */
    private void reclaimFullClusters(SwapInfo si, boolean force) {
        long toScan = force ? si.inuse >>> Clusters.SHIFT : 1;
        int c;
        while ((c = si.clusters.first(Clusters.FULL)) != IntLinkedLists.NIL) {
            si.clusters.isolate(c);
            toScan--;
            long end = Math.min(((long) c + 1) << Clusters.SHIFT, si.max);
            for (long offset = Math.max((long) c << Clusters.SHIFT, 1); offset < end; offset++) {
                if (si.map(offset) == SwapInfo.HAS_CACHE) {
                    cache.reclaim(si, offset);
                }
            }
            if (si.clusters.listOf(c) == IntLinkedLists.NIL) {
                si.clusters.relocate(c);
            }
            if (toScan <= 0) {
                break;
            }
        }
    }
}
