package org.mmsim.physical.init;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kernel.ReclaimHook;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.physical.ZoneType;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;

/**
 * The slow path's retry decisions ({@code __alloc_pages_slowpath()}, {@code should_reclaim_retry()} and
 * {@code should_compact_retry()} of mm/page_alloc.c) on a 64 MiB machine (ZONE_DMA and ZONE_DMA32) whose memory a
 * loop of GFP_KERNEL allocations has used up, with a scripted reclaim layer: it frees nothing, reports the progress
 * and the reclaimable pages a test gives it, and counts the rounds of direct reclaim and the OOM killer's calls (which
 * kills nothing, so the allocation then fails).
 */
class SlowpathTest {
    /** A reclaim layer that frees nothing and says what it is told to. */
    static final class ScriptedReclaim implements ReclaimHook {
        /** The progress each round reports, by round; 0 past the end. */
        long[] progress = {};
        IntToLongFunction reclaimable = zone -> 0;
        int rounds;
        int ooms;

        @Override
        public void wakeKswapd(int node, int order, int highestZoneIndex, int gfp) {
            // kswapd frees nothing here either.
        }

        @Override
        public long directReclaim(int gfp, int order, int highestZoneIndex, long nodemask) {
            long p = rounds < progress.length ? progress[rounds] : 0;
            rounds++;
            return p;
        }

        @Override
        public long zoneReclaimablePages(int zone) {
            return reclaimable.applyAsLong(zone);
        }

        @Override
        public boolean outOfMemory(int gfp, int order, long nodemask) {
            ooms++;
            return false;
        }
    }

    private final VmStat vmstat = new VmStat();
    private final ScriptedReclaim reclaim = new ScriptedReclaim();
    private final PhysicalSystem system = MmInit.boot(MachineConfig.builder().ramBytes(64L << 20).build(), vmstat, reclaim);
    private final PageAllocator allocator = system.allocator();
    private final ZoneInfo dma32 = system.zones().stream().filter(z -> z.type() == ZoneType.DMA32).findFirst()
            .orElseThrow();

    SlowpathTest() {
        // Until the min watermarks (and DMA's lowmem reserve) stop GFP_KERNEL, with nothing left on the per-CPU lists
        // (which the slow path drains after progress).
        int got;
        do {
            allocator.drainAllPages();
            got = 0;
            while (allocator.allocPages(Gfp.GFP_KERNEL, 0) != PageAllocator.NO_PAGE) {
                got++;
            }
        } while (got > 0);
        reclaim.rounds = 0;
        reclaim.ooms = 0;
    }

    /** What reclaim must find in DMA32 for {@code __zone_watermark_ok()} at min to pass: free + reclaimable > this. */
    private long dma32Needs() {
        int normal = system.zoneTypes().indexOf(ZoneType.NORMAL);
        return dma32.watermark(0) + dma32.watermarkBoost() + dma32.protection()[normal];
    }

    private long onlyDma32(int zone, long pages) {
        return system.zones().get(zone) == dma32 ? pages : 0;
    }

    @Test
    void progressOnceThenNoneRetriesSeventeenRoundsWithoutProgressBeforeTheOomKiller() {
        reclaim.progress = new long[] {3};
        reclaim.reclaimable = zone -> 1_000_000;
        assertEquals(PageAllocator.NO_PAGE, allocator.allocPages(Gfp.GFP_KERNEL, 0));
        // The round with progress resets no_progress_loops to 0; each round after it counts 1, 2, ... and
        // should_reclaim_retry() gives up once the count is past MAX_RECLAIM_RETRIES (16): at 17.
        assertEquals(1 + 17, reclaim.rounds);
        assertEquals(1, reclaim.ooms);
    }

    @Test
    void reclaimableBarelyEnoughForTheMinWatermarkKeepsRetrying() {
        long needs = dma32Needs() - dma32.freePages() + 1;
        reclaim.reclaimable = zone -> onlyDma32(zone, needs);
        assertEquals(PageAllocator.NO_PAGE, allocator.allocPages(Gfp.GFP_KERNEL, 0));
        assertEquals(17, reclaim.rounds, "no progress ever: 17 rounds, the last one past MAX_RECLAIM_RETRIES");
        assertEquals(1, reclaim.ooms);
    }

    @Test
    void reclaimableShortOfTheMinWatermarkGivesUpAfterOneRound() {
        long needs = dma32Needs() - dma32.freePages();
        reclaim.reclaimable = zone -> onlyDma32(zone, needs);
        assertEquals(PageAllocator.NO_PAGE, allocator.allocPages(Gfp.GFP_KERNEL, 0));
        // free + reclaimable is exactly min + lowmem_reserve: __zone_watermark_ok() wants more, so reclaim cannot
        // help, and the OOM killer runs at once.
        assertEquals(1, reclaim.rounds);
        assertEquals(1, reclaim.ooms);
    }

    @Test
    void progressEveryRoundKeepsRetryingWhileReclaimableMemoryCouldServeIt() {
        reclaim.progress = new long[] {1, 1, 1, 1, 1, 2, 0};
        reclaim.reclaimable = zone -> 1_000_000;
        assertEquals(PageAllocator.NO_PAGE, allocator.allocPages(Gfp.GFP_KERNEL, 0));
        // Six rounds with progress (each resetting the count), then 17 without.
        assertEquals(6 + 17, reclaim.rounds);
    }

    @Test
    void aCostlyOrderGivesUpAfterOneRoundWithoutRetryMayfail() {
        reclaim.progress = new long[] {1, 1, 1};
        reclaim.reclaimable = zone -> 1_000_000;
        assertEquals(PageAllocator.NO_PAGE, allocator.allocPages(Gfp.GFP_KERNEL, 4));
        assertEquals(1, reclaim.rounds);
        assertEquals(0, reclaim.ooms, "the OOM killer never runs for a costly order");
    }

    @Test
    void anOrder2RequestWhoseCompactionIsSkippedAndWhichNoReclaimCanHelpGoesToTheOomKiller() {
        reclaim.progress = new long[] {1};
        assertEquals(PageAllocator.NO_PAGE, allocator.allocPages(Gfp.GFP_KERNEL, 2));
        // Too few free pages to compact into (min + compact_gap): COMPACT_SKIPPED, so no compact_stall, and
        // compaction_zonelist_suitable() sees no reclaimable pages to make up for them.
        assertEquals(1, reclaim.rounds);
        assertEquals(0, vmstat.get(VmItem.COMPACT_STALL));
        assertEquals(1, reclaim.ooms);
    }
}
