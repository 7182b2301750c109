package org.mmsim.physical.compaction;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.kernel.PageMigration;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.physical.buddy.FrameTable;
import org.mmsim.physical.buddy.Pageblocks;
import org.mmsim.physical.buddy.Zone;

/**
 * Memory compaction (mm/compaction.c): two scanners walk a zone towards each other. The migrate scanner goes up from
 * the zone's start a pageblock at a time, isolating allocated pages whose owner lets them move; the free scanner goes
 * down from the end, isolating free pages as targets. Each isolated page is migrated to a target and its old frame
 * freed, so free memory gathers at the bottom into large blocks. Direct compaction for an order stops as soon as a
 * free block of that order exists; full compaction ({@code compact_memory}) runs until the scanners meet.
 *
 * <p>Simplified: one synchronous mode; only order-0 pages migrate; any pageblock may hold migration sources, while
 * targets come only from pageblocks above the migrate scanner (as {@code suitable_migration_target()} would pick
 * movable ones, here any).
 */
public final class Compactor {
    private final FrameTable frames;
    private final VmStat vmstat;
    private final List<PageMigration> owners = new ArrayList<>();

    public Compactor(FrameTable frames, VmStat vmstat) {
        this.frames = frames;
        this.vmstat = vmstat;
    }

    /** Adds an owner compaction may ask to move pages. */
    public void register(PageMigration owner) {
        owners.add(owner);
    }

    /**
     * Compacts one zone.
     *
     * @param order the order wanted (stop once a free block of it exists), or -1 for full compaction
     * @return the pages migrated
     */
    public long compactZone(Zone zone, int order) {
        int migratePfn = zone.start();
        int freePfn = zone.end();
        int[] targets = new int[Pageblocks.PAGES];
        int targetCount = 0;
        long migrated = 0;
        while (migratePfn < freePfn) {
            if (order >= 0 && zone.hasFreeBlock(order)) {
                break;
            }
            int blockEnd = Math.min((migratePfn & -Pageblocks.PAGES) + Pageblocks.PAGES, freePfn);
            for (int pfn = migratePfn; pfn < blockEnd; pfn++) {
                vmstat.inc(VmItem.COMPACT_MIGRATE_SCANNED);
                PageMigration owner = movableOwner(pfn);
                if (owner == null) {
                    continue;
                }
                if (targetCount == 0) {
                    // The free scanner isolates the free pages of the next pageblock down.
                    while (targetCount == 0 && freePfn - Pageblocks.PAGES >= blockEnd) {
                        freePfn -= Pageblocks.PAGES;
                        targetCount = isolateFreePages(zone, freePfn, targets);
                    }
                    if (targetCount == 0) {
                        return migrated;
                    }
                }
                int target = targets[--targetCount];
                vmstat.inc(VmItem.COMPACT_ISOLATED);
                move(owner, pfn, target);
                zone.freeBlock(pfn, 0);
                vmstat.inc(VmItem.PGMIGRATE_SUCCESS);
                migrated++;
            }
            migratePfn = blockEnd;
        }
        release(zone, targets, targetCount);
        return migrated;
    }

    private PageMigration movableOwner(int pfn) {
        if (frames.allocatedOrder(pfn) != 0) {
            return null;
        }
        for (PageMigration owner : owners) {
            if (owner.isMovable(pfn)) {
                return owner;
            }
        }
        return null;
    }

    /** Takes the free blocks of one pageblock and splits them into single target pages ({@code isolate_freepages_block()}). */
    private int isolateFreePages(Zone zone, int blockStart, int[] targets) {
        int count = 0;
        for (int pfn = Math.max(blockStart, zone.start()); pfn < Math.min(blockStart + Pageblocks.PAGES, zone.end()); ) {
            vmstat.inc(VmItem.COMPACT_FREE_SCANNED);
            int order = zone.isolateFreeBlock(pfn);
            if (order < 0) {
                pfn++;
                continue;
            }
            for (int p = pfn; p < pfn + (1 << order); p++) {
                targets[count++] = p;
            }
            vmstat.add(VmItem.COMPACT_ISOLATED, 1L << order);
            pfn += 1 << order;
        }
        // Use the lowest targets last, so free memory gathers from the top down.
        for (int i = 0, j = count - 1; i < j; i++, j--) {
            int t = targets[i];
            targets[i] = targets[j];
            targets[j] = t;
        }
        return count;
    }

    private void move(PageMigration owner, int from, int to) {
        frames.markAllocated(to, 0);
        frames.set(to, frames.flags(from));
        frames.setRefcount(to, frames.refcount(from));
        frames.setMapcount(to, frames.mapcount(from));
        owner.migrate(from, to);
        frames.clearAllocated(from);
        frames.clear(from, org.mmsim.api.physical.PageFlags.MASK);
    }

    /** Gives unused targets back to the free lists ({@code release_freepages()}). */
    private static void release(Zone zone, int[] targets, int count) {
        for (int i = 0; i < count; i++) {
            zone.freeBlock(targets[i], 0);
        }
    }
}
