package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageOrder;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * Watermark boosting (mm/page_alloc.c boost_watermark(), mm/vmscan.c balance_pgdat()): on memory fragmented by
 * movable pages, kernel allocations that run out of unmovable pageblocks fall back to pieces of movable ones; each
 * such fallback below a pageblock boosts the zone's
 * watermarks by a pageblock, up to watermark_boost_factor (150%) of the high watermark; kswapd wakes although the node
 * is balanced, reclaims as many clean file pages as the boost without swapping, and the boost is spent.
 */
class WatermarkBoostTest {
    private final SimulatedMachine machine = MachineAssembler.boot(MachineConfig.builder().ramBytes(512L << 20)
            .swapBytes(256L << 20).build(), PolicyRegistry.load(Optional.empty()));

    private ZoneInfo boosted() {
        return machine.physicalMemory().zones().stream().filter(z -> z.watermarkBoost() > 0).findFirst().orElse(null);
    }

    /**
     * Fills free memory with movable pages and frees every other one: no free pageblock is left whole. It leaves the
     * free pages of the boot's unmovable and reclaimable pageblocks alone (a movable allocation taking them would
     * fall back, and boost, before the test's own fallback).
     */
    private void fragment() {
        long[] pages = new long[(int) (machine.physicalMemory().freePages() - 16384)];
        for (int i = 0; i < pages.length; i++) {
            pages[i] = machine.pageAllocator().allocPages(Gfp.GFP_HIGHUSER_MOVABLE, 0);
        }
        for (int i = 0; i < pages.length; i += 2) {
            machine.pageAllocator().freePages(pages[i], 0);
        }
    }

    @Test
    void aFragmentingFallbackBoostsTheWatermarksAndKswapdSpendsTheBoostOnCleanCache() {
        var file = machine.files().create("/data/cache", 128L << 20);
        machine.files().read(1, file, 0, 128L << 20, null);
        fragment();
        machine.advance(1_000_000_000L);
        long runs = machine.vmstat().get(VmItem.PAGEOUTRUN);
        ZoneInfo zone = null;
        for (int i = 0; i < 100_000 && zone == null; i++) {
            machine.pageAllocator().allocPages(Gfp.GFP_KERNEL, 0);
            zone = boosted();
        }
        assertTrue(zone != null, "unmovable allocations fell back to movable pageblocks");
        long pageblock = 1L << PageOrder.PAGEBLOCK_ORDER;
        long maxBoost = Math.max(pageblock, zone.watermark(2) * 15000 / 10000);
        assertEquals(Math.min(pageblock, maxBoost), zone.watermarkBoost(), "one pageblock's worth");
        assertEquals(runs + 1, machine.vmstat().get(VmItem.PAGEOUTRUN), "kswapd woke although the node is balanced");
        long stolen = machine.vmstat().get(VmItem.PGSTEAL_KSWAPD);
        machine.advance(1_000_000_000L);
        assertEquals(0, zone.watermarkBoost(), "the boost is spent");
        assertTrue(machine.vmstat().get(VmItem.PGSTEAL_KSWAPD) - stolen >= pageblock, "kswapd reclaimed the boost");
        assertEquals(0, machine.vmstat().get(VmItem.PSWPOUT), "boosted reclaim neither swaps nor writes");
    }

    @Test
    void aBoostFactorOfZeroTurnsBoostingOff() {
        machine.physicalMemory().setWatermarkBoostFactor(0);
        fragment();
        for (int i = 0; i < 20_000; i++) {
            machine.pageAllocator().allocPages(Gfp.GFP_KERNEL, 0);
            assertEquals(null, boosted());
        }
    }
}
